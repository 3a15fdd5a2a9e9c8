import type { App } from 'aws-cdk-lib';
import {
  AddStacks,
  AddStacksOptions,
  deploymentTargets,
  PlatformConfig,
  subprojectStackName,
  targetStackSynthesizer,
} from '@amzconnect/env';
import { KNOWN_FUNCTION_NAMES } from './function-sources';
import { FUNCTIONS_REGISTRY_FILE, FunctionsRegistry, loadFunctionsRegistry } from './functions-registry';
import { LambdasStack } from './lambdas-stack';

export * from './connect-function';
export * from './connect-function-defaults';
export * from './flow-provisioner-statements';
export * from './function-sources';
export * from './functions-registry';
export * from './lambdas-stack';
export * from './nag-resource-name';

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
      description: `Lambda functions of ${environment.app} ${environment.name} (${region}) that contact flows invoke, and the flow provisioner`,
    });
  });
}

/**
 * The sub-project's entry: validates `config/functions.json` (every problem, with file, field and
 * fix, including names without code), then adds the stacks.
 */
export const addLambdaStacks: AddStacks = (app, config, options) =>
  addLambdaStacksFor(
    loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES),
    app,
    config,
    options,
  );
