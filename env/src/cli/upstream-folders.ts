#!/usr/bin/env node
/**
 * `tsx env/src/cli/upstream-folders.ts FOLDER`: prints, space-separated, FOLDER and the folders of
 * every workspace it is built from (the workspace graph in `subprojects.ts`), so that a
 * sub-project's build lints and tests exactly those (see amzconnect-devops-pipelines/scripts/build.sh).
 */
import { upstreamOf, WORKSPACES } from '../subprojects';

const USAGE = 'usage: upstream-folders.ts FOLDER   (e.g. amzconnect-lambdas)';

/** The output line for `argv`, or the usage error; exit code 0, 1 (unknown folder) or 2 (usage). */
export function upstreamFoldersCommand(argv: readonly string[]): {
  readonly code: number;
  readonly out: string;
} {
  if (argv.length !== 1 || argv[0] === '--help' || argv[0] === '-h') {
    return { code: argv[0] === '--help' || argv[0] === '-h' ? 0 : 2, out: USAGE };
  }
  const folder = argv[0].replace(/\/+$/, '');
  const workspace = WORKSPACES.find((w) => w.folder === folder);
  if (!workspace) {
    return {
      code: 1,
      out: `No workspace in folder "${folder}"; known: ${WORKSPACES.map((w) => w.folder).join(', ')}.`,
    };
  }
  return {
    code: 0,
    out: upstreamOf(workspace.id)
      .map((w) => w.folder)
      .join(' '),
  };
}

if (require.main === module) {
  const { code, out } = upstreamFoldersCommand(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
  process.exitCode = code;
}
