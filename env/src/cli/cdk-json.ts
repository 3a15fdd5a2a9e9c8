#!/usr/bin/env node
/**
 * `npx tsx env/src/cli/cdk-json.ts [--check]`: writes the `cdk.json` of every CDK app from
 * `env/cdk-feature-flags.json` (see `cdk-app-json.ts`), or with `--check` only reports the files
 * that differ (exit 1). Run it after adopting new feature flags.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { CDK_APP_FOLDERS, cdkAppJson } from '../cdk-app-json';

const USAGE = `Usage: npx tsx env/src/cli/cdk-json.ts [--check]

Writes <app>/cdk.json of every CDK app (${CDK_APP_FOLDERS.join(', ')}) with the
feature flags of env/cdk-feature-flags.json. --check writes nothing and exits 1 when a file differs.`;

const REPO = path.resolve(__dirname, '..', '..', '..');

/** Whether `file` holds the content every cdk.json must have (compared as JSON, not as text). */
function isCurrent(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  try {
    return isDeepStrictEqual(JSON.parse(fs.readFileSync(file, 'utf8')), cdkAppJson());
  } catch {
    return false;
  }
}

/** Runs the command; returns the exit code and what to print. */
export function cdkJsonCommand(argv: readonly string[], repo: string = REPO): { code: number; out: string } {
  if (argv.includes('--help') || argv.includes('-h')) return { code: 0, out: USAGE };
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) return { code: 2, out: `Unknown argument ${unknown[0]}.\n${USAGE}` };
  const stale = CDK_APP_FOLDERS.filter((folder) => !isCurrent(path.join(repo, folder, 'cdk.json')));
  if (check) {
    return stale.length === 0
      ? { code: 0, out: 'Every cdk.json carries the platform feature flags.' }
      : {
          code: 1,
          out: `${stale.map((f) => `${f}/cdk.json`).join(', ')} differ from env/cdk-feature-flags.json; run npx tsx env/src/cli/cdk-json.ts.`,
        };
  }
  const text = `${JSON.stringify(cdkAppJson(), null, 2)}\n`;
  for (const folder of stale) fs.writeFileSync(path.join(repo, folder, 'cdk.json'), text);
  return {
    code: 0,
    out: stale.length === 0 ? 'Nothing to write.' : `Wrote ${stale.map((f) => `${f}/cdk.json`).join(', ')}.`,
  };
}

if (require.main === module) {
  const { code, out } = cdkJsonCommand(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
  process.exitCode = code;
}
