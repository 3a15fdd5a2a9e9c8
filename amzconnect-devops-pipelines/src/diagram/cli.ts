#!/usr/bin/env node
/**
 * `npm run diagram [-- --config DIR] [--out FILE]`: renders the pipelines the configuration
 * defines to SVG (default `images/pipelines.svg`) with Graphviz compiled to WebAssembly
 * (`@viz-js/viz`, through the shared `renderSvg`), so no system binary is needed. `--help` prints the
 * usage and writes nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderSvg } from '@amzconnect/contact-flows/render';
import { callerCwd, ConfigError, loadPlatformConfig, REPO_ROOT, takeConfigArg } from '@amzconnect/env';
import { pipelinesDot } from './pipelines-dot';

/** Usage text of `npm run diagram`. */
export const DIAGRAM_USAGE = `usage: npm run diagram [-- --config DIR] [--out FILE]

Renders the pipelines of the configuration in DIR (default env/) to FILE
(default images/pipelines.svg). Relative paths are taken from the folder you run it in.`;

/** What the command line asks for: the usage, or a picture of `configDir` written to `out`. */
export type DiagramArgs =
  { readonly help: true } | { readonly help: false; readonly configDir: string; readonly out: string };

/** Parses the arguments; throws `DiagramUsageError` on anything it does not know. Pure but for `cwd`. */
export function parseDiagramArgs(argv: readonly string[], cwd: string = callerCwd()): DiagramArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const { configDir, rest } = takeConfigArg(argv, cwd);
  let out = path.join(REPO_ROOT, 'images', 'pipelines.svg');
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' && rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) {
      out = path.resolve(cwd, rest[++i]);
    } else {
      throw new DiagramUsageError(`diagram: unknown argument "${rest[i]}"\n${DIAGRAM_USAGE}`);
    }
  }
  return { help: false, configDir, out };
}

/** A command line the diagram CLI does not understand (exit code 2). */
export class DiagramUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiagramUsageError';
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseDiagramArgs(argv);
    if (args.help) {
      console.log(DIAGRAM_USAGE);
      return 0;
    }
    const { configDir, out } = args;
    const svg = await renderSvg(pipelinesDot(loadPlatformConfig(configDir)));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, svg);
    console.log(`Wrote ${path.relative(process.cwd(), out)}`);
    return 0;
  } catch (err) {
    if (err instanceof DiagramUsageError) {
      console.error(err.message);
      return 2;
    }
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
