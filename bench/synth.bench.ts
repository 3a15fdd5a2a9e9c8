/**
 * Synthesis time of the tooling app (every pipeline of the configuration) for the sample
 * configuration and for generated 10x3 and 25x4 configurations: median of N fresh apps each,
 * measured side by side in one process. `--full` also times `npm run synth` (all five apps, with
 * Lambda bundling) for the sample, as fresh processes.
 *
 *   npx tsx bench/synth.bench.ts [--runs N] [--full]
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlatformConfig, PlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { generatedConfig } from '@amzconnect/testing';
import { addToolingStacks } from '../amzconnect-devops-pipelines/lib';
import { fmt, median, timeRuns } from './stats';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;

function synthTooling(config: PlatformConfig): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const app = createPlatformApp({ outdir });
  addToolingStacks(app, config);
  app.synth();
  fs.rmSync(outdir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const cases: [string, PlatformConfig][] = [
    ['sample (3 envs, 4 env-regions)', loadPlatformConfig(path.join(REPO_ROOT, 'env'))],
    ['generated 10x3', generatedConfig(10, 3)],
    ['generated 25x4', generatedConfig(25, 4)],
  ];
  synthTooling(cases[0][1]); // warm the module cache so the first case is not penalised
  console.log(`Tooling app synthesis, median of ${runs} runs (with cdk-nag and template validation):`);
  const medians: number[] = [];
  for (const [label, config] of cases) {
    const m = median(await timeRuns(runs, () => synthTooling(config)));
    medians.push(m);
    console.log(`  ${label.padEnd(32)} ${fmt(m)}`);
  }
  console.log(`  ratio 25x4 / sample: ${(medians[2] / medians[0]).toFixed(1)}x`);

  if (args.includes('--full')) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-full-'));
    const times = await timeRuns(Math.min(runs, 3), () =>
      execFileSync('npx', ['tsx', 'amzconnect-devops-pipelines/src/cli/synth-all.ts', '--out', out], {
        cwd: REPO_ROOT,
        stdio: 'ignore',
      }),
    );
    console.log(
      `npm run synth (all five apps, bundling), sample config: median ${fmt(median(times))} over ${times.length} runs`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
