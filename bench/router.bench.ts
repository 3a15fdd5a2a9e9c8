/**
 * Webhook router benchmark: bundle size, cold module load, and decision time.
 * Run: npx tsx bench/router.bench.ts   (prints figures; not part of npm test)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { build, BuildOptions } from 'esbuild';
import { defaultBundling } from '@amzconnect/constructs';
import { decideRoute } from '../amzconnect-devops-pipelines/src/router/decide-route';
import { routeInputFor } from '../amzconnect-devops-pipelines/src/router/route-input';
import {
  routingTableFromConfig,
  serializeRoutingTable,
} from '../amzconnect-devops-pipelines/src/router/routing-table';
import { loadPlatformConfig } from '../env/src/load-platform-config';

const ROOT = path.resolve(__dirname, '..');
const LOAD_RUNS = 15;
const DECISION_RUNS = 101;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (n: number) => `${n.toFixed(3)} ms`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The esbuild options PlatformFunction's bundling defaults stand for (NodejsFunction passes them on). */
function esbuildOptions(): BuildOptions {
  const d = defaultBundling();
  return {
    minify: d.minify,
    target: d.target,
    format: d.format,
    platform: 'node',
    mainFields: d.mainFields,
    external: d.externalModules,
    sourcemap: d.sourceMap,
    sourcesContent: d.sourcesContent,
  };
}

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({ entryPoints: [entry], outfile, bundle: true, logLevel: 'error', ...esbuildOptions() });
}

/** Median time to `require` the bundle in fresh node processes (module load + init code). */
function coldLoad(file: string, env: Record<string, string>): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    times.push(
      Number(
        execFileSync(process.execPath, ['-e', script], {
          env: { ...process.env, ...env },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      ),
    );
  }
  return median(times);
}

function timeDecision(
  payload: unknown,
  table: ReturnType<typeof routingTableFromConfig>,
  runs = DECISION_RUNS,
): { median: number; decision: ReturnType<typeof decideRoute> } {
  const times: number[] = [];
  let decision!: ReturnType<typeof decideRoute>;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const input = routeInputFor('push', payload);
    if (!input.ok) throw new Error(input.problem);
    decision = decideRoute(input.input, table);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { median: median(times), decision };
}

function pushOf(commits: number, filesPerCommit: number) {
  const hex = (i: number) => i.toString(16).padStart(40, '0');
  const folders = [
    'amzconnect-lambdas/src',
    'amzconnect-contact-flows/flows',
    'docs',
    'amzconnect-lambdas-old',
    'README.md',
  ];
  return {
    ref: 'refs/heads/develop',
    before: hex(1),
    after: hex(2),
    created: false,
    deleted: false,
    forced: false,
    commits: Array.from({ length: commits }, (_, c) => ({
      id: hex(c + 3),
      added: [],
      removed: [],
      modified: Array.from(
        { length: filesPerCommit },
        (_, f) => `${folders[(c + f) % folders.length]}/file-${c}-${f}.ts`,
      ),
    })),
  };
}

async function main(): Promise<void> {
  const config = loadPlatformConfig(path.join(ROOT, 'env'));
  const table = routingTableFromConfig(config);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'router-bench-'));
  const env = {
    ROUTING_TABLE: serializeRoutingTable(table),
    WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:999999999999:secret:bench',
    IDEMPOTENCY_TABLE_NAME: 'bench',
    RELEASE_QUEUE_TABLE: 'bench',
    PREVIOUS_SECRET_WINDOW_SECONDS: '86400',
    NOTIFICATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:999999999999:bench',
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  console.log(
    `node ${process.version}, ${os.cpus().length} CPU(s); esbuild options: ${JSON.stringify(esbuildOptions())}`,
  );
  for (const [name, entry] of [
    ['router', 'amzconnect-devops-pipelines/src/router/lambda-handler.ts'],
    ['release-queue', 'amzconnect-devops-pipelines/src/release-queue/lambda-handler.ts'],
  ] as const) {
    const out = path.join(dir, name, 'index.js');
    await bundle(path.join(ROOT, entry), out);
    const bytes = fs.readFileSync(out);
    console.log(
      `${name} bundle: ${kib(bytes.length)} (${kib(zlib.gzipSync(bytes, { level: 9 }).length)} gzipped)`,
    );
    console.log(
      `${name} cold module load (require + init, median of ${LOAD_RUNS} fresh node processes): ${ms(coldLoad(out, env))}`,
    );
  }

  const capped = timeDecision(pushOf(2048, 10), table);
  console.log(
    `decision, 2,048-commit push (10 files each; at GitHub's cap → full release), parse + decide, median of ${DECISION_RUNS}: ${ms(capped.median)} → ${capped.decision.order.length} pipelines`,
  );
  const full = timeDecision(pushOf(2047, 10), table);
  console.log(
    `decision, 2,047-commit push (20,470 paths classified), parse + decide, median of ${DECISION_RUNS}: ${ms(full.median)} → ${full.decision.order.join(', ')}`,
  );
  const wide = timeDecision(pushOf(2047, 100), table, 11);
  console.log(
    `decision, 2,047-commit push (204,700 paths classified), parse + decide, median of 11: ${ms(wide.median)}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
