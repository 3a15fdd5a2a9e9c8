import { formatPath, type ConfigProblem } from './config-error';
import { z } from 'zod';

/** Known keys of the object schema found by following `path` into `schema`. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault)
      current = current.unwrap() as z.ZodType;
    if (segment === undefined) break;
    if (current instanceof z.ZodObject)
      current = (current.shape as Record<string, z.ZodType>)[String(segment)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return [];
    if (!current) return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/**
 * Parses `value` with `schema`, turning every zod issue into a problem that names `file`, the
 * field and the fix (unknown keys list the known ones; missing fields say so, with `examples[key]`
 * when given). Returns the parsed value, or `undefined` when there were problems.
 */
export function parseWithProblems<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  problems: ConfigProblem[],
  examples: Readonly<Record<string, string>> = {},
): T | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        problems.push({
          file,
          field: formatPath([...issue.path, key]),
          message: `is not a known key; remove it or fix its spelling (known keys: ${known.join(', ')}).`,
        });
      }
    } else if (issue.code === 'invalid_type') {
      const last = issue.path[issue.path.length - 1];
      const example = typeof last === 'string' && examples[last] ? `, e.g. ${examples[last]}` : '';
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) {
        problems.push({ file, field, message: `is missing; add it${example}.` });
      } else {
        const got = input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`;
        const expected =
          issue.expected === 'object'
            ? 'an object'
            : issue.expected === 'array'
              ? 'an array'
              : `a ${issue.expected}`;
        problems.push({ file, field, message: `must be ${expected}, not ${got}${example}.` });
      }
    } else if (issue.code === 'invalid_value' && (issue as { input?: unknown }).input === undefined) {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      problems.push({ file, field, message: `is missing; add one of ${options}.` });
    } else if (issue.code === 'invalid_value') {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      problems.push({ file, field, message: `must be one of ${options}.` });
    } else {
      problems.push({ file, field, message: issue.message });
    }
  }
  return undefined;
}
