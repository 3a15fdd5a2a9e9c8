import type { App } from 'aws-cdk-lib';
import {
  AddStacks,
  AddStacksOptions,
  PlatformConfig,
  deploymentTargets,
  subprojectStackName,
  targetStackSynthesizer,
} from '@amzconnect/env';
import { FlowDocument } from '../src/model/flow-document';
import { ContactFlowsStack } from './contact-flows-stack';
import { FlowBundle } from '../src/deploy/flow-bundle';
import { catalogNamesOf, loadFlowDocuments, writeFlowBundleFile } from './flow-bundle-file';
import { flowDocumentsByEnvironment, loadWorkloadSwitches } from './workload-flows';

export * from './contact-flows-stack';
export * from './flow-bundle-file';
export * from './workload-flows';

/** `<app>-contact-flows-<env>-<region>`, the construct id and name of each stack. */
export function contactFlowsStackName(app: string, env: string, region: string): string {
  return subprojectStackName({ app, name: env }, 'contact-flows', region);
}

/** Adds one {@link ContactFlowsStack} per enabled (environment, Region), deploying `documents`. */
export function addContactFlowStacksFor(
  documents: readonly FlowDocument[] | ((envName: string) => readonly FlowDocument[]),
  app: App,
  config: PlatformConfig,
  options?: AddStacksOptions,
  catalogNames?: FlowBundle['catalogNames'],
): ContactFlowsStack[] {
  // Per-environment documents (workload flows only where the workload is on); equal sets share one bundle file.
  const bundleFor = (envName: string) =>
    writeFlowBundleFile(typeof documents === 'function' ? documents(envName) : documents, catalogNames);
  return deploymentTargets(config, options?.environments).map(({ environment, region }) => {
    const flowBundlePath = bundleFor(environment.name);
    const name = contactFlowsStackName(environment.app, environment.name, region);
    return new ContactFlowsStack(app, name, {
      stackName: name,
      env: { account: environment.account, region },
      synthesizer: targetStackSynthesizer(environment),
      description: `Contact flows of ${environment.app} ${environment.name} (${region}), deployed by the flow provisioner (amzconnect-contact-flows)`,
      app: environment.app,
      envName: environment.name,
      flowBundlePath,
    });
  });
}

/** The sub-project's entry: reads `flows/` (every unreadable file reported), then adds the stacks. */
export const addContactFlowStacks: AddStacks = (app, config, options) => {
  const documents = loadFlowDocuments();
  return addContactFlowStacksFor(
    flowDocumentsByEnvironment(loadWorkloadSwitches(undefined, config)),
    app,
    config,
    options,
    catalogNamesOf(documents),
  );
};
