import * as path from 'path';
import { DEFAULT_CONFIG_DIR, loadPlatformConfig, PlatformConfig } from '@amzconnect/env';
import { workloadSwitches, WorkloadSwitches } from '@amzconnect/lambdas/workloads';
import { loadRepoFlows } from './load-repo-flows';
import { FlowDocument } from '../model/flow-document';
import { FLOWS_DIR, REPO_ROOT } from '../paths';

/**
 * Optional workloads (agent guides, messaging channels, ...) keep their flows in
 * `flows/<workload>/`. Which environments turn a workload on is decided by ONE rule, the
 * workload manifests' `workloadSwitches` (`@amzconnect/lambdas/workloads`): on where
 * `env/environments/<env>.json` says `workloads.<id>.enabled: true`, off where it says nothing,
 * and a configuration error (never "off") where it cannot be read. A workload's flows reference
 * functions that exist only where it is on, so they are deployed only there. A folder under
 * `flows/` that no manifest names (e.g. `flows/modules/`) is not a workload.
 */
export type { WorkloadSwitches };

/**
 * Where each workload is on, by its flows folder.
 * @throws ConfigError when a workload setting cannot be read
 */
export function loadWorkloadSwitches(
  config: Pick<PlatformConfig, 'configDir' | 'environments'> = loadPlatformConfig(
    path.join(REPO_ROOT, DEFAULT_CONFIG_DIR),
  ),
): WorkloadSwitches {
  return workloadSwitches(config);
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
