import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import { Environment, ToolingAccount } from './platform-config';

/**
 * The cross-account contract between the tooling account and a target account.
 *
 * The tooling account runs one deploy CodeBuild project per environment whose role has a fixed
 * name, so that the target account can trust exactly that role (not the whole tooling account).
 * The target account holds three roles created by the target-account access stack
 * (`amzconnect-devops-pipelines`, `TargetAccountAccessStack`):
 * - deploy: assumed by the tooling deploy role; drives CloudFormation for the environment's stacks;
 * - publish: assumed by the tooling deploy role; uploads file assets to the CDK assets bucket;
 * - execution: assumed by CloudFormation; carries the scoped execution policy;
 * - flow plan: assumed by the tooling deploy role; reads the Connect instance (never writes) so
 *   the contact-flows pipeline can show release managers the flow plan before they approve.
 * Every sub-project stack is synthesized with {@link targetStackSynthesizer}, so `cdk deploy` uses
 * these roles instead of the default bootstrap roles. The CDK bootstrap (assets bucket, version
 * parameter) is still required, without `--trust`.
 */

/** CDK bootstrap qualifier the platform uses (the CDK default). */
export const BOOTSTRAP_QUALIFIER = 'hnb659fds';

/** Name of the tooling-account role of the deploy CodeBuild project for an environment. */
export function toolingDeployRoleName(env: Pick<Environment, 'name'>): string {
  return `amzconnect-deploy-${env.name}`;
}

/** ARN of the tooling-account deploy role for an environment. */
export function toolingDeployRoleArn(
  tooling: Pick<ToolingAccount, 'account'>,
  env: Pick<Environment, 'name'>,
): string {
  return `arn:aws:iam::${tooling.account}:role/${toolingDeployRoleName(env)}`;
}

/** Names of the three roles in a target account for an environment. */
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

/** ARNs of the three target-account roles. */
export function targetRoleArns(env: Pick<Environment, 'app' | 'name' | 'account'>): {
  readonly deploy: string;
  readonly publish: string;
  readonly execution: string;
  readonly flowPlan: string;
} {
  const names = targetRoleNames(env);
  const arn = (n: string) => `arn:aws:iam::${env.account}:role/${n}`;
  return {
    deploy: arn(names.deploy),
    publish: arn(names.publish),
    execution: arn(names.execution),
    flowPlan: arn(names.flowPlan),
  };
}

/**
 * The synthesizer for every stack deployed into a target account: the CDK bootstrap's assets
 * bucket, with the platform's named roles for deployment, asset publishing and execution.
 */
export function targetStackSynthesizer(
  env: Pick<Environment, 'app' | 'name' | 'account'>,
): DefaultStackSynthesizer {
  const arns = targetRoleArns(env);
  return new DefaultStackSynthesizer({
    qualifier: BOOTSTRAP_QUALIFIER,
    deployRoleArn: arns.deploy,
    fileAssetPublishingRoleArn: arns.publish,
    cloudFormationExecutionRole: arns.execution,
    lookupRoleArn: arns.deploy,
  });
}
