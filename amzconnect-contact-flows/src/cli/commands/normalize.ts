import * as path from 'path';
import { readFlowFile } from '../../format/read-flow-file';
import { serializeFlowDocument } from '../../format/serialize-flow-document';
import { normalizeFlow } from '../../normalize/normalize-flow';
import { readNamesFile } from '../../normalize/read-names-file';
import { CliIo } from '../cli-io';
import { parseArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { formatForRepo } from '../format-for-repo';
import { describeUnresolved } from './describe-unresolved';

/** One line for the usage text. */
export const summary =
  'normalize PATH [--names FILE]  print a flow in the repository format, ARNs as placeholders';

/**
 * `normalize PATH [--names FILE]` (offline): prints our format on stdout; on stderr, what could
 * not be named. Exit 0 when the file was normalized, 1 when it is not a usable flow, 2 for usage.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(argv, { names: 'string' }, 'normalize');
  if (positionals.length !== 1)
    throw new UsageError('normalize: expected exactly one PATH, e.g. npm run flows -- normalize export.json');
  const file = positionals[0];
  let names: Readonly<Record<string, string>> = {};
  if (typeof options.names === 'string') {
    const read = readNamesFile(path.resolve(io.cwd, options.names));
    if (!read.ok) throw new UsageError(`normalize: --names ${read.message}`);
    names = read.names;
  }
  const parsed = readFlowFile(path.resolve(io.cwd, file));
  if (!parsed.ok) {
    for (const problem of parsed.error.problems) io.stderr(`${file}: error: format: ${problem}\n`);
    return 1;
  }
  for (const note of parsed.notes) io.stderr(`${file}: warning: normalize: ${note}\n`);
  const result = normalizeFlow(parsed.document, { names });
  for (const line of describeUnresolved(file, result.unresolved)) io.stderr(`${line}\n`);
  io.stdout(await formatForRepo(serializeFlowDocument(result.document), path.resolve(io.cwd, file)));
  return 0;
}
