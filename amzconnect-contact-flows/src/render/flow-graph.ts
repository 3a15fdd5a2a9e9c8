import { FlowAction, FlowContent } from '../model/flow-document';
import { FlowReference, flowReferences } from './flow-references';

/** How a block changes in a plan, for pictures of changed flows. */
export type BlockMark = 'added' | 'removed' | 'changed';

/** One block of a flow picture. */
export interface FlowGraphNode {
  readonly identifier: string;
  readonly type: string;
  /** What the block says or plays, shortened (`Text`, `SSML`), when it has one. */
  readonly text?: string;
  readonly references: readonly FlowReference[];
  /** Set on pictures of a plan: the block is new, gone, or has changed fields. */
  readonly mark?: BlockMark;
  /** A transition names this identifier but the flow has no such block. */
  readonly missing?: boolean;
}

/** The kind of a transition. */
export type FlowEdgeKind = 'next' | 'condition' | 'error';

/** One transition of a flow picture. */
export interface FlowGraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: FlowEdgeKind;
  /** `Equals Sales`, `NoMatchingError`, ...; empty for the default transition. */
  readonly label: string;
  /** The transition belongs to a removed block. */
  readonly removed?: boolean;
}

/** A flow as a graph: every block once, every transition as an edge, in the file's order. */
export interface FlowGraph {
  readonly start: string;
  readonly nodes: readonly FlowGraphNode[];
  readonly edges: readonly FlowGraphEdge[];
}

/** Options of {@link flowGraph}. */
export interface FlowGraphOptions {
  /** Names ARNs (`arn → "queue:Sales"`), for deployed content. @default none: ARNs are named by their resource part */
  readonly arnLabels?: ReadonlyMap<string, string>;
  /** Marks of blocks by identifier (added, changed). @default no marks */
  readonly marks?: ReadonlyMap<string, BlockMark>;
  /** Blocks of the deployed flow that the new content no longer has; drawn marked `removed`. @default none */
  readonly removed?: readonly FlowAction[];
}

const TEXT_PARAMETERS = ['Text', 'SSML'] as const;
const MAX_TEXT = 48;

/**
 * Builds the graph of a flow (pure): one node per action in file order, then the removed blocks;
 * one edge per transition (`NextAction`, each condition, each error) in the order the action
 * lists them; a node marked `missing` for each transition target the flow does not define.
 */
export function flowGraph(content: FlowContent, options: FlowGraphOptions = {}): FlowGraph {
  const marks = options.marks ?? new Map<string, BlockMark>();
  const nodes: FlowGraphNode[] = [];
  const edges: FlowGraphEdge[] = [];
  const known = new Set<string>();
  const addAction = (action: FlowAction, mark: BlockMark | undefined, removed: boolean) => {
    if (known.has(action.Identifier)) return;
    known.add(action.Identifier);
    nodes.push({
      identifier: action.Identifier,
      type: action.Type,
      text: blockText(action),
      references: flowReferences(action, options.arnLabels),
      ...(mark ? { mark } : {}),
    });
    edges.push(...transitions(action).map((e) => (removed ? { ...e, removed: true } : e)));
  };
  for (const action of content.Actions) addAction(action, marks.get(action.Identifier), false);
  for (const action of options.removed ?? []) addAction(action, 'removed', true);
  for (const target of [content.StartAction, ...edges.map((e) => e.to)]) {
    if (!known.has(target)) {
      known.add(target);
      nodes.push({ identifier: target, type: 'missing', references: [], missing: true });
    }
  }
  return { start: content.StartAction, nodes, edges };
}

function transitions(action: FlowAction): FlowGraphEdge[] {
  const t = action.Transitions;
  if (t === undefined) return [];
  const from = action.Identifier;
  const out: FlowGraphEdge[] = [];
  if (typeof t.NextAction === 'string') out.push({ from, to: t.NextAction, kind: 'next', label: '' });
  for (const c of t.Conditions ?? []) {
    if (typeof c?.NextAction === 'string')
      out.push({ from, to: c.NextAction, kind: 'condition', label: conditionLabel(c.Condition) });
  }
  for (const e of t.Errors ?? []) {
    if (typeof e?.NextAction === 'string')
      out.push({ from, to: e.NextAction, kind: 'error', label: String(e.ErrorType ?? 'error') });
  }
  return out;
}

/**
 * `Equals Sales` from `{ "Operator": "Equals", "Operands": ["Sales"] }`, the shape of a flow
 * language condition (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html).
 */
function conditionLabel(condition: unknown): string {
  if (typeof condition !== 'object' || condition === null) return 'condition';
  const c = condition as { Operator?: unknown; Operands?: unknown };
  const operands = Array.isArray(c.Operands) ? c.Operands.map(String).join(', ') : '';
  return shorten(`${typeof c.Operator === 'string' ? c.Operator : 'condition'} ${operands}`.trim(), 32);
}

function blockText(action: FlowAction): string | undefined {
  const p = action.Parameters ?? {};
  for (const key of TEXT_PARAMETERS) {
    if (typeof p[key] === 'string' && p[key] !== '') return shorten(p[key], MAX_TEXT);
  }
  return undefined;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
