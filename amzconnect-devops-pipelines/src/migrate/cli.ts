#!/usr/bin/env node
/**
 * `npm run migrate -- --from WORKSHOP_DIR [--to DIR] [--force]`: brings a checkout of the
 * workshop (aws-samples/amazon-connect-cicd-workshop) into this repository's layout: env/ and
 * the flows. Relative paths resolve against the folder the command was started from.
 */
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { planWorkshopMigration, writeMigration } from './migrate-workshop';

const USAGE =
  'Usage: npm run migrate -- --from WORKSHOP_DIR [--to DIR] [--force]\n' +
  '  --from   a checkout of the workshop (the folder holding amzconnect-devops-pipelines/env/)\n' +
  '  --to     the repository to write into (default: this repository)\n' +
  '  --force  overwrite files that exist with other content (default: write nothing then)';

/** Runs the command; returns the exit code. */
export function main(argv: readonly string[], cwd: string = process.env.INIT_CWD ?? process.cwd()): number {
  let from: string | undefined;
  let to = REPO_ROOT;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a === '--from' && argv[i + 1]) from = path.resolve(cwd, argv[++i]);
    else if (a === '--to' && argv[i + 1]) to = path.resolve(cwd, argv[++i]);
    else if (a === '--force') force = true;
    else {
      console.error(`Unknown argument ${a}.\n${USAGE}`);
      return 2;
    }
  }
  if (!from) {
    console.error(`--from is required.\n${USAGE}`);
    return 2;
  }
  const plan = planWorkshopMigration(from);
  if (plan.errors.length > 0) {
    console.error(
      `Cannot migrate ${from} (nothing written):\n${plan.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
    return 1;
  }
  const result = writeMigration(plan, to, force);
  if (result.conflicts.length > 0) {
    console.error(
      `These files exist with other content (nothing written; rerun with --force to overwrite):\n${result.conflicts.map((c) => `  - ${c}`).join('\n')}`,
    );
    return 1;
  }
  for (const w of result.written) console.log(`wrote ${w}`);
  for (const u of result.unchanged) console.log(`unchanged ${u}`);
  if (plan.todo.length > 0) console.log(`\nStill to do:\n${plan.todo.map((t) => `  - ${t}`).join('\n')}`);
  console.log('\nThen: npm run synth   (validates everything; see README, "Coming from the workshop")');
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
