import type { App } from 'aws-cdk-lib';
import {
  AddStacks,
  AddStacksOptions,
  ConfigError,
  deploymentTargets,
  parseWorkloadSettingsDocument,
  PlatformConfig,
  readJsonFile,
  subprojectStackName,
  targetStackSynthesizer,
} from '@amzconnect/env';
import { flowDocumentsByEnvironment, loadWorkloadSwitches } from '@amzconnect/contact-flows/cdk';
import { KNOWN_FUNCTION_NAMES, WorkloadSettings } from './function-sources';
import {
  AGENT_GUIDES_CONFIG_FILE,
  agentGuidesTarget,
  parseAgentGuidesConfig,
} from './workloads/agent-guides/agent-guides-config';
import {
  MESSAGING_CHANNELS_CONFIG_FILE,
  messagingChannelsFor,
  parseMessagingChannelsConfig,
} from './workloads/messaging-channels';
import {
  EMAIL_CHANNEL_CONFIG_FILE,
  emailChannelFor,
  parseEmailChannelConfig,
} from './workloads/email-channel/email-channel-config';
import { FUNCTIONS_REGISTRY_FILE, FunctionsRegistry, loadFunctionsRegistry } from './functions-registry';
import { LambdasStack } from './lambdas-stack';

export * from './connect-function';
export * from './connect-function-defaults';
export * from './flow-provisioner-statements';
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
      description: `Lambda functions of ${environment.app} ${environment.name} (${region}) that contact flows invoke, and the flow provisioner`,
    });
  });
}

/**
 * The sub-project's entry: validates `config/functions.json` (every problem, with file, field and
 * fix, including names without code), then adds the stacks.
 */
export const addLambdaStacks: AddStacks = (app, config, options) => {
  const registry = loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES);
  // Workload settings per environment come from env/environments/<env>.json (workloads.<id>);
  // config/workloads/<id>.json keeps what is environment-independent. Validated here (file, field, fix).
  const base = (file: string): Record<string, unknown> => {
    const read = readJsonFile(file, file);
    if (!read.ok) throw new ConfigError([read.problem]);
    return read.value as Record<string, unknown>;
  };
  const byEnv = flowDocumentsByEnvironment(loadWorkloadSwitches(undefined, config));
  const agentGuides = parseWorkloadSettingsDocument(
    config,
    'agent-guides',
    base(AGENT_GUIDES_CONFIG_FILE),
    (doc, file) => parseAgentGuidesConfig(doc, file, config),
  );
  const messagingChannels = parseWorkloadSettingsDocument(
    config,
    'messaging-channels',
    base(MESSAGING_CHANNELS_CONFIG_FILE),
    (doc, file) =>
      parseMessagingChannelsConfig(doc, file, config, (envName) =>
        byEnv(envName).map((d) => ({ name: d.name, type: d.type })),
      ),
  );
  const emailChannel = parseWorkloadSettingsDocument(
    config,
    'email-channel',
    base(EMAIL_CHANNEL_CONFIG_FILE),
    (doc, file) =>
      parseEmailChannelConfig(
        doc,
        file,
        config.environments.map((e) => ({ name: e.name, regions: e.regions })),
      ),
  );
  return addLambdaStacksFor(registry, app, config, options, (envName, region) => ({
    'agent-guides': agentGuidesTarget(agentGuides, envName, region),
    'messaging-channels': messagingChannelsFor(messagingChannels, envName, region),
    'email-channel': emailChannelFor(emailChannel, envName, region),
  }));
};
