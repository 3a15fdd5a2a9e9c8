import type { InstanceConfig } from '@amzconnect/instance';
import { WORKLOAD_IDS, WORKLOAD_MANIFESTS, WorkloadSwitches } from '@amzconnect/lambdas/workloads';
import type { FlowDocument } from '../src/model/flow-document';
import type { QueueTransferSettings } from './contact-flows-stack';

/**
 * The queue quick connects of each environment (pure): for every workload with a transfer flow
 * (`WorkloadManifest.queueTransfer`) that the environment turns on, the queues that routing
 * profiles of `config/instance.json` serve on the workload's channel (each once, in the order
 * the file names them). Those are the queues the workload's contacts reach agents from, so they
 * are both where agents transfer from and where they transfer to. Adopted queues are declared in
 * the same file, so an adopter gets the same quick connects. A workload whose channel no routing
 * profile serves gets none.
 */
export function queueTransfersByEnvironment(
  switches: WorkloadSwitches,
  instance: Pick<InstanceConfig, 'routingProfiles'>,
): (envName: string) => QueueTransferSettings[] {
  return (envName) =>
    WORKLOAD_IDS.flatMap((id) => {
      const manifest = WORKLOAD_MANIFESTS[id];
      const transfer = manifest.queueTransfer;
      if (!transfer || switches.get(manifest.flowsFolder)?.has(envName) !== true) return [];
      const queues = [
        ...new Set(
          instance.routingProfiles.flatMap((p) =>
            p.queues.filter((q) => q.channel === transfer.channel).map((q) => q.queue),
          ),
        ),
      ];
      return queues.length > 0 ? [{ transferFlow: transfer.flow, queues, label: transfer.label }] : [];
    });
}

/** A transfer flow named for quick connects is not a QUEUE_TRANSFER flow that the environment deploys. */
export class TransferFlowMissingError extends Error {
  constructor(
    public readonly envName: string,
    public readonly flow: string,
    public readonly foundType?: string,
  ) {
    super(
      foundType
        ? `Environment ${envName}: quick connects need ${flow} to be a QUEUE_TRANSFER flow, but it is ${foundType}; fix its "type" in amzconnect-contact-flows/flows/.`
        : `Environment ${envName}: quick connects need the transfer flow ${flow}, which is not among the flows the environment deploys; add it to amzconnect-contact-flows/flows/ or remove the workload's queueTransfer.`,
    );
    this.name = 'TransferFlowMissingError';
  }
}

/**
 * Checks that every transfer flow is a QUEUE_TRANSFER flow of `documents` (Connect refuses a queue
 * quick connect whose flow is of another type: "The flow must be of type Transfer to Queue",
 * CloudFormation reference, AWS::Connect::QuickConnect QueueQuickConnectConfig).
 * @throws TransferFlowMissingError
 */
export function checkTransferFlows(
  envName: string,
  transfers: readonly QueueTransferSettings[],
  documents: readonly FlowDocument[],
): void {
  for (const t of transfers) {
    const flow = documents.find((d) => d.name === t.transferFlow);
    if (!flow) throw new TransferFlowMissingError(envName, t.transferFlow);
    if (flow.type !== 'QUEUE_TRANSFER')
      throw new TransferFlowMissingError(envName, t.transferFlow, flow.type);
  }
}
