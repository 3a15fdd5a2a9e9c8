import { deploymentTargets, type AddStacks } from '@amzconnect/env';
import { environmentQualifiedName, lifecyclePolicy } from '@amzconnect/instance';
import type { BotDefinition } from './bot-definition';
import { loadBotDefinitions } from './load-bot-definitions';
import { loadSupportingInfraConfig, type LoadedSupportingInfraConfig } from './load-supporting-infra-config';
import { SupportingInfraStack } from './supporting-infra-stack';

/** Sub-project id used in stack names. */
export const SUPPORTING_INFRA_SUBPROJECT = 'supporting-infra';

/** Name (and construct id) of the supporting-infra stack of one environment and Region. */
export function supportingInfraStackName(app: string, environment: string, region: string): string {
  return `${app}-${SUPPORTING_INFRA_SUBPROJECT}-${environment}-${region}`;
}

/** Data the stacks are built from; loaded from the sub-project's files unless given. */
export interface SupportingInfraInputs {
  readonly loaded?: LoadedSupportingInfraConfig;
  readonly bots?: readonly BotDefinition[];
}

/**
 * Builds {@link addSupportingInfraStacks} for given inputs (tests pass their own); anything not
 * given is loaded from `config/` and `bots/` and validated against the platform configuration.
 */
export function addSupportingInfraStacksWith(inputs: SupportingInfraInputs = {}): AddStacks {
  return (app, platform, options) => {
    const { config, sampleCustomers } = inputs.loaded ?? loadSupportingInfraConfig(undefined, { platform });
    const bots = inputs.bots ?? loadBotDefinitions(undefined, { platform });
    return deploymentTargets(platform, options?.environments).map(({ environment, region }) => {
      const name = supportingInfraStackName(environment.app, environment.name, region);
      const overrides = config.environments[environment.name] ?? {};
      return new SupportingInfraStack(app, name, {
        stackName: name,
        env: { account: environment.account, region },
        description: `Supporting infrastructure of ${environment.app} ${environment.name} in ${region} (amzconnect-supporting-infra)`,
        app: environment.app,
        environmentName: environment.name,
        bots,
        flowBucketName: environmentQualifiedName(config.flowBucketName, environment.name, region),
        conversationLogRetention: config.conversationLogRetentionDays,
        sampleCustomers: overrides.loadSampleCustomers ? sampleCustomers : [],
        lifecycle: lifecyclePolicy(environment, platform.tooling, overrides),
      });
    });
  };
}

/**
 * Adds one {@link SupportingInfraStack} per enabled environment and Region, from
 * `config/supporting-infra.json` and `bots/*.json`.
 */
export const addSupportingInfraStacks: AddStacks = addSupportingInfraStacksWith();
