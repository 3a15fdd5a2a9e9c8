import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '@amzconnect/env';
import { loadRepoCatalog } from '../src/catalog/load-repo-catalog';
import { FlowBundle, serializeFlowBundle } from '../src/deploy/flow-bundle';
import { loadRepoFlows } from '../src/format/load-repo-flows';
import { FlowDocument } from '../src/model/flow-document';
import { FLOWS_DIR } from '../src/paths';

/**
 * Reads every flow file of the repository (the entry point's job, not a construct's) and
 * reports every unreadable file at once, with its path and problems.
 * @throws ConfigError listing each file that cannot be read
 */
export function loadFlowDocuments(flowsDir: string = FLOWS_DIR): FlowDocument[] {
  const { flows, errors } = loadRepoFlows(flowsDir);
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => ({
        file: path.relative(process.cwd(), e.path) || e.path,
        field: '',
        message: `${e.problems.join('; ')} (run \`npm run flows -- lint\` for details)`,
      })),
    );
  }
  return flows.map((f) => f.document);
}

/**
 * Writes the bundle to a file named after its content hash in the temp folder and returns the
 * path. Equal flow sets give byte-identical files, so the asset hash changes only when a flow does.
 */
export function writeFlowBundleFile(
  documents: readonly FlowDocument[],
  catalogNames?: FlowBundle['catalogNames'],
  dir: string = os.tmpdir(),
): string {
  const text = serializeFlowBundle(documents, catalogNames);
  const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
  const folder = path.join(dir, `amzconnect-flow-bundle-${hash}`);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'flows.json');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  return file;
}

/**
 * Lambda and Lex bot names the repository defines (`amzconnect-lambdas/config/functions.json`,
 * `amzconnect-supporting-infra/bots/`), for the bundle; a list that cannot be read is left out.
 */
export function catalogNamesOf(documents: readonly FlowDocument[]): FlowBundle['catalogNames'] {
  const { catalog } = loadRepoCatalog(documents);
  return {
    ...(catalog.lambdas ? { lambdas: catalog.lambdas } : {}),
    ...(catalog.bots ? { bots: catalog.bots } : {}),
  };
}
