import * as fs from 'fs';
import * as path from 'path';
import { loadRepoCatalog } from '../../catalog/load-repo-catalog';
import { FlowFormatError } from '../../format/flow-format-error';
import { listJsonFiles, LoadedFlow, loadRepoFlows, RepoFlows } from '../../format/load-repo-flows';
import { readFlowFile } from '../../format/read-flow-file';
import { formatFinding, LintFinding } from '../../lint/lint-finding';
import { lintFlows } from '../../lint/lint-flows';
import { REPO_ROOT } from '../../paths';
import { CliIo } from '../cli-io';
import { parseArgs } from '../parse-args';
import { UsageError } from '../usage-error';

/** One line for the usage text. */
export const summary = 'lint [PATH...] [--repo DIR]   check flows offline (default: every flow in the repo)';

/**
 * `lint [PATH...] [--repo DIR]`: prints one `PATH: error|warning: <rule>: <message>` line per
 * finding; exit 0 without errors, 1 with errors, 2 for usage errors.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(argv, { repo: 'string' }, 'lint');
  const repoRoot = typeof options.repo === 'string' ? path.resolve(io.cwd, options.repo) : REPO_ROOT;
  if (!fs.existsSync(repoRoot)) throw new UsageError(`lint: --repo ${String(options.repo)}: no such folder`);
  const flowsDir = path.join(repoRoot, 'amzconnect-contact-flows', 'flows');
  const repo = relativize(loadRepoFlows(flowsDir), io.cwd);

  let targets: { flows: LoadedFlow[]; errors: FlowFormatError[] };
  if (positionals.length === 0) {
    targets = { flows: [...repo.flows], errors: [...repo.errors] };
  } else {
    targets = { flows: [], errors: [] };
    for (const p of positionals) {
      const abs = path.resolve(io.cwd, p);
      if (!fs.existsSync(abs)) throw new UsageError(`lint: no such file or folder: ${p}`);
      const files = fs.statSync(abs).isDirectory() ? listJsonFiles(abs) : [abs];
      for (const file of files) {
        const result = readFlowFile(file);
        const shown = display(file, io.cwd);
        if (result.ok) targets.flows.push({ path: shown, document: result.document, shape: result.shape });
        else targets.errors.push(new FlowFormatError(result.error.kind, shown, result.error.problems));
      }
    }
  }
  const fileCount = targets.flows.length + targets.errors.length;
  if (fileCount === 0) {
    io.stderr(
      `lint: no flow files found${positionals.length === 0 ? ` under ${display(flowsDir, io.cwd)}` : ''}\n`,
    );
    return 0;
  }

  const targetPaths = new Set(targets.flows.map((f) => path.resolve(io.cwd, f.path)));
  const catalogFlows = [
    ...targets.flows,
    ...repo.flows.filter((f) => !targetPaths.has(path.resolve(io.cwd, f.path))),
  ];
  const { catalog, warnings } = loadRepoCatalog(
    catalogFlows.map((f) => f.document),
    repoRoot,
  );
  const findings: LintFinding[] = [
    ...warnings.map((w) => ({
      path: w.file,
      severity: 'warning' as const,
      rule: 'catalog' as const,
      message: w.message,
    })),
    ...lintFlows({ flows: targets.flows, errors: targets.errors, catalog }),
  ];
  for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warningCount = findings.length - errors;
  io.stderr(
    `lint: ${fileCount} file${fileCount === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warningCount} warning${warningCount === 1 ? '' : 's'}\n`,
  );
  return errors > 0 ? 1 : 0;
}

/** The repository's flows with paths as shown to the user. */
function relativize(repo: RepoFlows, cwd: string): RepoFlows {
  return {
    flows: repo.flows.map((f) => ({ ...f, path: display(f.path, cwd) })),
    errors: repo.errors.map((e) => new FlowFormatError(e.kind, display(e.path, cwd), e.problems)),
  };
}

/** A path relative to the working folder when it is inside it. */
function display(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
