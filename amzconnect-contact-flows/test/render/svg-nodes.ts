/** What a Graphviz SVG of a flow contains, read back for assertions. */
export interface SvgContents {
  /** `xlink:title` (the block identifier) of every block node, in document order. */
  readonly blockTitles: readonly string[];
  /** Classes of every block node, by identifier. */
  readonly blockClasses: ReadonlyMap<string, string>;
  /** Number of edges (`<g class="edge">`). */
  readonly edgeCount: number;
}

/** Decodes the XML character references Graphviz writes (`&#45;`, `&amp;`, ...). */
export function decodeXml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Reads the block nodes and edges of a flow picture. */
export function svgContents(svg: string): SvgContents {
  const blockTitles: string[] = [];
  const blockClasses = new Map<string, string>();
  const nodeRe =
    /<g id="[^"]*" class="node (block[^"]*)">\n<title>[^<]*<\/title>\n<g id="[^"]*"><a xlink:title="([^"]*)">/g;
  for (const m of svg.matchAll(nodeRe)) {
    const title = decodeXml(m[2]);
    blockTitles.push(title);
    blockClasses.set(title, decodeXml(m[1]));
  }
  return { blockTitles, blockClasses, edgeCount: [...svg.matchAll(/class="edge"/g)].length };
}
