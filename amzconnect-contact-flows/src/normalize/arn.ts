import { PlaceholderKind } from '../model/placeholders';

/** An ARN anywhere in a string; the account is 12 digits, `aws` (AWS-managed) or empty. */
const ARN_RE = /arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12}|aws)?:[A-Za-z0-9_\-/:.$@+=,*]+/g;

/** The parts of an ARN. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Every ARN in a string. */
export function findArns(text: string): string[] {
  return [...text.matchAll(ARN_RE)].map((m) => m[0]);
}

/** Every ARN in a string that carries a 12-digit account id (AWS-managed ARNs carry `aws`). */
export function accountArns(text: string): string[] {
  return findArns(text).filter((arn) => /^\d{12}$/.test(parseArn(arn).account));
}

/** Replaces every ARN in a string with `replace(arn)`. */
export function replaceArns(text: string, replace: (arn: string) => string): string {
  return text.replace(ARN_RE, replace);
}

/** Splits an ARN into its parts (the resource keeps any `:` it contains). */
export function parseArn(arn: string): ArnParts {
  const [, partition = '', service = '', region = '', account = '', ...rest] = arn.split(':');
  return { partition, service, region, account, resource: rest.join(':') };
}

/** What an account-specific ARN refers to. */
export type ArnReference =
  /** A resource the deployment resolves by name; `nameFromArn` when the ARN carries the name. */
  | { readonly kind: PlaceholderKind; readonly id: string; readonly nameFromArn?: string }
  /** Anything else: service and resource path without account or instance. */
  | { readonly kind: 'unnamed'; readonly service: string; readonly path: string };

const CONNECT_KINDS: Readonly<Record<string, PlaceholderKind>> = {
  queue: 'queue',
  prompt: 'prompt',
  'operating-hours': 'hours',
  'contact-flow': 'flow',
  'flow-module': 'module',
};

/** Classifies an ARN by service and resource type. */
export function classifyArn(arn: string): ArnReference {
  const { service, resource } = parseArn(arn);
  if (service === 'lambda') {
    const m = /^function:([^:]+)/.exec(resource);
    if (m) return { kind: 'lambda', id: m[1], nameFromArn: m[1] };
  }
  if (service === 'lex') {
    const v2 = /^bot-alias\/([^/]+)\/([^/]+)$/.exec(resource);
    if (v2) return { kind: 'lex', id: v2[1] };
    const v1 = /^bot:([^:]+)/.exec(resource);
    if (v1) return { kind: 'lex', id: v1[1], nameFromArn: v1[1] };
  }
  if (service === 'connect') {
    const m = /^instance\/[^/]+\/([a-z-]+)\/([^/:]+)$/.exec(resource);
    if (m && CONNECT_KINDS[m[1]] !== undefined) return { kind: CONNECT_KINDS[m[1]], id: m[2] };
    const path = resource.replace(/^instance\/[^/]+\/?/, '') || 'instance';
    return { kind: 'unnamed', service, path };
  }
  return { kind: 'unnamed', service, path: resource };
}
