import { canonicalJson } from './canonical-json';
import { InstanceSnapshot } from './instance-snapshot';

/** What changed between the deployed content of a flow and the content a run would write. */
export interface FlowDiff {
  readonly addedBlocks: readonly string[];
  readonly removedBlocks: readonly string[];
  /** `Identifier (Type): changed fields` of blocks present in both. */
  readonly changedBlocks: readonly string[];
  /** References (e.g. `queue:Sales`) the new content has and the deployed one has not. */
  readonly addedReferences: readonly string[];
  readonly removedReferences: readonly string[];
  /** Other top-level changes: `StartAction`, `Metadata` (layout), ... */
  readonly otherChanges: readonly string[];
}

interface Block {
  readonly Identifier?: string;
  readonly Type?: string;
  readonly [key: string]: unknown;
}

/** Names ARNs of an instance by what they are (`queue:Sales`), for readable reference diffs. */
export function referenceLabels(
  snapshot: InstanceSnapshot,
  repoName: (deployed: string) => string,
): Map<string, string> {
  const labels = new Map<string, string>();
  for (const q of snapshot.queues) labels.set(q.arn, `queue:${q.name}`);
  for (const p of snapshot.prompts) labels.set(p.arn, `prompt:${p.name}`);
  for (const h of snapshot.hours) labels.set(h.arn, `hours:${h.name}`);
  for (const f of snapshot.flows) labels.set(f.arn, `flow:${repoName(f.name)}`);
  for (const m of snapshot.modules) labels.set(m.arn, `module:${repoName(m.name)}`);
  return labels;
}

const ARN_RE = /arn:aws[a-z-]*:[a-z0-9-]+:[^"\s]*/g;

/** Compares two flow contents (JSON strings) block by block (pure). */
export function diffFlowContent(
  deployed: string | undefined,
  desired: string,
  labels: ReadonlyMap<string, string>,
): FlowDiff {
  const before = parse(deployed);
  const after = parse(desired);
  const beforeBlocks = new Map(blocks(before).map((b) => [String(b.Identifier), b]));
  const afterBlocks = new Map(blocks(after).map((b) => [String(b.Identifier), b]));
  const label = (b: Block) => `${b.Identifier} (${b.Type})`;
  const changedBlocks: string[] = [];
  for (const [id, b] of afterBlocks) {
    const old = beforeBlocks.get(id);
    if (!old) continue;
    const fields = [...new Set([...Object.keys(old), ...Object.keys(b)])]
      .filter((k) => canonicalJson(old[k]) !== canonicalJson(b[k]))
      .sort();
    if (fields.length > 0) changedBlocks.push(`${label(b)}: ${fields.join(', ')}`);
  }
  const refs = (text: string | undefined) =>
    new Set([...(text ?? '').matchAll(ARN_RE)].map((m) => labels.get(m[0]) ?? labelUnknownArn(m[0])));
  const beforeRefs = refs(deployed);
  const afterRefs = refs(desired);
  const otherChanges = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => k !== 'Actions' && canonicalJson(before[k]) !== canonicalJson(after[k]))
    .sort();
  return {
    addedBlocks: [...afterBlocks.values()].filter((b) => !beforeBlocks.has(String(b.Identifier))).map(label),
    removedBlocks: [...beforeBlocks.values()]
      .filter((b) => !afterBlocks.has(String(b.Identifier)))
      .map(label),
    changedBlocks,
    addedReferences: [...afterRefs].filter((r) => !beforeRefs.has(r)).sort(),
    removedReferences: [...beforeRefs].filter((r) => !afterRefs.has(r)).sort(),
    otherChanges,
  };
}

function labelUnknownArn(arn: string): string {
  const lambda = /:function:([^:]+)/.exec(arn);
  if (lambda) return `lambda:${lambda[1]}`;
  if (arn.includes(':lex:')) return `lex:${arn.split(':').pop()}`;
  return arn;
}

function parse(text: string | undefined): Record<string, unknown> {
  try {
    const v = JSON.parse(text ?? '{}') as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function blocks(doc: Record<string, unknown>): Block[] {
  return Array.isArray(doc.Actions) ? (doc.Actions as Block[]) : [];
}
