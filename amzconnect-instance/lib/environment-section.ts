import { parseWithProblems, type ConfigProblem } from '@amzconnect/env';
import { z } from 'zod';

/**
 * Parses one section of `env/environments/<env>.json` (e.g. `instance`) with `schema`, reporting
 * problems against `file` with field paths starting at `section`. A missing section is `{}`.
 * @returns the parsed section, or `undefined` when it has problems (they are in `problems`)
 */
export function parseEnvironmentSection<T>(
  schema: z.ZodType<T>,
  section: string,
  value: unknown,
  file: string,
  problems: ConfigProblem[],
  examples: Readonly<Record<string, string>> = {},
): T | undefined {
  const wrapped = parseWithProblems(
    z.object({ [section]: schema }),
    { [section]: value ?? {} },
    file,
    problems,
    examples,
  );
  return wrapped ? (wrapped as Record<string, T>)[section] : undefined;
}
