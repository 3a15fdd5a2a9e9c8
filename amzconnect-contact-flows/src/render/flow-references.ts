import { strings } from '../lint/flow-walk';
import { FlowAction } from '../model/flow-document';
import { MAPPING_KEY_PREFIXES } from '../model/mapping-key';
import { findPlaceholders, PlaceholderKind } from '../model/placeholders';

/** A resource a block refers to, by kind and name (e.g. queue `ACME_Sales`). */
export interface FlowReference {
  /** `queue`, `prompt`, `hours`, `flow`, `module`, `lambda`, `lex`, or the ARN's service. */
  readonly kind: string;
  /** Name of the resource, or the last part of an ARN no label names. */
  readonly name: string;
}

const EXTERNAL_RE = /\$\.External\.([A-Za-z0-9_-]+)/g;
const ARN_RE = /arn:aws[a-z-]*:[a-z0-9-]+:[^"\s]*/g;
const PREFIX_TO_KIND = new Map(
  Object.entries(MAPPING_KEY_PREFIXES).map(([kind, prefix]) => [`${prefix}_`, kind as PlaceholderKind]),
);

/**
 * The resources one block refers to, in order of first appearance, each once: deploy-time
 * placeholders (`${queue:Sales}`), run-time mapping keys (`$.External.Queue_Sales`), and ARNs
 * (named through `arnLabels`, e.g. an instance's `arn → "queue:Sales"`, else by their resource
 * part). Pure.
 */
export function flowReferences(
  action: Pick<FlowAction, 'Parameters'>,
  arnLabels: ReadonlyMap<string, string> = new Map(),
): FlowReference[] {
  const found = new Map<string, FlowReference>();
  const add = (kind: string, name: string) => {
    const key = `${kind}:${name}`;
    if (!found.has(key)) found.set(key, { kind, name });
  };
  for (const text of strings(action.Parameters)) {
    for (const p of findPlaceholders(text)) {
      if (p.kind === 'mapping-function') add('lambda', 'mapping function');
      else add(p.kind, p.name);
    }
    for (const m of text.matchAll(EXTERNAL_RE)) {
      const prefix = [...PREFIX_TO_KIND.keys()].find((k) => m[1].startsWith(k));
      if (prefix !== undefined) add(PREFIX_TO_KIND.get(prefix) as string, m[1].slice(prefix.length));
    }
    for (const m of text.matchAll(ARN_RE)) {
      const label = arnLabels.get(m[0]);
      if (label !== undefined) {
        const colon = label.indexOf(':');
        add(label.slice(0, colon), label.slice(colon + 1));
      } else {
        add(...arnKindAndName(m[0]));
      }
    }
  }
  return [...found.values()];
}

/**
 * Kind and name of an ARN that no label names. Lambda ARNs carry the function name
 * (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`); other ARNs are named by
 * their last resource segment, which for Connect resources is the resource id.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
function arnKindAndName(arn: string): [string, string] {
  const lambda = /:function:([^:]+)/.exec(arn);
  if (lambda) return ['lambda', lambda[1]];
  const service = arn.split(':')[2] ?? 'arn';
  const resource = arn.split(':').slice(5).join(':');
  return [service, resource.split('/').pop() ?? resource];
}
