#!/usr/bin/env node
/**
 * `npm run diagram [-- --config DIR] [--out FILE]`: renders the pipelines the configuration
 * defines to SVG (default `images/pipelines.svg`) with Graphviz compiled to WebAssembly
 * (`@viz-js/viz`, through the shared `renderSvg`), so no system binary is needed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderSvg } from '@amzconnect/contact-flows/render';
import { ConfigError, loadPlatformConfig, REPO_ROOT, takeConfigArg } from '@amzconnect/env';
import { pipelinesDot } from './pipelines-dot';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { configDir, rest } = takeConfigArg(argv);
    const outIndex = rest.indexOf('--out');
    const out =
      outIndex >= 0 && rest[outIndex + 1]
        ? path.resolve(rest[outIndex + 1])
        : path.join(REPO_ROOT, 'images', 'pipelines.svg');
    const svg = await renderSvg(pipelinesDot(loadPlatformConfig(configDir)));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, svg);
    console.log(`Wrote ${path.relative(process.cwd(), out)}`);
    return 0;
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `diagram: ${(err as Error).message}`);
    return err instanceof ConfigError ? 1 : 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(String(err));
      process.exitCode = 2;
    },
  );
}
