/** One problem found in a configuration file. */
export interface ConfigProblem {
  /** File the problem is in, as the user would type it (relative to the working directory). */
  readonly file: string;
  /** Field path, e.g. `accounts[1].region[0]`; empty for a problem with the file itself. */
  readonly field: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Renders a problem as `file: field: message`. */
export function formatProblem(p: ConfigProblem): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}

/**
 * Thrown when configuration is invalid. Carries every problem found, so the user fixes them all
 * in one pass; the message lists one problem per line.
 */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Runs `load` and returns its result; when it throws a {@link ConfigError}, adds its problems to
 * `problems` and returns undefined instead, so that a caller loading several files reports the
 * problems of all of them together. Any other error is thrown on.
 */
export function collectConfigProblems<T>(load: () => T, problems: ConfigProblem[]): T | undefined {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

/**
 * Thrown when the command line asks for an environment the configuration does not enable
 * (`-c env=NAME`). Like {@link ConfigError}, a user's mistake: printed without a stack trace.
 */
export class UnknownEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownEnvironmentError';
  }
}

/** Renders a zod-style path (`['accounts', 1, 'region', 0]`) as `accounts[1].region[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : `${i === 0 ? '' : '.'}${String(seg)}`))
    .join('');
}
