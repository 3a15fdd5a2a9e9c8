import { canonicalJson } from '../deploy/canonical-json';
import { FlowAction, FlowContent } from '../model/flow-document';
import { BlockMark } from './flow-graph';

/** One changed value of a block, at a JSON path (`Parameters.Text`). */
export interface ParameterChange {
  readonly path: string;
  /** Compact JSON of the deployed value; `undefined` when the field is new. */
  readonly before?: string;
  /** Compact JSON of the new value; `undefined` when the field is gone. */
  readonly after?: string;
}

/** How the blocks of a flow change between the deployed content and the repository's. */
export interface BlockChanges {
  /** Marks by identifier: `added` and `changed` blocks of the new content, `removed` ones of the old. */
  readonly marks: ReadonlyMap<string, BlockMark>;
  /** The deployed blocks the new content no longer has, in their deployed order. */
  readonly removed: readonly FlowAction[];
  /** Changed values of each changed block, by identifier, in the new content's order. */
  readonly changes: ReadonlyMap<string, readonly ParameterChange[]>;
}

/**
 * Compares two flow contents block by block (pure). Blocks are matched by `Identifier`; a block
 * is changed when its type, parameters or transitions differ after ARNs are replaced by their
 * labels, so the deployed content (ARNs) and the repository's (placeholders resolved to the same
 * ARNs) compare by meaning. Values are compared as canonical JSON (key order ignored).
 *
 * @param deployed the deployed content as Connect returns it (JSON string), `undefined` for a new flow
 * @param desired the resolved content the deployment would write (JSON string)
 * @param arnLabels `arn → "queue:Sales"`, shown instead of ARNs in the changes
 */
export function blockChanges(
  deployed: string | undefined,
  desired: string,
  arnLabels: ReadonlyMap<string, string> = new Map(),
): BlockChanges {
  const before = actionsOf(parseContent(deployed, arnLabels));
  const after = actionsOf(parseContent(desired, arnLabels));
  const beforeById = new Map(before.map((a) => [a.Identifier, a]));
  const afterIds = new Set(after.map((a) => a.Identifier));
  const marks = new Map<string, BlockMark>();
  const changes = new Map<string, ParameterChange[]>();
  for (const action of after) {
    const old = beforeById.get(action.Identifier);
    if (old === undefined) {
      marks.set(action.Identifier, 'added');
      continue;
    }
    const diff = valueChanges(flatten(old), flatten(action));
    if (diff.length > 0) {
      marks.set(action.Identifier, 'changed');
      changes.set(action.Identifier, diff);
    }
  }
  const removed = before.filter((a) => !afterIds.has(a.Identifier));
  for (const a of removed) marks.set(a.Identifier, 'removed');
  return { marks, removed, changes };
}

function valueChanges(before: Map<string, string>, after: Map<string, string>): ParameterChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter(
    (p) => p !== 'Identifier' && before.get(p) !== after.get(p),
  );
  return paths.sort().map((path) => ({ path, before: before.get(path), after: after.get(path) }));
}

/** Leaves of a JSON value by dotted path (`Transitions.Errors[0].NextAction`), as compact canonical JSON. */
function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, path === '' ? k : `${path}.${k}`, out);
  } else {
    out.set(path, canonicalJson(value));
  }
  return out;
}

function parseContent(text: string | undefined, arnLabels: ReadonlyMap<string, string>): unknown {
  if (text === undefined) return {};
  let labelled = text;
  // Longest first, so an ARN that prefixes another (a flow and its version) never splits it.
  for (const arn of [...arnLabels.keys()].sort((a, b) => b.length - a.length)) {
    labelled = labelled.split(arn).join(`\${${arnLabels.get(arn)}}`);
  }
  try {
    return JSON.parse(labelled) as unknown;
  } catch {
    return {};
  }
}

function actionsOf(content: unknown): FlowAction[] {
  const actions = (content as Partial<FlowContent> | null)?.Actions;
  return Array.isArray(actions)
    ? actions.filter((a): a is FlowAction => typeof a?.Identifier === 'string')
    : [];
}
