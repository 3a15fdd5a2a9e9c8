#!/usr/bin/env node
/**
 * `tsx amzconnect-devops-pipelines/src/router/pull-request-scope-cli.ts --base BRANCH [--config DIR] PATHS`:
 * what a pull-request check runs, for `scripts/pr-check.sh`. PATHS is a file of changed paths,
 * one per line (`git diff --name-only`), or `-` for stdin. Prints `key=value` lines:
 * `environment`, `regions`, `subprojects` and `folders` (space-separated, release order), `tooling` and
 * `flow_plan` (`yes`/`no`), `reason`. Exit 2 on a usage or configuration error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, loadPlatformConfig, SUBPROJECTS, takeConfigArg } from '@amzconnect/env';
import { pullRequestCheckScope } from './decide-pull-request';
import { routingTableFromConfig } from './routing-table';

/** Where the CLI reads and writes; injectable for tests. */
export interface ScopeCliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Standard input, read when PATHS is `-`. */
  readonly stdin: () => string;
}

export const SCOPE_USAGE = 'usage: pull-request-scope-cli.ts --base BRANCH [--config DIR] PATHS|-';

/** Runs the CLI and returns the exit code. Never throws. */
export function runScopeCli(argv: readonly string[], io: ScopeCliIo): number {
  try {
    const { configDir, rest } = takeConfigArg(argv, io.cwd);
    const baseIndex = rest.indexOf('--base');
    const base = baseIndex >= 0 ? rest[baseIndex + 1] : undefined;
    const files = rest.filter((_, i) => i !== baseIndex && i !== baseIndex + 1);
    if (base === undefined || base.startsWith('--') || files.length !== 1 || files[0].startsWith('--')) {
      io.stderr(`${SCOPE_USAGE}\n`);
      return 2;
    }
    const text = files[0] === '-' ? io.stdin() : fs.readFileSync(path.resolve(io.cwd, files[0]), 'utf8');
    const paths = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const config = loadPlatformConfig(configDir);
    const scope = pullRequestCheckScope(base, paths, routingTableFromConfig(config));
    const regions = config.environments.find((e) => e.enabled && e.name === scope.environment)?.regions ?? [];
    const folders = scope.subprojects.map((id) => SUBPROJECTS.find((s) => s.id === id)?.folder ?? id);
    io.stdout(
      [
        `environment=${scope.environment ?? ''}`,
        `regions=${regions.join(' ')}`,
        `subprojects=${scope.subprojects.join(' ')}`,
        `folders=${folders.join(' ')}`,
        `tooling=${scope.tooling ? 'yes' : 'no'}`,
        `flow_plan=${scope.flowPlan ? 'yes' : 'no'}`,
        `reason=${scope.reason}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    io.stderr(
      `${err instanceof ConfigError ? err.message : `pull-request scope: ${(err as Error).message}`}\n`,
    );
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = runScopeCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stdin: () => fs.readFileSync(0, 'utf8'),
  });
}
