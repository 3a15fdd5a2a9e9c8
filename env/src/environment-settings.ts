import type { PlatformConfig } from './platform-config';

/** Folder, inside the configuration folder, holding one `<env>.json` per environment. */
export const ENVIRONMENTS_DIR = 'environments';

/**
 * The per-environment settings of `env/environments/<env>.json`, as written. The file is
 * optional: a missing file gives every section its defaults. Each section is validated by the
 * sub-project that owns it (instance, supporting-infra, each workload), which reports problems
 * against {@link EnvironmentSettings.file} and the section's field path.
 */
export interface EnvironmentSettings {
  /** The settings file as the user would type it (relative to the working directory), also when it does not exist. */
  readonly file: string;
  /** Whether the file exists. */
  readonly exists: boolean;
  /** `instance` section (validated by amzconnect-instance). @default undefined: the defaults */
  readonly instance: unknown;
  /** `supportingInfra` section (validated by amzconnect-supporting-infra). @default undefined: the defaults */
  readonly supportingInfra: unknown;
  /** `workloads` section by workload id, raw JSON (validated by each workload's schema). @default {} */
  readonly workloads: Readonly<Record<string, unknown>>;
}

/** Settings of an environment without a settings file. */
export function defaultEnvironmentSettings(file: string): EnvironmentSettings {
  return { file, exists: false, instance: undefined, supportingInfra: undefined, workloads: {} };
}

/**
 * Whether the environment's `instance` section asks for a Customer Profiles domain
 * (`instance.customerProfiles`, created or adopted; its shape is validated by amzconnect-instance,
 * which then publishes the domain's name under `SsmNames.connect.customerProfilesDomainName`).
 * For workloads that use the domain, to refuse a configuration that would find none.
 */
export function asksForCustomerProfilesDomain(settings: Pick<EnvironmentSettings, 'instance'>): boolean {
  const instance = settings.instance;
  if (typeof instance !== 'object' || instance === null) return false;
  const profiles = (instance as Record<string, unknown>).customerProfiles;
  return typeof profiles === 'object' && profiles !== null && !Array.isArray(profiles);
}

/** Where a section's value came from, for error messages: `file` and the field path of the section. */
export interface SettingsSource {
  /** The settings file, e.g. `env/environments/develop.json`. */
  readonly file: string;
  /** Field path of the section inside the file, e.g. `workloads.agent-guides`. */
  readonly field: string;
}

/** The raw settings of one workload in one environment, with where they are written. */
export interface RawWorkloadSettings extends SettingsSource {
  /** The JSON value as written; `undefined` when the environment does not mention the workload. */
  readonly value: unknown;
}

/**
 * The raw settings of workload `workloadId` in environment `envName`
 * (`env/environments/<env>.json` `workloads.<workload-id>`), for the workload's own schema to
 * validate. `value` is `undefined` when the environment does not mention the workload (off).
 * @throws Error when `envName` is not an environment of `config` (a programming error)
 */
export function rawWorkloadSettings(
  config: Pick<PlatformConfig, 'configDir' | 'environments'>,
  envName: string,
  workloadId: string,
): RawWorkloadSettings {
  const environment = config.environments.find((e) => e.name === envName);
  if (!environment) {
    throw new Error(`rawWorkloadSettings: no environment "${envName}" in ${config.configDir}.`);
  }
  const { settings } = environment;
  return {
    file: settings.file,
    field: `workloads.${workloadId}`,
    value: Object.prototype.hasOwnProperty.call(settings.workloads, workloadId)
      ? settings.workloads[workloadId]
      : undefined,
  };
}
