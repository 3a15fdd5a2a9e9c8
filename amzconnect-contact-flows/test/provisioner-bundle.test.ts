import * as path from 'path';
import { buildSync } from 'esbuild';

/**
 * The flow provisioner's Lambda bundle stays a Lambda bundle: importing the root of
 * `@amzconnect/env` (which re-exports the CDK app) once pulled aws-cdk-lib into it, 41 MB of
 * JavaScript for every cold start. Contracts come from `@amzconnect/env/contracts` instead.
 */
describe('flow provisioner bundle', () => {
  it('bundles neither aws-cdk-lib nor constructs, and stays under 3 MB minified', () => {
    const result = buildSync({
      entryPoints: [path.join(__dirname, '..', 'src', 'provisioner', 'handler.ts')],
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
  });
});
