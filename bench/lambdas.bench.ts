/**
 * Lambda functions benchmark (amzconnect-lambdas): each handler's bundle size, its cold
 * module-load time in fresh Node.js processes, and the customer lookup's warm latency against
 * dynalite. Bundles are the real ones: NodejsFunction bundling with the PlatformFunction defaults.
 * Run: npx tsx bench/lambdas.bench.ts   (prints figures; not part of npm test)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Stack } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { PlatformFunction } from '@amzconnect/constructs';
import { FUNCTION_SOURCES } from '../amzconnect-lambdas/lib/function-sources';
import { startCustomerTable } from '../amzconnect-lambdas/test/support/dynalite-table';
import { fmt, median, percentile, timeRuns } from './stats';

const ROOT = path.resolve(__dirname, '..');
const LOAD_RUNS = 21;
const WARM_RUNS = 500;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** Bundles every function the stack knows, exactly as `cdk synth` does; returns name → bundle dir. */
function bundleAll(outdir: string): Map<string, string> {
  const app = createPlatformApp({ outdir });
  const stack = new Stack(app, 'LambdasBench', { env: { account: '111111111111', region: 'us-east-1' } });
  const fns = Object.entries(FUNCTION_SOURCES).map(
    ([name, source]) =>
      [
        name,
        new PlatformFunction(stack, name.replace(/-/g, ''), {
          entry: source.entry,
          description: name,
          serviceName: name,
        }),
      ] as const,
  );
  app.synth();
  return new Map(
    fns.map(([name, fn]) => {
      const code = stack.resolve((fn.node.defaultChild as CfnFunction).code) as { s3Key: string };
      return [name, path.join(outdir, `asset.${code.s3Key.replace(/\.zip$/, '')}`)];
    }),
  );
}

/** Milliseconds to `require` the bundle in a fresh process, `runs` times. */
function coldLoads(bundle: string, env: NodeJS.ProcessEnv, nodeOptions: string, runs: number): number[] {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = execFileSync(process.execPath, ['-e', script], {
      env: { ...env, NODE_OPTIONS: nodeOptions, NODE_NO_WARNINGS: '1' },
      encoding: 'utf8',
    });
    out.push(Number(text));
  }
  return out;
}

async function main(): Promise<void> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdas-bench-'));
  const table = await startCustomerTable('customers');
  try {
    const t0 = Date.now();
    const bundles = bundleAll(outdir);
    console.log(
      `Bundled ${bundles.size} functions with esbuild (NodejsFunction, PlatformFunction defaults) in ${fmt(Date.now() - t0)}\n`,
    );

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      CUSTOMER_TABLE_NAME: 'customers',
      MAPPING_BUCKET: 'flow-bucket',
      MAPPING_KEY: 'mappings/acme/develop/mapping.json',
    };
    console.log(
      `Bundle size and cold module load (median / p95 of ${LOAD_RUNS} fresh node ${process.version} processes requiring index.js):`,
    );
    console.log(
      'function          index.js     gzip      .map       load          load with --enable-source-maps',
    );
    for (const [name, dir] of bundles) {
      const js = fs.readFileSync(path.join(dir, 'index.js'));
      const map = fs.statSync(path.join(dir, 'index.js.map')).size;
      const plain = coldLoads(path.join(dir, 'index.js'), env, '', LOAD_RUNS);
      const withMaps = coldLoads(path.join(dir, 'index.js'), env, '--enable-source-maps', LOAD_RUNS);
      console.log(
        `${name.padEnd(17)} ${kib(js.length).padStart(10)} ${kib(zlib.gzipSync(js).length).padStart(10)} ${kib(map).padStart(10)}` +
          `  ${fmt(median(plain))} / ${fmt(percentile(plain, 95))}`.padEnd(24) +
          `  ${fmt(median(withMaps))} / ${fmt(percentile(withMaps, 95))}`,
      );
    }

    // The alternative the defaults reject: the SDK left external, resolved from node_modules at
    // load time (as the runtime's copy would be), same esbuild settings otherwise.
    const external = path.join(outdir, 'sdk-external');
    await build({
      entryPoints: [FUNCTION_SOURCES['customer-lookup'].entry],
      outfile: path.join(external, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      minify: true,
      sourcemap: true,
      external: ['@aws-sdk/*'],
      logLevel: 'silent',
    });
    const externalJs = fs.statSync(path.join(external, 'index.js')).size;
    const externalLoads = coldLoads(
      path.join(external, 'index.js'),
      { ...env, NODE_PATH: path.join(ROOT, 'node_modules') },
      '',
      LOAD_RUNS,
    );
    console.log(
      `${'(SDK external)'.padEnd(17)} ${kib(externalJs).padStart(10)}  customer-lookup with @aws-sdk/* from node_modules: load ${fmt(median(externalLoads))} / ${fmt(percentile(externalLoads, 95))}`,
    );

    // Warm latency: the bundled handler in this process, a known caller, dynalite on 127.0.0.1.
    await table.client.send(
      new PutItemCommand({
        TableName: 'customers',
        Item: {
          phoneNumber: { S: '+12065550100' },
          firstName: { S: 'Ana' },
          lastName: { S: 'Silva' },
          lastCalledDate: { S: '2026-01-02T03:04:05.000Z' },
        },
      }),
    );
    Object.assign(process.env, env);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lookup = require(path.join(bundles.get('customer-lookup') as string, 'index.js')) as {
      handler: (e: unknown) => Promise<Record<string, string>>;
    };
    const event = {
      Details: {
        ContactData: {
          ContactId: 'bench',
          CustomerEndpoint: { Address: '+12065550100', Type: 'TELEPHONE_NUMBER' },
        },
      },
      Name: 'ContactFlowEvent',
    };
    const first = await timeRuns(1, () => lookup.handler(event));
    await timeRuns(20, () => lookup.handler(event));
    const warm = await timeRuns(WARM_RUNS, async () => {
      const answer = await lookup.handler(event);
      if (answer.Found !== 'true') throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
    });
    console.log(
      `\nCustomer lookup against dynalite (bundled handler, one conditional UpdateItem per call):\n` +
        `  first call (client warm-up) ${fmt(first[0])}; warm over ${WARM_RUNS} calls: median ${fmt(median(warm))}, p95 ${fmt(percentile(warm, 95))}, max ${fmt(Math.max(...warm))}`,
    );
  } finally {
    await table.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
