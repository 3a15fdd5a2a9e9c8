import { FlowDocument } from '../model/flow-document';
import { flowDot } from './flow-dot';
import { flowGraph, FlowGraphOptions } from './flow-graph';
import { renderSvg } from './render-svg';

/** Options of {@link renderFlowSvg}. */
export interface RenderFlowOptions extends FlowGraphOptions {
  /** Prefix of the SVG element ids. @default "flow" */
  readonly idPrefix?: string;
}

/** DOT of a flow document: its graph, titled with the flow's name and type (pure). */
export function flowDocumentDot(doc: FlowDocument, options: RenderFlowOptions = {}): string {
  return flowDot(flowGraph(doc.content, options), {
    title: `${doc.name} (${doc.type})`,
    idPrefix: options.idPrefix,
  });
}

/** Draws a flow document as SVG (deterministic). */
export async function renderFlowSvg(doc: FlowDocument, options: RenderFlowOptions = {}): Promise<string> {
  return renderSvg(flowDocumentDot(doc, options));
}

/**
 * The `<svg>` element of Graphviz's output, without the XML declaration and the DOCTYPE (which
 * names an external DTD), for inlining in an HTML page.
 */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start === -1 ? svg : svg.slice(start).trimEnd();
}
