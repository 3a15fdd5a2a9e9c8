#!/usr/bin/env node
/**
 * Entry of `npm run synth`: answers `--help` at once, without loading the five CDK apps (seconds
 * of module loading), and otherwise runs {@link main} of `synth-all.ts`. `require` (CommonJS, which
 * this package compiles to) keeps the apps unloaded on the help path.
 */
import { SYNTH_USAGE } from './synth-usage';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(SYNTH_USAGE);
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('./synth-all') as typeof import('./synth-all');
  process.exitCode = main(argv);
}
