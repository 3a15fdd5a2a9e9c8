import { ConfigProblem } from '@amzconnect/env';
import { RawWorkloadSettings } from './raw-workload-settings';

/** Whether a workload is on in one environment, or why its settings cannot say. */
export type WorkloadSwitch =
  { readonly ok: true; readonly on: boolean } | { readonly ok: false; readonly problem: ConfigProblem };

/**
 * THE rule deciding where a workload is on, used by the lambdas stack and the flow deployment
 * alike: on exactly where the environment's settings say `"enabled": true`. No settings means
 * off (the default); settings that are not an object, or whose `enabled` is not a boolean, are a
 * problem, so a typo fails the build instead of quietly switching the workload off (its flows
 * would then look orphaned and be renamed in Connect).
 */
export function workloadSwitch(raw: RawWorkloadSettings): WorkloadSwitch {
  const { file, field, value } = raw;
  if (value === undefined) return { ok: true, on: false };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      problem: {
        file,
        field,
        message: 'must be an object like { "enabled": true, ... }, or be left out (off).',
      },
    };
  const enabled = (value as Record<string, unknown>).enabled;
  if (typeof enabled !== 'boolean')
    return {
      ok: false,
      problem: {
        file,
        field: `${field}.enabled`,
        message: 'must be true (deploy the workload in this environment) or false.',
      },
    };
  return { ok: true, on: enabled };
}
