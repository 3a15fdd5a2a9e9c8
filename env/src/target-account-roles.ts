import { Environment, ToolingAccount } from './platform-config';

/**
 * The cross-account contract between the tooling account and a target account.
 *
 * The tooling account runs one deploy CodeBuild project per environment whose role has a fixed
 * name, so that the target account can trust exactly that role (not the whole tooling account).
 * The target account holds the roles created by the target-account access stack
 * (`amzconnect-devops-pipelines`, `TargetAccountAccessStack`), all under the IAM path
 * {@link accessRolePath} so that no name prefix the platform's own stacks use can match them:
 * - deploy: assumed by the tooling deploy role; drives CloudFormation for the environment's stacks;
 * - publish: assumed by the tooling deploy role; uploads file assets to the CDK assets bucket;
 * - execution: assumed by CloudFormation; carries the scoped execution policy;
 * - flow plan: assumed by the tooling plan role; reads the Connect instance (never writes) so
 *   the contact-flows pipeline can show release managers the flow plan before they approve.
 * Every sub-project stack is synthesized with `targetStackSynthesizer` (`@amzconnect/env/cdk`), so `cdk deploy` uses
 * these roles instead of the default bootstrap roles, and every role those stacks create carries
 * the environment's permissions boundary ({@link workloadBoundaryName}). The CDK bootstrap
 * (assets bucket, version parameter) is still required, without `--trust`.
 */

/** CDK bootstrap qualifier used when `devops.json` sets none (the CDK default). */
export const DEFAULT_BOOTSTRAP_QUALIFIER = 'hnb659fds';

/**
 * IAM path of every role and policy of the target-account access stack, `/<platform prefix>-access/`
 * (`/amzconnect-access/` by default). Roles the platform's stacks create live at `/` (named
 * `<app>-...`), so `role/<app>-*` never matches an access role.
 */
export function accessRolePath(env: Pick<Environment, 'platformPrefix'>): string {
  return `/${env.platformPrefix}-access/`;
}

/** Name of the tooling-account role of the deploy CodeBuild project for an environment. */
export function toolingDeployRoleName(env: Pick<Environment, 'name' | 'platformPrefix'>): string {
  return `${env.platformPrefix}-deploy-${env.name}`;
}

/** Name of the tooling-account role of the flow-plan CodeBuild project (may assume only the plan role). */
export function toolingPlanRoleName(env: Pick<Environment, 'name' | 'platformPrefix'>): string {
  return `${env.platformPrefix}-plan-${env.name}`;
}

/** ARN of the tooling-account deploy role for an environment. */
export function toolingDeployRoleArn(
  tooling: Pick<ToolingAccount, 'account'>,
  env: Pick<Environment, 'name' | 'platformPrefix'>,
): string {
  return `arn:aws:iam::${tooling.account}:role/${toolingDeployRoleName(env)}`;
}

/** ARN of the tooling-account plan role for an environment. */
export function toolingPlanRoleArn(
  tooling: Pick<ToolingAccount, 'account'>,
  env: Pick<Environment, 'name' | 'platformPrefix'>,
): string {
  return `arn:aws:iam::${tooling.account}:role/${toolingPlanRoleName(env)}`;
}

/** Names of the roles in a target account for an environment (without the path). */
export function targetRoleNames(env: Pick<Environment, 'app' | 'name'>): {
  readonly deploy: string;
  readonly publish: string;
  readonly execution: string;
  readonly flowPlan: string;
} {
  const base = `${env.app}-${env.name}`;
  return {
    deploy: `${base}-pipeline-deploy`,
    publish: `${base}-pipeline-publish`,
    execution: `${base}-cfn-exec`,
    flowPlan: `${base}-flow-plan`,
  };
}

/** ARNs of the target-account roles (under {@link accessRolePath}). */
export function targetRoleArns(env: Pick<Environment, 'app' | 'name' | 'account' | 'platformPrefix'>): {
  readonly deploy: string;
  readonly publish: string;
  readonly execution: string;
  readonly flowPlan: string;
} {
  const names = targetRoleNames(env);
  const arn = (n: string) => `arn:aws:iam::${env.account}:role${accessRolePath(env)}${n}`;
  return {
    deploy: arn(names.deploy),
    publish: arn(names.publish),
    execution: arn(names.execution),
    flowPlan: arn(names.flowPlan),
  };
}

/**
 * Name of the managed policy that is the permissions boundary of every role the environment's
 * stacks create; the execution role may create or change a role only when it carries it.
 */
export function workloadBoundaryName(env: Pick<Environment, 'app' | 'name'>): string {
  return `${env.app}-${env.name}-workload-boundary`;
}

/** ARN of {@link workloadBoundaryName} (under {@link accessRolePath}). */
export function workloadBoundaryArn(
  env: Pick<Environment, 'app' | 'name' | 'account' | 'platformPrefix'>,
  partition = 'aws',
): string {
  return `arn:${partition}:iam::${env.account}:policy${accessRolePath(env)}${workloadBoundaryName(env)}`;
}
