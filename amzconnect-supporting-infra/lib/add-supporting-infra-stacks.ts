import {
  collectConfigProblems,
  ConfigError,
  deploymentTargets,
  subprojectStackName,
  type ConfigProblem,
} from '@amzconnect/env';
import { targetStackSynthesizer, type AddStacks } from '@amzconnect/env/cdk';
import { lifecyclePolicy, targetResourceName } from '@amzconnect/instance';
import type { BotDefinition } from './bot-definition';
import { loadBotDefinitions } from './load-bot-definitions';
import { loadSupportingInfraConfig, type LoadedSupportingInfraConfig } from './load-supporting-infra-config';
import { SupportingInfraStack } from './supporting-infra-stack';

/** Sub-project id used in stack names. */
export const SUPPORTING_INFRA_SUBPROJECT = 'supporting-infra' as const;

/** Name (and construct id) of the supporting-infra stack of one environment and Region. */
export function supportingInfraStackName(app: string, environment: string, region: string): string {
  return subprojectStackName({ app, name: environment }, SUPPORTING_INFRA_SUBPROJECT, region);
}

/** Data the stacks are built from; loaded from the sub-project's files unless given. */
export interface SupportingInfraInputs {
  /** Configuration and sample customers. @default loaded from `config/supporting-infra.json` */
  readonly loaded?: LoadedSupportingInfraConfig;
  /** Bot definitions. @default loaded from `bots/*.json` */
  readonly bots?: readonly BotDefinition[];
}

/**
 * Builds {@link addSupportingInfraStacks} for given inputs (tests pass their own); anything not
 * given is loaded from `config/` and `bots/` and validated against the platform configuration,
 * the problems of all files reported together.
 */
export function addSupportingInfraStacksWith(inputs: SupportingInfraInputs = {}): AddStacks {
  return (app, platform, options) => {
    const problems: ConfigProblem[] = [];
    const collect = <T>(load: () => T): T | undefined => collectConfigProblems(load, problems);
    const loaded = inputs.loaded ?? collect(() => loadSupportingInfraConfig(undefined, { platform }));
    const bots = inputs.bots ?? collect(() => loadBotDefinitions(undefined, { platform }));
    if (problems.length > 0 || !loaded || !bots) throw new ConfigError(problems);
    const { config, sampleCustomers } = loaded;
    return deploymentTargets(platform, options?.environments).map(({ environment, region }) => {
      const name = supportingInfraStackName(environment.app, environment.name, region);
      const overrides = config.environments[environment.name] ?? {};
      return new SupportingInfraStack(app, name, {
        stackName: name,
        env: { account: environment.account, region },
        synthesizer: targetStackSynthesizer(environment),
        description: `Supporting infrastructure of ${environment.app} ${environment.name} in ${region} (amzconnect-supporting-infra)`,
        app: environment.app,
        environmentName: environment.name,
        bots,
        flowBucketName: targetResourceName(config.flowBucketName, environment, region),
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
