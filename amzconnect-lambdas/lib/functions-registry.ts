import * as path from 'path';
import { ConfigError, ConfigProblem } from '@amzconnect/env';
import { readJsonFile } from '@amzconnect/env';

/** One function declared in `config/functions.json`. */
export interface FunctionDefinition {
  /** Name used in `${lambda:Name}` placeholders, SSM parameter names and construct ids, e.g. `customer-lookup`. */
  readonly name: string;
  /** What the function does; becomes the Lambda description. */
  readonly description: string;
  /** Whether contact flows invoke it (association with the instance and a Connect invoke permission). */
  readonly invokedByFlows: boolean;
  /**
   * The optional workload the function belongs to (`config/workloads/<workload>.json`): it is
   * deployed only in the environments where that workload is enabled. @default none (everywhere)
   */
  readonly workload?: string;
  /**
   * `customer-lookup` only: also record each call's date in the customer table (one conditional
   * UpdateItem instead of a GetItem). The reference solution only reads. @default false
   */
  readonly recordCalls?: boolean;
}

/** The validated content of `config/functions.json`. */
export interface FunctionsRegistry {
  readonly functions: readonly FunctionDefinition[];
}

/** Where the registry lives, for the stack and for the contact-flow linter. */
export const FUNCTIONS_REGISTRY_FILE = path.join(__dirname, '..', 'config', 'functions.json');

const NAME = /^[a-z][a-z0-9-]{1,39}$/;
const KEYS = ['name', 'description', 'invokedByFlows', 'workload', 'recordCalls'];
/** Lambda's limit on a description. */
const MAX_DESCRIPTION = 256;

/**
 * Validates the registry's parsed JSON. Every problem is collected (file, field, fix) and thrown
 * once. `knownNames` are the names the stack has code for: a declared name without code is a
 * problem here, at the entry point, not a surprise during synthesis.
 * @throws ConfigError
 */
export function parseFunctionsRegistry(
  raw: unknown,
  file: string,
  knownNames: readonly string[],
): FunctionsRegistry {
  const problems: ConfigProblem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });
  const list = (raw as { functions?: unknown } | null)?.functions;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    add(
      '',
      'must be an object like { "functions": [{ "name": "customer-lookup", "description": "...", "invokedByFlows": true }] }.',
    );
    throw new ConfigError(problems);
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'functions') add(key, 'is not a known key; remove it (the only key is "functions").');
  }
  if (!Array.isArray(list)) {
    add('functions', 'must be an array of { "name", "description", "invokedByFlows" } objects.');
    throw new ConfigError(problems);
  }
  if (list.length === 0) add('functions', 'is empty; declare at least one function.');

  const functions: FunctionDefinition[] = [];
  const seen = new Map<string, number>();
  list.forEach((entry: unknown, i: number) => {
    const at = `functions[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      add(at, 'must be an object with "name", "description" and "invokedByFlows".');
      return;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!KEYS.includes(key))
        add(
          `${at}.${key}`,
          `is not a known key; remove it or fix its spelling (known keys: ${KEYS.join(', ')}).`,
        );
    }
    const before = problems.length;
    if (typeof e.name !== 'string') {
      add(`${at}.name`, 'must be a string, e.g. "customer-lookup".');
    } else if (!NAME.test(e.name)) {
      add(
        `${at}.name`,
        `"${e.name}" must be 2-40 lowercase letters, digits or hyphens starting with a letter (it becomes part of SSM names), e.g. "customer-lookup".`,
      );
    } else if (seen.has(e.name)) {
      add(
        `${at}.name`,
        `"${e.name}" is already declared by functions[${seen.get(e.name)}]; declare each function once.`,
      );
    } else {
      seen.set(e.name, i);
      if (!knownNames.includes(e.name)) {
        add(
          `${at}.name`,
          `"${e.name}" has no code mapping in amzconnect-lambdas/lib/function-sources.ts; add a source for it there (see README "Add a function") or remove it (known: ${knownNames.join(', ')}).`,
        );
      }
    }
    if (typeof e.description !== 'string' || e.description.trim() === '') {
      add(`${at}.description`, 'must be a non-empty string saying what the function does.');
    } else if (e.description.length > MAX_DESCRIPTION) {
      add(
        `${at}.description`,
        `is ${e.description.length} characters; Lambda allows at most ${MAX_DESCRIPTION}.`,
      );
    }
    if (typeof e.invokedByFlows !== 'boolean') {
      add(`${at}.invokedByFlows`, 'must be true (contact flows invoke it) or false.');
    }
    if (e.workload !== undefined && (typeof e.workload !== 'string' || !NAME.test(e.workload))) {
      add(
        `${at}.workload`,
        'must be the name of a workload (config/workloads/<workload>.json), e.g. "agent-guides", or be left out.',
      );
    }
    if (e.recordCalls !== undefined && (e.name !== 'customer-lookup' || typeof e.recordCalls !== 'boolean'))
      add(
        `${at}.recordCalls`,
        'applies to "customer-lookup" only and must be true (record each call date) or false (read only, the default); remove it elsewhere.',
      );
    if (problems.length === before) {
      functions.push({
        name: e.name as string,
        description: e.description as string,
        invokedByFlows: e.invokedByFlows as boolean,
        ...(typeof e.workload === 'string' ? { workload: e.workload } : {}),
        ...(typeof e.recordCalls === 'boolean' ? { recordCalls: e.recordCalls } : {}),
      });
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return { functions };
}

/**
 * Reads and validates the registry file.
 * @throws ConfigError naming the file, the field and the fix
 */
export function loadFunctionsRegistry(
  file: string,
  knownNames: readonly string[],
  cwd: string = process.cwd(),
): FunctionsRegistry {
  const display = path.relative(cwd, file) || file;
  const read = readJsonFile(file, display);
  if (!read.ok) throw new ConfigError([read.problem]);
  return parseFunctionsRegistry(read.value, display, knownNames);
}
