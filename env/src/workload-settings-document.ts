import { ConfigError, type ConfigProblem } from './config-error';
import { ENVIRONMENTS_DIR } from './environment-settings';
import type { PlatformConfig } from './platform-config';

/** File name the bridged document is parsed under; problems naming it are mapped back. */
const BRIDGE_FILE = '<workload settings>';

/**
 * Bridge for workload parsers written against the former layout, one file per workload shaped
 * `{ ...environment-independent keys, "environments": { "<env>": settings } }`: builds that
 * document from `base` (the workload's environment-independent keys, e.g. its `flowFunctions`)
 * and the `workloads.<workloadId>` section of every environment's settings, parses it with
 * `parse`, and reports any problem against the environment's own settings file
 * (`env/environments/<env>.json`, field `workloads.<workload-id>...`). Environments that do not
 * mention the workload are left out (the workload is off there).
 * @throws ConfigError with the mapped problems
 */
export function parseWorkloadSettingsDocument<T>(
  config: PlatformConfig,
  workloadId: string,
  base: Readonly<Record<string, unknown>>,
  parse: (document: unknown, file: string) => T,
): T {
  const environments: Record<string, unknown> = {};
  for (const e of config.environments) {
    if (Object.prototype.hasOwnProperty.call(e.settings.workloads, workloadId)) {
      environments[e.name] = e.settings.workloads[workloadId];
    }
  }
  const { environments: _ignored, ...independent } = base;
  void _ignored;
  try {
    return parse({ ...independent, environments }, BRIDGE_FILE);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new ConfigError(err.problems.map((p) => mapProblem(config, workloadId, p)));
  }
}

function mapProblem(config: PlatformConfig, workloadId: string, p: ConfigProblem): ConfigProblem {
  if (p.file !== BRIDGE_FILE) return p;
  const m = /^environments\.([^.[]+)(.*)$/.exec(p.field);
  const environment = m ? config.environments.find((e) => e.name === m[1]) : undefined;
  if (m && environment) {
    return { file: environment.settings.file, field: `workloads.${workloadId}${m[2]}`, message: p.message };
  }
  return {
    file: `${ENVIRONMENTS_DIR}/<env>.json`,
    field: `workloads.${workloadId}${p.field ? `.${p.field}` : ''}`,
    message: p.message,
  };
}
