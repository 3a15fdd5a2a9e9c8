import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import type { Environment } from '../platform-config';
import { targetRoleArns } from '../target-account-roles';

/**
 * The synthesizer for every stack deployed into a target account: the CDK bootstrap's assets
 * bucket (of the configured qualifier), with the platform's named roles for deployment, asset
 * publishing and execution. It remembers its environment so that the platform app can put the
 * environment's permissions boundary on every role of the stack.
 */
export class TargetStackSynthesizer extends DefaultStackSynthesizer {
  constructor(public readonly environment: TargetEnvironment) {
    const arns = targetRoleArns(environment);
    super({
      qualifier: environment.bootstrapQualifier,
      deployRoleArn: arns.deploy,
      fileAssetPublishingRoleArn: arns.publish,
      cloudFormationExecutionRole: arns.execution,
      lookupRoleArn: arns.deploy,
    });
  }
}

/** What a target stack's synthesizer needs to know of its environment. */
export type TargetEnvironment = Pick<
  Environment,
  'app' | 'name' | 'account' | 'bootstrapQualifier' | 'platformPrefix'
>;

/** The synthesizer for every stack deployed into a target account (see {@link TargetStackSynthesizer}). */
export function targetStackSynthesizer(env: TargetEnvironment): TargetStackSynthesizer {
  return new TargetStackSynthesizer(env);
}
