import { PlatformConfig, rawWorkloadSettings as rawWorkloadSettingsOf } from '@amzconnect/env';
import { WorkloadSettingsLocation } from './workload-manifest';

/** One environment's raw settings of one workload, and where they were read. */
export interface RawWorkloadSettings extends WorkloadSettingsLocation {
  /** The value under `workloads.<id>`; `undefined` when the file or the key is absent. */
  readonly value: unknown;
}

/**
 * THE adapter every read of per-environment workload settings goes through: the object under
 * `workloads.<workloadId>` of `<configDir>/environments/<envName>.json`, as the configuration
 * loader read it (`rawWorkloadSettings` of `@amzconnect/env`: each file is read once, and a file
 * that cannot be parsed is already a configuration error, never "off"). A missing file means the
 * environment has no settings (every workload off). The file is named as the loader names it.
 * @throws Error when `envName` is not an environment of `config` (a programming error)
 */
export function rawWorkloadSettings(
  config: Pick<PlatformConfig, 'configDir' | 'environments'>,
  envName: string,
  workloadId: string,
): RawWorkloadSettings {
  return rawWorkloadSettingsOf(config, envName, workloadId);
}

/**
 * The workload ids an environment's file names under `workloads` (to report unknown ones). Part
 * of the same adapter as {@link rawWorkloadSettings}.
 */
export function declaredWorkloadIds(config: Pick<PlatformConfig, 'environments'>, envName: string): string[] {
  return Object.keys(config.environments.find((e) => e.name === envName)?.settings.workloads ?? {});
}
