import { CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { workloadBoundaryArn } from '../target-account-roles';
import { TargetStackSynthesizer } from './target-stack-synthesizer';

/**
 * Puts the environment's permissions boundary on every IAM role of every stack deployed into a
 * target account (recognised by its {@link TargetStackSynthesizer}), including the roles of
 * CDK's own custom-resource providers, which are plain `CfnResource`s. The execution role may
 * create or change a role only when it carries this boundary (`iam:PermissionsBoundary`
 * condition), so a role without it fails at deployment rather than escaping the boundary.
 */
export class WorkloadPermissionsBoundary implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== 'AWS::IAM::Role') return;
    const stack = Stack.of(node);
    if (!(stack.synthesizer instanceof TargetStackSynthesizer)) return;
    node.addPropertyOverride(
      'PermissionsBoundary',
      workloadBoundaryArn(stack.synthesizer.environment, stack.partition),
    );
  }
}
