import type { ConfigProblem } from './config-error';

/**
 * A sub-project data file that still carries the per-environment `environments` key (moved to
 * `env/environments/<env>.json`): the value without it, and the problem that says where it went.
 * @param value the parsed file
 * @param file the file as shown to the user
 * @param section the section of `env/environments/<env>.json` the settings moved to
 * @param example a one-line example of that section
 */
export function withoutMovedEnvironments(
  value: unknown,
  file: string,
  section: string,
  example: string,
): { readonly value: unknown; readonly problem?: ConfigProblem } {
  if (typeof value !== 'object' || value === null || !('environments' in value)) return { value };
  const rest = { ...(value as Record<string, unknown>) };
  delete rest.environments;
  return {
    value: rest,
    problem: {
      file,
      field: 'environments',
      message: `per-environment settings moved to env/environments/<env>.json, section "${section}" (e.g. ${example}); move them there and remove this key.`,
    },
  };
}
