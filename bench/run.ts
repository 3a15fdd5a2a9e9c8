/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn, each in its own process, and prints
 * their figures. Benchmarks are not part of `npm test`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const USAGE = `Usage: npm run bench [-- NAME...]

Runs every bench/*.bench.ts (or those whose file name starts with a NAME) in turn, each in its
own process, and prints their figures. Benchmarks are not part of npm test.`;

const only = process.argv.slice(2);
if (only.includes('--help') || only.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const files = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  try {
    execFileSync('npx', ['tsx', path.join(__dirname, file)], { stdio: 'inherit' });
  } catch {
    failed++;
    console.error(`${file} failed`);
  }
}
process.exitCode = failed ? 1 : 0;
