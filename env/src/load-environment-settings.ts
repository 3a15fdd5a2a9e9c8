import * as fs from 'fs';
import * as path from 'path';
import type { ConfigProblem } from './config-error';
import {
  defaultEnvironmentSettings,
  ENVIRONMENTS_DIR,
  type EnvironmentSettings,
} from './environment-settings';
import { readJsonFile } from './read-json-file';

/** Keys of `environments/<env>.json`. */
export const ENVIRONMENT_SETTINGS_KEYS = ['instance', 'supportingInfra', 'workloads'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `environments/<name>.json` of every environment in `names` from `configDir`. A missing
 * file gives the defaults. Checks only the file's outline (an object with `instance`,
 * `supportingInfra` and `workloads`, each an object); the sections are validated by their owners.
 * Also reports a settings file that names no environment (typically left behind by a rename),
 * because its settings would otherwise be silently ignored.
 * @param display turns an absolute path into the name used in messages
 */
export function loadEnvironmentSettings(
  configDir: string,
  names: readonly string[],
  display: (absolute: string) => string,
  problems: ConfigProblem[],
): Map<string, EnvironmentSettings> {
  const dir = path.join(configDir, ENVIRONMENTS_DIR);
  const result = new Map<string, EnvironmentSettings>();
  for (const name of names) {
    const absolute = path.join(dir, `${name}.json`);
    const file = display(absolute);
    if (!fs.existsSync(absolute)) {
      result.set(name, defaultEnvironmentSettings(file));
      continue;
    }
    const read = readJsonFile(absolute, file);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const raw = read.value;
    if (!isObject(raw)) {
      problems.push({
        file,
        field: '',
        message:
          'must be a JSON object like { "instance": {...}, "supportingInfra": {...}, "workloads": {...} }; every section is optional.',
      });
      continue;
    }
    let ok = true;
    for (const key of Object.keys(raw)) {
      if (!(ENVIRONMENT_SETTINGS_KEYS as readonly string[]).includes(key)) {
        ok = false;
        problems.push({
          file,
          field: key,
          message: `is not a known key; remove it or fix its spelling (known keys: ${ENVIRONMENT_SETTINGS_KEYS.join(', ')}).`,
        });
      }
    }
    for (const key of ENVIRONMENT_SETTINGS_KEYS) {
      if (raw[key] !== undefined && !isObject(raw[key])) {
        ok = false;
        problems.push({
          file,
          field: key,
          message: `must be an object${key === 'workloads' ? ' keyed by workload id, e.g. { "agent-guides": { "enabled": false } }' : ''}, or be left out for the defaults.`,
        });
      }
    }
    if (!ok) continue;
    result.set(name, {
      file,
      exists: true,
      instance: raw.instance,
      supportingInfra: raw.supportingInfra,
      workloads: (raw.workloads as Record<string, unknown> | undefined) ?? {},
    });
  }
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir).sort()) {
      if (!entry.endsWith('.json')) continue;
      const name = entry.slice(0, -'.json'.length);
      if (names.includes(name)) continue;
      problems.push({
        file: display(path.join(dir, entry)),
        field: '',
        message: `names no environment of accountvars.json (${names.join(', ')}); rename it to <env>.json of the environment it configures, or delete it.`,
      });
    }
  }
  return result;
}
