import type { App } from 'aws-cdk-lib';
import { PlatformConfig, deploymentTargets, subprojectStackName } from '@amzconnect/env';
import { AddStacks, AddStacksOptions, targetStackSynthesizer } from '@amzconnect/env/cdk';
import { loadInstanceConfig } from '@amzconnect/instance';
import { FlowDocument } from '../src/model/flow-document';
import { ContactFlowsStack, QueueTransferSettings } from './contact-flows-stack';
import { FlowBundle } from '../src/deploy/flow-bundle';
import { catalogNamesOf, loadFlowDocuments, writeFlowBundleFile } from './flow-bundle-file';
import { flowDocumentsByEnvironment, loadWorkloadSwitches } from './workload-flows';
import { checkTransferFlows, queueTransfersByEnvironment } from './queue-transfers';

export * from './contact-flows-stack';
export * from './flow-bundle-file';
export * from './flow-provisioner';
export * from './flow-provisioner-statements';
export * from './queue-transfer-quick-connects';
export * from './queue-transfers';
export * from './workload-flows';

/** `<app>-contact-flows-<env>-<region>`, the construct id and name of each stack. */
export function contactFlowsStackName(app: string, env: string, region: string): string {
  return subprojectStackName({ app, name: env }, 'contact-flows', region);
}

/** What {@link addContactFlowStacksFor} adds beyond the flows. */
export interface ContactFlowStacksExtras {
  /** Names of the repository catalog, carried in the bundle. @default none */
  readonly catalogNames?: FlowBundle['catalogNames'];
  /** Queue quick connects of each environment (`queueTransfersByEnvironment`). @default none */
  readonly queueTransfers?: (envName: string) => readonly QueueTransferSettings[];
}

/** Adds one {@link ContactFlowsStack} per enabled (environment, Region), deploying `documents`. */
export function addContactFlowStacksFor(
  documents: readonly FlowDocument[] | ((envName: string) => readonly FlowDocument[]),
  app: App,
  config: PlatformConfig,
  options?: AddStacksOptions,
  extras: ContactFlowStacksExtras = {},
): ContactFlowsStack[] {
  const documentsOf = (envName: string) => (typeof documents === 'function' ? documents(envName) : documents);
  // Per-environment documents (workload flows only where the workload is on); equal sets share one bundle file.
  const bundleFor = (envName: string) => writeFlowBundleFile(documentsOf(envName), extras.catalogNames);
  return deploymentTargets(config, options?.environments).map(({ environment, region }) => {
    const flowBundlePath = bundleFor(environment.name);
    const queueTransfers = extras.queueTransfers?.(environment.name) ?? [];
    checkTransferFlows(environment.name, queueTransfers, documentsOf(environment.name));
    const name = contactFlowsStackName(environment.app, environment.name, region);
    return new ContactFlowsStack(app, name, {
      stackName: name,
      env: { account: environment.account, region },
      synthesizer: targetStackSynthesizer(environment),
      description: `Contact flows of ${environment.app} ${environment.name} (${region}), deployed by the flow provisioner (amzconnect-contact-flows)`,
      app: environment.app,
      envName: environment.name,
      flowBundlePath,
      queueTransfers,
    });
  });
}

/**
 * The sub-project's entry: reads `flows/` (every unreadable file reported) and the routing
 * profiles of `config/instance.json` (for queue quick connects), then adds the stacks.
 */
export const addContactFlowStacks: AddStacks = (app, config, options) => {
  const documents = loadFlowDocuments();
  const switches = loadWorkloadSwitches(config);
  return addContactFlowStacksFor(flowDocumentsByEnvironment(switches), app, config, options, {
    catalogNames: catalogNamesOf(documents),
    queueTransfers: queueTransfersByEnvironment(switches, loadInstanceConfig()),
  });
};
