import { ConfigError } from '@amzconnect/env';
import { WorkloadParseContext } from './workload-manifest';

/**
 * Runs a parser written for the `{ "environments": { "<env>": {...} } }` file shape on one
 * environment's settings, and records its problems at the settings' own file and field.
 */
export function parseAsEnvironmentEntry<T>(
  raw: unknown,
  ctx: WorkloadParseContext,
  parse: (fileShape: unknown, file: string) => T,
): T | undefined {
  const prefix = `environments.${ctx.environment.name}`;
  try {
    return parse({ environments: { [ctx.environment.name]: raw } }, ctx.file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems)
      ctx.add(
        p.field.startsWith(prefix) ? p.field.slice(prefix.length).replace(/^\./, '') : p.field,
        p.message,
      );
    return undefined;
  }
}
