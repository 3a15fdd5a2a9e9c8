import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '@amzconnect/env';

/** Every Lambda entry of the platform: `handler.ts` files under the workspaces' handler folders. */
function lambdaEntries(): string[] {
  const roots = [
    'amzconnect-lambdas/src',
    'amzconnect-contact-flows/src/provisioner',
    'amzconnect-contact-flows/src/quick-connects',
    'amzconnect-devops-pipelines/src/router',
    'amzconnect-devops-pipelines/src/release-queue',
  ];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'handler.ts' || e.name === 'lambda-handler.ts') found.push(p);
    }
  };
  for (const r of roots) walk(path.join(REPO_ROOT, r));
  return found.map((f) => path.relative(REPO_ROOT, f)).sort();
}

/**
 * Lambda bundles stay Lambda bundles. Importing the root of `@amzconnect/env` once pulled
 * aws-cdk-lib into the router, the release queue and the flow provisioner: 42 MB of JavaScript for
 * every cold start. Handlers take shared names from `@amzconnect/env/contracts`, which imports
 * nothing, or from `@amzconnect/env`, whose CDK side lives apart in `@amzconnect/env/cdk`.
 */
describe('Lambda bundles', () => {
  const entries = lambdaEntries();
  /** Per entry: the inputs of its bundle and its size. */
  let bundles: Map<string, { inputs: string[]; bytes: number }>;

  beforeAll(() => {
    // One esbuild run for every entry, as the CDK's bundling would make them one by one (same
    // options): the modules they share are parsed once.
    const result = buildSync({
      entryPoints: entries.map((e) => path.join(REPO_ROOT, e)),
      bundle: true,
      platform: 'node',
      target: 'node20',
      minify: true,
      write: false,
      metafile: true,
      // Paths in the metafile relative to the repository, whichever folder jest runs in.
      absWorkingDir: REPO_ROOT,
      outdir: 'lambda-bundles-not-written',
      outbase: '.',
      logLevel: 'silent',
    });
    const sizes = new Map(result.outputFiles.map((f) => [f.path, f.contents.byteLength]));
    bundles = new Map(
      Object.entries(result.metafile.outputs).flatMap(([out, meta]) =>
        meta.entryPoint
          ? [
              [
                meta.entryPoint,
                { inputs: Object.keys(meta.inputs), bytes: sizes.get(path.resolve(REPO_ROOT, out)) ?? -1 },
              ],
            ]
          : [],
      ),
    );
  });

  it('finds the handlers of every Lambda-bearing workspace, and bundles each', () => {
    expect(entries.length).toBeGreaterThanOrEqual(10);
    expect([...bundles.keys()].sort()).toEqual(entries);
  });

  it.each(entries)(
    '%s bundles neither aws-cdk-lib nor constructs, and stays under 3 MB minified',
    (entry) => {
      const bundle = bundles.get(entry)!;
      expect(bundle.inputs.filter((i) => /node_modules\/(aws-cdk-lib|constructs)\//.test(i))).toEqual([]);
      expect(bundle.bytes).toBeGreaterThan(0);
      expect(bundle.bytes).toBeLessThan(3 * 1024 * 1024);
    },
  );
});
