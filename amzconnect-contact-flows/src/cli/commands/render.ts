import * as fs from 'fs';
import * as path from 'path';
import { readFlowFile } from '../../format/read-flow-file';
import { renderFlowSvg } from '../../render/render-flow';
import { CliIo } from '../cli-io';
import { parseArgs } from '../parse-args';
import { UsageError } from '../usage-error';

/** One line for the usage text. */
export const summary = 'render FILE [--out SVG]         draw a flow as a graph (SVG on stdout, or to --out)';

/**
 * `render FILE [--out SVG]` (offline): draws a flow file of any readable shape as SVG: blocks,
 * branches, error paths and the queues, prompts, Lambda functions and bots each block refers to,
 * by name. Writes the SVG to `--out` (folders created) or stdout. Exit 0 when drawn, 1 when the
 * file is not a usable flow, 2 for usage errors.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(argv, { out: 'string' }, 'render');
  if (positionals.length !== 1)
    throw new UsageError(
      'render: expected exactly one FILE, e.g. npm run flows -- render flows/ACME_Main.json',
    );
  const file = positionals[0];
  const parsed = readFlowFile(path.resolve(io.cwd, file));
  if (!parsed.ok) {
    for (const problem of parsed.error.problems) io.stderr(`${file}: error: format: ${problem}\n`);
    return 1;
  }
  const svg = await renderFlowSvg(parsed.document);
  if (typeof options.out === 'string') {
    const out = path.resolve(io.cwd, options.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, svg);
    io.stderr(`Wrote ${path.relative(io.cwd, out)} (${parsed.document.content.Actions.length} blocks)\n`);
  } else {
    io.stdout(svg);
  }
  return 0;
}
