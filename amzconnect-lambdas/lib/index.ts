import type { App } from 'aws-cdk-lib';
import {
  AddStacks,
  AddStacksOptions,
  deploymentTargets,
  PlatformConfig,
  subprojectStackName,
  targetStackSynthesizer,
} from '@amzconnect/env';
import { KNOWN_FUNCTION_NAMES, WorkloadSettings } from './function-sources';
import { agentGuidesTarget, loadAgentGuidesConfig } from './workloads/agent-guides/agent-guides-config';
import { loadMessagingChannels, messagingChannelsFor } from './workloads/messaging-channels';
import { emailChannelFor, loadEmailChannel } from './workloads/email-channel/email-channel-config';
import { FUNCTIONS_REGISTRY_FILE, FunctionsRegistry, loadFunctionsRegistry } from './functions-registry';
import { LambdasStack } from './lambdas-stack';

export * from './connect-function';
export * from './connect-function-defaults';
export * from './function-sources';
export * from './functions-registry';
export * from './lambdas-stack';
export * from './nag-resource-name';
export * from './workloads/agent-guides';
export * from './workloads/messaging-channels';
export * from './workloads/email-channel';

/** `<app>-lambdas-<env>-<region>`, the construct id and name of each stack. */
export function lambdasStackName(app: string, env: string, region: string): string {
  return subprojectStackName({ app, name: env }, 'lambdas', region);
}

/** Adds one {@link LambdasStack} per enabled (environment, Region), deploying `registry`'s functions. */
export function addLambdaStacksFor(
  registry: FunctionsRegistry,
  app: App,
  config: PlatformConfig,
  options?: AddStacksOptions,
  workloadsFor: (envName: string, region: string) => WorkloadSettings = () => ({}),
): LambdasStack[] {
  return deploymentTargets(config, options?.environments).map(({ environment, region }) => {
    const name = lambdasStackName(environment.app, environment.name, region);
    return new LambdasStack(app, name, {
      stackName: name,
      env: { account: environment.account, region },
      synthesizer: targetStackSynthesizer(environment),
      app: environment.app,
      envName: environment.name,
      functions: registry.functions,
      workloads: workloadsFor(environment.name, region),
      description: `Lambda functions of ${environment.app} ${environment.name} (${region}) that contact flows invoke`,
    });
  });
}

/**
 * The sub-project's entry: validates `config/functions.json` (every problem, with file, field and
 * fix, including names without code), then adds the stacks.
 */
export const addLambdaStacks: AddStacks = (app, config, options) => {
  const registry = loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES);
  // Workload settings, validated here (file, field, fix); one line per workload.
  const agentGuides = loadAgentGuidesConfig(config);
  const messagingChannels = loadMessagingChannels(config);
  const emailChannel = loadEmailChannel(config);
  return addLambdaStacksFor(registry, app, config, options, (envName, region) => ({
    'agent-guides': agentGuidesTarget(agentGuides, envName, region),
    'messaging-channels': messagingChannelsFor(messagingChannels, envName, region),
    'email-channel': emailChannelFor(emailChannel, envName, region),
  }));
};
