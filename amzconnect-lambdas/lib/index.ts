import type { App } from 'aws-cdk-lib';
import {
  collectConfigProblems,
  ConfigError,
  ConfigProblem,
  formatProblem,
  deploymentTargets,
  PlatformConfig,
  subprojectStackName,
} from '@amzconnect/env';
import { AddStacks, AddStacksOptions, targetStackSynthesizer } from '@amzconnect/env/cdk';
import { KNOWN_FUNCTION_NAMES, WorkloadSettings } from './function-sources';
import { isStrictRun, loadWorkloads } from './workloads/manifest/load-workloads';
import { FUNCTIONS_REGISTRY_FILE, FunctionsRegistry, loadFunctionsRegistry } from './functions-registry';
import { LambdasStack } from './lambdas-stack';

export * from './function-sources';
export * from './functions-registry';
export * from './lambdas-stack';
export * from './nag-resource-name';
export * from './workloads/agent-guides';
export * from './workloads/messaging-channels';
export * from './workloads/email-channel';
export * from './workloads/manifest';
export * from './workloads/workload-constructs';

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
 * fix, including names without code) and every workload's settings in `env/environments/`
 * (through the manifests; placeholders warn locally and are refused in a pipeline build), reports
 * the problems of both together, then adds the stacks.
 * @throws ConfigError with every problem of the registry and of every workload in every environment
 */
export const addLambdaStacks: AddStacks = (app, config, options) => {
  // The entry point is the one place that reads the process environment (CodeBuild sets CODEBUILD_BUILD_ID).
  const strict = isStrictRun(process.env, app.node.tryGetContext('strict'));
  const problems: ConfigProblem[] = [];
  const registry = collectConfigProblems(
    () => loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES),
    problems,
  );
  const workloads = collectConfigProblems(() => loadWorkloads(config, { strict }), problems);
  if (!registry || !workloads) throw new ConfigError(problems);
  for (const w of workloads.warnings) process.stderr.write(`warning: ${formatProblem(w)}\n`);
  return addLambdaStacksFor(registry, app, config, options, (envName, region) =>
    workloads.targetsFor(envName, region),
  );
};
