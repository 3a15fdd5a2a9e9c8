import { ConfigError, ConfigProblem, PlatformConfig } from '@amzconnect/env';
import { placeholderValues } from './placeholder-values';
import { declaredWorkloadIds, rawWorkloadSettings } from './raw-workload-settings';
import { WORKLOAD_IDS, WORKLOAD_MANIFESTS, WorkloadId, WorkloadTargets } from './workload-manifests';
import { ParsedWorkloadSettings } from './workload-manifest';
import { workloadSwitch } from './workload-switch';

/** Options of {@link loadWorkloads}. */
export interface LoadWorkloadsOptions {
  /**
   * Refuse known placeholder values (example.com domains, 555 numbers, all-zero ids) instead of
   * warning: a pipeline build or a deploy must never ship them. @default false (a local synth warns)
   */
  readonly strict?: boolean;
}

/** The validated settings of every workload in every environment of the platform. */
export interface LoadedWorkloads {
  /** Validated settings, by workload id then environment name; only where the workload is on. */
  readonly settings: ReadonlyMap<WorkloadId, ReadonlyMap<string, unknown>>;
  /** Placeholder values found in a non-strict load (file, field, what to replace). */
  readonly warnings: readonly ConfigProblem[];
  /** What the stack of (`envName`, `region`) receives, by workload id. */
  targetsFor(envName: string, region: string): WorkloadTargets;
}

/** Environments where each workload is on, by the workload's flows folder. */
export type WorkloadSwitches = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Where each workload is on: {@link workloadSwitch} over every environment of the platform. This
 * is what the flow deployment uses to decide which workload flows an environment gets.
 * @throws ConfigError listing every unreadable setting (never "off" for a file it cannot read)
 */
export function workloadSwitches(
  platform: Pick<PlatformConfig, 'configDir' | 'environments'>,
): WorkloadSwitches {
  const problems: ConfigProblem[] = [];
  const out = new Map<string, Set<string>>();
  for (const id of WORKLOAD_IDS) {
    const on = new Set<string>();
    for (const environment of platform.environments) {
      const decided = workloadSwitch(rawWorkloadSettings(platform, environment.name, id));
      if (!decided.ok) problems.push(decided.problem);
      else if (decided.on) on.add(environment.name);
    }
    out.set(WORKLOAD_MANIFESTS[id].flowsFolder, on);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out;
}

/**
 * Reads and validates every workload's settings for every environment, collecting every problem
 * (file, field, fix) across workloads and environments and throwing once.
 * @throws ConfigError
 */
export function loadWorkloads(
  platform: Pick<PlatformConfig, 'configDir' | 'environments'>,
  options: LoadWorkloadsOptions = {},
): LoadedWorkloads {
  const problems: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const settings = new Map<WorkloadId, Map<string, unknown>>();
  for (const environment of platform.environments) {
    for (const unknown of declaredWorkloadIds(platform, environment.name).filter(
      (id) => !(WORKLOAD_IDS as string[]).includes(id),
    )) {
      const { file } = rawWorkloadSettings(platform, environment.name, unknown);
      problems.push({
        file,
        field: `workloads.${unknown}`,
        message: `is not a workload; use one of ${WORKLOAD_IDS.join(', ')}, or remove it.`,
      });
    }
  }
  for (const id of WORKLOAD_IDS) {
    const manifest = WORKLOAD_MANIFESTS[id];
    const byEnv = new Map<string, unknown>();
    const parsedHere: ParsedWorkloadSettings<unknown>[] = [];
    for (const environment of platform.environments) {
      const raw = rawWorkloadSettings(platform, environment.name, id);
      const decided = workloadSwitch(raw);
      if (!decided.ok) {
        problems.push(decided.problem);
        continue;
      }
      if (!decided.on) continue;
      const add = (sub: string, message: string) =>
        problems.push({ file: raw.file, field: sub ? `${raw.field}.${sub}` : raw.field, message });
      const parsed = manifest.parse(raw.value as Record<string, unknown>, { ...raw, environment, add });
      if (parsed !== undefined) {
        byEnv.set(environment.name, parsed);
        parsedHere.push({ file: raw.file, field: raw.field, environment, settings: parsed });
      }
      for (const p of placeholderValues(raw.value, raw.field)) {
        const found = {
          file: raw.file,
          field: p.path,
          message: `${JSON.stringify(p.value)} is ${p.kind}, a placeholder; replace it with your real value (a pipeline build refuses placeholders).`,
        };
        (options.strict ? problems : warnings).push(found);
      }
    }
    problems.push(...(manifest.checkAcrossEnvironments?.(parsedHere) ?? []));
    settings.set(id, byEnv);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    settings,
    warnings,
    targetsFor(envName, region) {
      const targets: Record<string, unknown> = {};
      for (const id of WORKLOAD_IDS) {
        const s = settings.get(id)?.get(envName);
        const target = s === undefined ? undefined : WORKLOAD_MANIFESTS[id].target(s, region);
        if (target !== undefined) targets[id] = target;
      }
      return targets as WorkloadTargets;
    },
  };
}

/** Re-exported for the workload loader's callers; the rule lives with the configuration loader. */
export { isStrictRun } from '@amzconnect/env';
