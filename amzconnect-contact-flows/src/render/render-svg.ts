/**
 * Graphviz compiled to WebAssembly (`@viz-js/viz`): DOT in, SVG out, with no system binary. The
 * one place the platform calls Graphviz (flow pictures, plan reports, the pipelines diagram).
 */
type Viz = Awaited<
  ReturnType<(typeof import('@viz-js/viz', { with: { 'resolution-mode': 'import' } }))['instance']>
>;

let instance: Promise<Viz> | undefined;

function viz(): Promise<Viz> {
  if (instance === undefined) {
    type VizModule = typeof import('@viz-js/viz', { with: { 'resolution-mode': 'import' } });
    // @viz-js/viz ships a CommonJS build beside its ES module; require keeps jest and the CLIs on
    // it (node16 resolution would otherwise need a dynamic import()).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    instance = (require('@viz-js/viz') as VizModule).instance();
  }
  return instance;
}

/**
 * Renders a Graphviz DOT graph to SVG with the `dot` layout. The WebAssembly module is compiled
 * once per process and reused. Same input, same bytes. Throws when the DOT does not parse.
 */
export async function renderSvg(dot: string): Promise<string> {
  return (await viz()).renderString(dot, { format: 'svg', engine: 'dot' });
}
