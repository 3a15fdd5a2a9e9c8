import { UsageError } from './usage-error';

/** Options a command accepts: `--name VALUE` (string) or `--name` (boolean). */
export type OptionSpec = Readonly<Record<string, 'string' | 'boolean'>>;

/** Parsed command line. */
export interface ParsedArgs {
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `--name VALUE`, `--name=VALUE`, `--flag` and positionals (everything after `--` is
 * positional). Unknown options and missing values are usage errors.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec, command: string): ParsedArgs {
  const options: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (kind === undefined) {
      const known = Object.keys(spec).map((k) => `--${k}`);
      throw new UsageError(
        `${command}: unknown option --${name}${known.length > 0 ? ` (options: ${known.join(', ')})` : ''}`,
      );
    }
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`${command}: --${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
      throw new UsageError(`${command}: --${name} needs a value`);
    }
    options[name] = value;
  }
  return { options, positionals };
}
