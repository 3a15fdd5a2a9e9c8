import { FlowContent, FlowDocument } from '../model/flow-document';
import { LEGACY_MAPPING_MARKER, placeholder, PlaceholderKind } from '../model/placeholders';
import { classifyArn, parseArn, replaceArns } from './arn';
import { harvestMetadataNames } from './harvest-metadata-names';
import { unnamedPlaceholder } from './unnamed-placeholder';

/** Options of {@link normalizeFlow}. */
export interface NormalizeOptions {
  /**
   * Names of resources by ARN or by resource id (queue, prompt, hours, flow, module and Lex bot
   * ids), e.g. from `--names FILE` or from the instance's own lists. Takes precedence over names
   * found in the flow's metadata and in Lambda ARNs.
   * @default no names: metadata, Lambda ARNs, then ids
   */
  readonly names?: Readonly<Record<string, string>>;
}

/** An ARN turned into a placeholder built from its id, because no name was found for it. */
export interface UnresolvedReference {
  readonly kind: PlaceholderKind | 'unnamed';
  /** Resource id (or resource path for `unnamed`). */
  readonly id: string;
  /** The placeholder written in its place. */
  readonly placeholder: string;
}

/** The normalized document and what still needs attention. */
export interface NormalizeResult {
  readonly document: FlowDocument;
  /** Distinct references that got an id-based placeholder, in order of first appearance. */
  readonly unresolved: readonly UnresolvedReference[];
  /** How many ARNs (occurrences) were replaced. */
  readonly replaced: number;
}

/**
 * Turns every account-specific ARN in a flow into a deploy-time placeholder: a Lambda function is
 * named from its ARN, other resources from `options.names`, then from the flow's metadata, else by
 * their id (reported in `unresolved`). ARNs of kinds the deployment cannot resolve become
 * `${unnamed:...}` (also reported). AWS-managed ARNs (account `aws`) and ARNs without an account
 * stay as they are, and the legacy `<<ARNREPLACE>>` becomes `${mapping-function}`. Every action,
 * identifier and transition is kept.
 */
export function normalizeFlow(doc: FlowDocument, options: NormalizeOptions = {}): NormalizeResult {
  const names = options.names ?? {};
  const fromMetadata = harvestMetadataNames(doc.content);
  const unresolved = new Map<string, UnresolvedReference>();
  let replaced = 0;

  const rewrite = (text: string): string =>
    replaceArns(text.split(LEGACY_MAPPING_MARKER).join(placeholder('mapping-function')), (arn) => {
      if (!/^\d{12}$/.test(parseArn(arn).account)) return arn;
      replaced++;
      const ref = classifyArn(arn);
      if (ref.kind === 'unnamed') {
        const ph = unnamedPlaceholder(ref.service, ref.path);
        if (!unresolved.has(ph)) unresolved.set(ph, { kind: 'unnamed', id: ref.path, placeholder: ph });
        return ph;
      }
      const name = usable(names[arn] ?? names[ref.id] ?? ref.nameFromArn ?? fromMetadata.get(arn));
      if (name !== undefined) return placeholder(ref.kind, name);
      const ph = placeholder(ref.kind, ref.id);
      if (!unresolved.has(ph)) unresolved.set(ph, { kind: ref.kind, id: ref.id, placeholder: ph });
      return ph;
    });

  const content = mapStrings(doc.content, rewrite) as FlowContent;
  const document: FlowDocument = {
    name: doc.name,
    type: doc.type,
    ...(doc.description !== undefined ? { description: rewrite(doc.description) } : {}),
    content,
  };
  return { document, unresolved: [...unresolved.values()], replaced };
}

/** A name can go into a placeholder unless it is empty or contains `}`. */
function usable(name: string | undefined): string | undefined {
  return name !== undefined && name.trim() !== '' && !name.includes('}') ? name.trim() : undefined;
}

/** Copies a JSON value, rewriting every string value and object key. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapStrings(v, f)]));
  }
  return value;
}
