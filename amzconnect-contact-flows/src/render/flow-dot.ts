import { BlockMark, FlowGraph, FlowGraphEdge, FlowGraphNode } from './flow-graph';

/** Options of {@link flowDot}. */
export interface FlowDotOptions {
  /** Title drawn above the graph (the flow's name and type). @default none */
  readonly title?: string;
  /**
   * Prefix of the SVG element ids, so several pictures can share one HTML page without
   * duplicate ids. @default "flow"
   */
  readonly idPrefix?: string;
}

/** Fill and border of marked blocks: green added, red removed, amber changed. */
export const MARK_STYLES: Readonly<Record<BlockMark, { readonly fill: string; readonly color: string }>> = {
  added: { fill: '#dcfce7', color: '#15803d' },
  removed: { fill: '#fee2e2', color: '#b91c1c' },
  changed: { fill: '#fef3c7', color: '#b45309' },
};

const EDGE_STYLES: Readonly<Record<FlowGraphEdge['kind'], string>> = {
  next: 'color="#334155", weight=4',
  condition: 'color="#1d4ed8", fontcolor="#1d4ed8"',
  error: 'color="#b91c1c", fontcolor="#b91c1c", style=dashed, weight=0',
};

/**
 * Graphviz DOT for a flow graph (pure, deterministic: the same graph gives the same text).
 * Blocks are boxes labelled with identifier, type, text and references; the entry point is a
 * circle; conditions are blue with their operands, errors red and dashed with their error type;
 * added, removed and changed blocks are filled and bordered by {@link MARK_STYLES} and carry the
 * class `block-<mark>` in the SVG.
 */
export function flowDot(graph: FlowGraph, options: FlowDotOptions = {}): string {
  const prefix = options.idPrefix ?? 'flow';
  const index = new Map(graph.nodes.map((n, i) => [n.identifier, i]));
  const nodeId = (identifier: string) => `${prefix}-b${index.get(identifier)}`;
  const lines = [
    `digraph ${quote(prefix)} {`,
    `  graph [id=${quote(prefix)}, rankdir=TB, nodesep=0.35, ranksep=0.45, fontname="Helvetica", fontsize=14${
      options.title ? `, label=${quote(options.title)}, labelloc=t` : ''
    }];`,
    '  node [shape=box, style="rounded,filled", fillcolor="#f8fafc", color="#64748b", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
    `  ${quote(`${prefix}-start`)} [id=${quote(`${prefix}-start`)}, label="Start", shape=circle, fillcolor="#e2e8f0", class="flow-start"];`,
  ];
  graph.nodes.forEach((n) =>
    lines.push(`  ${quote(nodeId(n.identifier))} [${nodeAttributes(n, nodeId(n.identifier))}];`),
  );
  lines.push(
    `  ${quote(`${prefix}-start`)} -> ${quote(nodeId(graph.start))} [id=${quote(`${prefix}-start-edge`)}];`,
  );
  graph.edges.forEach((e, i) => {
    const attributes = [`id=${quote(`${prefix}-e${i}`)}`, EDGE_STYLES[e.kind]];
    if (e.label !== '') attributes.push(`label=${quote(e.label)}`);
    if (e.removed) attributes.push('style=dotted', 'color="#b91c1c"');
    lines.push(`  ${quote(nodeId(e.from))} -> ${quote(nodeId(e.to))} [${attributes.join(', ')}];`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeAttributes(n: FlowGraphNode, id: string): string {
  // The identifier is the SVG <title> of the node (tooltip and test anchor).
  const attributes = [`id=${quote(id)}`, `tooltip=${quote(n.identifier)}`];
  if (n.missing) {
    attributes.push(
      `label=${quote(`missing: ${n.identifier}`)}`,
      'style="dashed"',
      'color="#b91c1c"',
      'class="block-missing"',
    );
    return attributes.join(', ');
  }
  const label = [n.identifier, `[${n.type}]`];
  if (n.text !== undefined) label.push(`“${n.text}”`);
  for (const r of n.references) label.push(`${r.kind}: ${r.name}`);
  if (n.mark) label.push(`(${n.mark})`);
  attributes.push(`label=${quote(label.join('\n'))}`);
  if (n.mark) {
    const s = MARK_STYLES[n.mark];
    attributes.push(
      `fillcolor=${quote(s.fill)}`,
      `color=${quote(s.color)}`,
      'penwidth=2',
      `class=${quote(`block block-${n.mark}`)}`,
    );
    if (n.mark === 'removed') attributes.push('style="rounded,filled,dashed"');
  } else {
    attributes.push('class="block"');
  }
  return attributes.join(', ');
}

/**
 * A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n` (Graphviz's
 * centred line break; https://graphviz.org/docs/attr-types/escString/).
 */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
