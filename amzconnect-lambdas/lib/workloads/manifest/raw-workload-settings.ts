import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, PlatformConfig, readJsonFile } from '@amzconnect/env';
import { WorkloadSettingsLocation } from './workload-manifest';

/** One environment's raw settings of one workload, and where they were read. */
export interface RawWorkloadSettings extends WorkloadSettingsLocation {
  /** The value under `workloads.<id>`; `undefined` when the file or the key is absent. */
  readonly value: unknown;
}

/** Folder of the per-environment files inside the configuration folder. */
export const ENVIRONMENTS_DIR = 'environments';

/**
 * THE adapter every read of per-environment workload settings goes through: the object under
 * `workloads.<workloadId>` of `<configDir>/environments/<envName>.json`. A missing file means the
 * environment has no settings (every workload off); a file that cannot be parsed is an error,
 * never "off".
 * @throws ConfigError when the file exists but is not valid JSON or not an object
 */
export function rawWorkloadSettings(
  config: Pick<PlatformConfig, 'configDir'>,
  envName: string,
  workloadId: string,
  cwd: string = process.cwd(),
): RawWorkloadSettings {
  const absolute = path.join(config.configDir, ENVIRONMENTS_DIR, `${envName}.json`);
  const file = path.relative(cwd, absolute) || absolute;
  const field = `workloads.${workloadId}`;
  if (!fs.existsSync(absolute)) return { file, field, value: undefined };
  const read = readJsonFile(absolute, file);
  if (!read.ok) throw new ConfigError([read.problem]);
  const root = read.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    throw new ConfigError([
      {
        file,
        field: '',
        message: 'must be an object like { "workloads": { "<workload>": { "enabled": true } } }.',
      },
    ]);
  const workloads = (root as Record<string, unknown>).workloads;
  if (workloads === undefined) return { file, field, value: undefined };
  if (typeof workloads !== 'object' || workloads === null || Array.isArray(workloads))
    throw new ConfigError([
      {
        file,
        field: 'workloads',
        message:
          'must be an object keyed by workload id, e.g. { "email-channel": { "enabled": true, ... } }.',
      },
    ]);
  return { file, field, value: (workloads as Record<string, unknown>)[workloadId] };
}

/**
 * The workload ids an environment's file names under `workloads` (to report unknown ones). Part
 * of the same adapter as {@link rawWorkloadSettings}.
 */
export function declaredWorkloadIds(config: Pick<PlatformConfig, 'configDir'>, envName: string): string[] {
  const absolute = path.join(config.configDir, ENVIRONMENTS_DIR, `${envName}.json`);
  if (!fs.existsSync(absolute)) return [];
  const read = readJsonFile(absolute, absolute);
  if (!read.ok || typeof read.value !== 'object' || read.value === null) return [];
  const workloads = (read.value as Record<string, unknown>).workloads;
  return typeof workloads === 'object' && workloads !== null && !Array.isArray(workloads)
    ? Object.keys(workloads)
    : [];
}
