import { CONTACT_FLOW_TYPES, FlowDocument } from '../model/flow-document';

/** Marker of a flow bundle file. */
export const FLOW_BUNDLE_FORMAT = 'amzconnect-flow-bundle';

/**
 * The repository's flows and modules as one JSON file: what the contact-flows stack uploads as
 * an asset and the provisioner Lambda deploys. Documents are sorted by type and name so equal
 * flow sets give byte-identical bundles (and equal asset hashes).
 */
export interface FlowBundle {
  readonly format: typeof FLOW_BUNDLE_FORMAT;
  readonly version: 1;
  readonly documents: readonly FlowDocument[];
  /**
   * Lambda and Lex bot names the repository defines (the toolchain's catalog), so the
   * provisioner resolves `$.External.Lambda_<name>` / `Lex_<name>` keys exactly. @default none
   */
  readonly catalogNames?: { readonly lambdas?: readonly string[]; readonly bots?: readonly string[] };
}

/** Serializes documents into a bundle, deterministically. */
export function serializeFlowBundle(
  documents: readonly FlowDocument[],
  catalogNames?: FlowBundle['catalogNames'],
): string {
  const sorted = [...documents].sort((a, b) => byCodePoint(a.type, b.type) || byCodePoint(a.name, b.name));
  const names = catalogNames && {
    ...(catalogNames.lambdas ? { lambdas: [...catalogNames.lambdas].sort(byCodePoint) } : {}),
    ...(catalogNames.bots ? { bots: [...catalogNames.bots].sort(byCodePoint) } : {}),
  };
  const bundle: FlowBundle = {
    format: FLOW_BUNDLE_FORMAT,
    version: 1,
    documents: sorted,
    ...(names ? { catalogNames: names } : {}),
  };
  return `${JSON.stringify(bundle)}\n`;
}

/** Locale-independent order, so the bundle (and its asset hash) is the same on every machine. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses a bundle, checking the shape of every document; throws one error listing every problem.
 */
export function parseFlowBundle(text: string, source = 'flow bundle'): FlowBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message}).`);
  }
  const b = raw as Partial<FlowBundle>;
  if (b?.format !== FLOW_BUNDLE_FORMAT || b.version !== 1 || !Array.isArray(b.documents)) {
    throw new Error(`${source}: not a version 1 ${FLOW_BUNDLE_FORMAT} (format, version, documents).`);
  }
  const types = new Set<string>([...CONTACT_FLOW_TYPES, 'MODULE']);
  const problems: string[] = [];
  const seen = new Set<string>();
  b.documents.forEach((d, i) => {
    const where = `documents[${i}]${typeof d?.name === 'string' && d.name ? ` (${d.name})` : ''}`;
    if (typeof d?.name !== 'string' || d.name.length === 0)
      problems.push(`${where}.name: must be a non-empty string`);
    if (!types.has(d?.type)) problems.push(`${where}.type: must be one of ${[...types].join(', ')}`);
    if (d?.description !== undefined && typeof d.description !== 'string')
      problems.push(`${where}.description: must be a string`);
    const c = d?.content;
    if (!c || typeof c !== 'object' || typeof c.StartAction !== 'string' || !Array.isArray(c.Actions)) {
      problems.push(`${where}.content: must be a flow language object with StartAction and Actions`);
    }
    const key = `${d?.type === 'MODULE' ? 'module' : 'flow'}:${d?.name}`;
    if (seen.has(key)) problems.push(`${where}.name: duplicate ${key}`);
    seen.add(key);
  });
  const names = b.catalogNames;
  for (const list of ['lambdas', 'bots'] as const) {
    const v = names?.[list];
    if (v !== undefined && (!Array.isArray(v) || v.some((n) => typeof n !== 'string')))
      problems.push(`catalogNames.${list}: must be a list of names`);
  }
  if (problems.length > 0)
    throw new Error(`${source}: ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return b as FlowBundle;
}
