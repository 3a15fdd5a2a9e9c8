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
 * Lambda bundles stay Lambda bundles. Importing the root of `@amzconnect/env` (which re-exports
 * the CDK app) once pulled aws-cdk-lib into the router, the release queue and the flow
 * provisioner: 42 MB of JavaScript for every cold start. Handlers take shared names from
 * `@amzconnect/env/contracts`, which imports nothing.
 */
describe('Lambda bundles', () => {
  const entries = lambdaEntries();

  it('finds the handlers of every Lambda-bearing workspace', () => {
    expect(entries.length).toBeGreaterThanOrEqual(10);
  });

  it.each(entries)(
    '%s bundles neither aws-cdk-lib nor constructs, and stays under 3 MB minified',
    (entry) => {
      const result = buildSync({
        entryPoints: [path.join(REPO_ROOT, entry)],
        bundle: true,
        platform: 'node',
        target: 'node20',
        minify: true,
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((i) => /node_modules\/(aws-cdk-lib|constructs)\//.test(i))).toEqual([]);
      expect(result.outputFiles[0].contents.byteLength).toBeLessThan(3 * 1024 * 1024);
    },
  );
});
