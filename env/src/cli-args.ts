import * as path from 'path';

/** Default configuration folder, relative to the repository root. */
export const DEFAULT_CONFIG_DIR = 'env';

/** Absolute path of the repository root (the folder holding `env/`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The folder the user ran the command from: npm runs scripts from the package folder and records
 * the caller's folder in `INIT_CWD` (https://docs.npmjs.com/cli/v10/commands/npm-run-script), so
 * `npm run synth -- --config ../mine` means `../mine` from where the user typed it.
 */
export function callerCwd(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

/**
 * Reads `--config DIR` (or `--config=DIR`) from an argument list and returns the remaining
 * arguments. Relative paths resolve against `cwd` (default: the caller's folder, see {@link callerCwd}).
 */
export function takeConfigArg(
  argv: readonly string[],
  cwd: string = callerCwd(),
): { configDir: string; rest: string[] } {
  const rest: string[] = [];
  let configDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--config') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--'))
        throw new Error('--config needs a folder, e.g. --config env/');
      configDir = v;
      i++;
    } else if (a.startsWith('--config=')) {
      configDir = a.slice('--config='.length);
    } else {
      rest.push(a);
    }
  }
  return {
    configDir: configDir ? path.resolve(cwd, configDir) : path.join(REPO_ROOT, DEFAULT_CONFIG_DIR),
    rest,
  };
}
