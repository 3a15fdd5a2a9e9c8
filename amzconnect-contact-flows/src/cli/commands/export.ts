import { ConnectClient } from '@aws-sdk/client-connect';
import * as fs from 'fs';
import * as path from 'path';
import { exportFlows } from '../../export/export-flows';
import { flowFileName, serializeFlowDocument } from '../../format/serialize-flow-document';
import { isModule } from '../../model/flow-document';
import { readNamesFile } from '../../normalize/read-names-file';
import { FLOWS_DIR } from '../../paths';
import { CliIo } from '../cli-io';
import { parseArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import { formatForRepo } from '../format-for-repo';
import { describeUnresolved } from './describe-unresolved';

/** One line for the usage text. */
export const summary =
  "export --instance-id ID [--region R] [--prefix APP] [--out DIR] [--names FILE]  bring an instance's flows into the repo";

/**
 * `export --instance-id ID [--region R] [--prefix APP] [--out DIR] [--names FILE]`: reads the
 * flows and modules of a development instance, writes them in our format (modules under
 * `modules/`), and reports what it wrote (stdout) and what it could not resolve (stderr).
 * Exit 0 when every flow was written, 1 when one could not be read or two would share a file,
 * 2 for usage errors.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const spec = {
    'instance-id': 'string',
    region: 'string',
    prefix: 'string',
    out: 'string',
    names: 'string',
  } as const;
  const { options, positionals } = parseArgs(argv, spec, 'export');
  if (positionals.length > 0) throw new UsageError(`export: unexpected argument ${positionals[0]}`);
  const instanceId = options['instance-id'];
  if (typeof instanceId !== 'string') throw new UsageError('export: --instance-id ID is required');
  let names: Readonly<Record<string, string>> = {};
  if (typeof options.names === 'string') {
    const read = readNamesFile(path.resolve(io.cwd, options.names));
    if (!read.ok) throw new UsageError(`export: --names ${read.message}`);
    names = read.names;
  }
  const region = typeof options.region === 'string' ? options.region : undefined;
  const outDir = typeof options.out === 'string' ? path.resolve(io.cwd, options.out) : FLOWS_DIR;
  const client = io.connectClient?.(region) ?? new ConnectClient({ region, retryMode: 'adaptive' });

  const result = await exportFlows(client, {
    instanceId,
    ...(typeof options.prefix === 'string' ? { prefix: options.prefix } : {}),
    names,
  });
  const written = new Map<string, string>();
  let collisions = 0;
  for (const flow of result.flows) {
    const dir = isModule(flow.document) ? path.join(outDir, 'modules') : outDir;
    const file = path.join(dir, flowFileName(flow.document.name));
    const earlier = written.get(file);
    if (earlier !== undefined) {
      io.stderr(
        `export: error: "${flow.document.name}" and "${earlier}" would both be written to ${file}; rename one\n`,
      );
      collisions++;
      continue;
    }
    written.set(file, flow.document.name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, await formatForRepo(serializeFlowDocument(flow.document), file));
    const shown = path.relative(io.cwd, file) || file;
    io.stdout(`wrote ${shown} (${flow.document.type}, ${flow.document.content.Actions.length} actions)\n`);
    for (const line of describeUnresolved(shown, flow.unresolved)) io.stderr(`${line}\n`);
    for (const fn of flow.unassociatedLambdas) {
      io.stderr(`${shown}: warning: export: Lambda function "${fn}" is not associated with the instance\n`);
    }
  }
  for (const failure of result.failures)
    io.stderr(`export: error: could not read "${failure.name}": ${failure.message}\n`);
  const failed = result.failures.length + collisions;
  io.stderr(`export: wrote ${written.size} file${written.size === 1 ? '' : 's'}, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
