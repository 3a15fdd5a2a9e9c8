import * as fs from 'fs';
import * as path from 'path';
import type { PlatformConfig } from '@amzconnect/env';
import { loadRepoFlows } from './load-repo-flows';
import { FlowDocument } from '../model/flow-document';
import { FLOWS_DIR, REPO_ROOT } from '../paths';

/**
 * Optional workloads (agent guides, messaging channels, ...) keep their flows in
 * `flows/<workload>/` and their per-environment settings in
 * `amzconnect-lambdas/config/workloads/<workload>.json`, shaped
 * `{ "environments": { "<env>": { "enabled"?: boolean, ... } } }`. A workload is on in an
 * environment listed there whose `enabled` is not `false`, and off everywhere else: its flows
 * reference functions that exist only where it is on, so they are deployed only there.
 * A folder under `flows/` without such a file (e.g. `flows/modules/`) is not a workload.
 */
export const WORKLOADS_CONFIG_DIR = path.join(REPO_ROOT, 'amzconnect-lambdas', 'config', 'workloads');

/** Environments where each workload is on, by workload name. */
export type WorkloadSwitches = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Reads which environments turn each workload on (only the `environments` keys and `enabled`;
 * each workload validates the rest of its file at its own entry point). A file that cannot be
 * read turns its workload off everywhere. With `platform`, a workload's settings per environment
 * come from `env/environments/<env>.json` `workloads.<workload>` instead (the files in `dir` then
 * only say which workloads exist); same rule: listed and `enabled` not `false`.
 */
export function loadWorkloadSwitches(
  dir: string = WORKLOADS_CONFIG_DIR,
  platform?: Pick<PlatformConfig, 'environments'>,
): WorkloadSwitches {
  const switches = new Map<string, ReadonlySet<string>>();
  if (!fs.existsSync(dir)) return switches;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const workload = file.slice(0, -'.json'.length);
    if (platform) {
      const on = platform.environments
        .filter((e) => {
          const value = e.settings.workloads[workload];
          return value !== undefined && (value as { enabled?: unknown } | null)?.enabled !== false;
        })
        .map((e) => e.name);
      switches.set(workload, new Set(on));
      continue;
    }
    let environments: unknown;
    try {
      environments = (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { environments?: unknown })
        .environments;
    } catch {
      environments = undefined;
    }
    const on = new Set<string>();
    if (typeof environments === 'object' && environments !== null) {
      for (const [env, value] of Object.entries(environments)) {
        if ((value as { enabled?: unknown } | null)?.enabled !== false) on.add(env);
      }
    }
    switches.set(file.slice(0, -'.json'.length), on);
  }
  return switches;
}

/** The workload a flow file belongs to: the first folder under `flowsDir`, when it names a workload. */
export function workloadOfFlowFile(
  file: string,
  switches: WorkloadSwitches,
  flowsDir: string = FLOWS_DIR,
): string | undefined {
  const [first, ...rest] = path.relative(flowsDir, file).split(path.sep);
  return rest.length > 0 && switches.has(first) ? first : undefined;
}

/**
 * The repository's flows per environment: every flow outside workload folders, plus the flows
 * of the workloads that environment turns on.
 */
export function flowDocumentsByEnvironment(
  switches: WorkloadSwitches = loadWorkloadSwitches(),
  flowsDir: string = FLOWS_DIR,
): (envName: string) => FlowDocument[] {
  const files = loadRepoFlows(flowsDir).flows.map((f) => ({
    document: f.document,
    workload: workloadOfFlowFile(f.path, switches, flowsDir),
  }));
  return (envName) =>
    files
      .filter((f) => f.workload === undefined || switches.get(f.workload)?.has(envName) === true)
      .map((f) => f.document);
}
