import { CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { acknowledgeGuardRule } from './guard-acknowledgement';

/**
 * Construct ids of the deploy-time Lambda handlers aws-cdk-lib adds to a stack by itself (one
 * per stack), with what each calls.
 */
export const CDK_SINGLETON_HANDLERS: Readonly<Record<string, string>> = {
  'Custom::S3AutoDeleteObjectsCustomResourceProvider':
    "CDK's auto-delete-objects handler: at stack deletion it lists and deletes the objects of a non-production bucket through the S3 API",
  AWS679f53fac002430cb0da5b7982bd2287:
    "CDK's AwsCustomResource handler: it makes one AWS API call at deploy time",
  BucketNotificationsHandler050a0587b7544547bf325f094a3db834:
    "CDK's bucket-notifications handler: it calls s3:PutBucketNotificationConfiguration at deploy time",
};

const VPC_RULE = 'lambda_inside_vpc_check';
const VPC_REASON = 'it reaches only AWS service endpoints, so a VPC would add NAT or endpoints for nothing.';

/**
 * Acknowledges AWS Control Tower's "Lambda in a VPC" control (CT.LAMBDA.PR.3) on the Lambda
 * functions aws-cdk-lib creates for deploy-time work, each with what it does: the singleton
 * handlers ({@link CDK_SINGLETON_HANDLERS}) and the `framework-*` functions of every
 * `custom-resources` Provider. They run only while CloudFormation deploys and call AWS APIs
 * only. The platform's own functions acknowledge it where they are defined.
 */
export class CdkFrameworkFunctions implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== 'AWS::Lambda::Function') return;
    const owner = node.node.scope;
    if (!owner) return;
    const singleton = owner.node.scope === Stack.of(node) ? CDK_SINGLETON_HANDLERS[owner.node.id] : undefined;
    if (singleton) {
      acknowledgeGuardRule(node, VPC_RULE, `${singleton}; ${VPC_REASON}`);
    } else if (owner.node.id.startsWith('framework-') && owner.node.scope instanceof cr.Provider) {
      acknowledgeGuardRule(
        node,
        VPC_RULE,
        `The ${owner.node.id} function of CDK's custom-resource Provider framework: it relays CloudFormation's requests to the provider's handlers at deploy time; ${VPC_REASON}`,
      );
    }
  }
}
