import { App, Stack } from 'aws-cdk-lib';
import { enabledEnvironments, PlatformConfig } from '@amzconnect/env';
import { AddStacksOptions } from '@amzconnect/env/cdk';
import { EnvironmentPipelinesStack } from './environment-pipelines-stack';
import { environmentPipelinesStackName, targetAccessStackName, toolingCoreStackName } from './stack-names';
import { TargetAccountAccessStack } from './target-account-access-stack';
import { ToolingCoreStack } from './tooling-core-stack';

export * from './cfn-execution-policy';
export * from './environment-deploy-project';
export * from './environment-pipelines-stack';
export * from './flow-plan-project';
export * from './pipeline-project';
export * from './pipeline-notifications';
export * from './pull-request-checks';
export * from './release-alarms';
export * from './release-queue';
export * from './self-update-pipeline';
export * from './stack-names';
export * from './subproject-build-projects';
export * from './subproject-pipeline';
export * from './target-account-access-stack';
export * from './tooling-core-stack';
export * from './webhook-router';

/** The stacks of the tooling app. */
export interface ToolingStacks {
  readonly core: ToolingCoreStack;
  readonly environments: readonly EnvironmentPipelinesStack[];
  readonly targetAccess: readonly TargetAccountAccessStack[];
}

/**
 * Adds the tooling account's stacks (core + one per enabled environment) and, for each enabled
 * environment, the access stack an administrator deploys once into the target account.
 * The tooling stacks always cover every enabled environment; `options.environments` only
 * restricts the target access stacks.
 */
export function addToolingStacks(
  app: App,
  config: PlatformConfig,
  options: AddStacksOptions = {},
): ToolingStacks {
  const toolingEnv = { account: config.tooling.account, region: config.tooling.region };
  const coreName = toolingCoreStackName(config.tooling);
  const core = new ToolingCoreStack(app, coreName, {
    stackName: coreName,
    env: toolingEnv,
    config,
    description: 'Amazon Connect CI/CD: shared pipeline resources, self-update pipeline and webhook router',
  });
  const enabled = enabledEnvironments(config);
  const environments = enabled.map(
    (environment) =>
      new EnvironmentPipelinesStack(app, environmentPipelinesStackName(config.tooling, environment), {
        stackName: environmentPipelinesStackName(config.tooling, environment),
        env: toolingEnv,
        environment,
        tooling: config.tooling,
        core,
        description: `Amazon Connect CI/CD: pipelines of the ${environment.name} environment (branch ${environment.branch})`,
      }),
  );
  const only = options.environments;
  const targetAccess = enabled
    .filter((e) => !only || only.length === 0 || only.includes(e.name))
    .map(
      (environment) =>
        new TargetAccountAccessStack(app, targetAccessStackName(environment), {
          stackName: targetAccessStackName(environment),
          env: { account: environment.account, region: environment.regions[0] },
          environment,
          tooling: config.tooling,
          description: `Amazon Connect CI/CD: roles the tooling account uses to deploy ${environment.name}`,
        }),
    );
  return { core, environments, targetAccess };
}

/** `AddStacks` form of {@link addToolingStacks}, for the shared entry point. */
export function addToolingStackList(app: App, config: PlatformConfig, options?: AddStacksOptions): Stack[] {
  const s = addToolingStacks(app, config, options);
  return [s.core, ...s.environments, ...s.targetAccess];
}
