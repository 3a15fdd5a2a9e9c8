import { CfnResource, CustomResourceProviderBase, IAspect } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { acknowledgeGuardRule } from './guard-acknowledgement';

const VPC_RULE = 'lambda_inside_vpc_check';
const VPC_REASON = 'it reaches only AWS service endpoints, so a VPC would add NAT or endpoints for nothing.';

/** The CloudFormation function resource a Lambda construct renders, if it has one. */
function functionResource(construct: IConstruct | undefined): CfnResource | undefined {
  const child = construct?.node.defaultChild;
  return child && CfnResource.isCfnResource(child) && child.cfnResourceType === 'AWS::Lambda::Function'
    ? child
    : undefined;
}

/**
 * Acknowledges AWS Control Tower's "Lambda in a VPC" control (CT.LAMBDA.PR.3) on the Lambda
 * functions aws-cdk-lib creates for deploy-time work, each with what it does. They are found
 * through public types, never through the CDK's internal construct ids:
 * - every function a core `CustomResourceProvider` renders (e.g. auto-delete-objects);
 * - the function an `AwsCustomResource` runs in (its `lambda.SingletonFunction`, reached through
 *   the singleton's public `role`, whose scope is the function);
 * - the `lambda.Function`s of every `custom-resources` Provider (its framework functions; the
 *   user's handlers live outside the Provider's scope).
 * They run only while CloudFormation deploys and call AWS APIs only. The platform's own functions
 * acknowledge it where they are defined (`PlatformFunction`); CDK's bucket-notifications handler
 * is acknowledged by the construct that owns its role (the email channel).
 */
export class CdkFrameworkFunctions implements IAspect {
  public visit(node: IConstruct): void {
    if (node instanceof CustomResourceProviderBase) {
      for (const c of node.node.children) {
        if (CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function') {
          acknowledgeGuardRule(
            c,
            VPC_RULE,
            `A CDK custom-resource provider function (${node.node.id}): it runs CDK's own handler at deploy time; ${VPC_REASON}`,
          );
        }
      }
    } else if (node instanceof cr.AwsCustomResource) {
      for (const singleton of node.node.findAll().filter((c) => c instanceof lambda.SingletonFunction)) {
        const fn = functionResource((singleton as lambda.SingletonFunction).role?.node.scope);
        if (fn) {
          acknowledgeGuardRule(
            fn,
            VPC_RULE,
            `CDK's AwsCustomResource function: it makes one AWS API call at deploy time; ${VPC_REASON}`,
          );
        }
      }
    } else if (node instanceof cr.Provider) {
      for (const f of node.node.findAll().filter((c) => c instanceof lambda.Function)) {
        const fn = functionResource(f);
        if (fn) {
          acknowledgeGuardRule(
            fn,
            VPC_RULE,
            `A function of CDK's custom-resource Provider framework: it relays CloudFormation's requests to the provider's handlers at deploy time; ${VPC_REASON}`,
          );
        }
      }
    }
  }
}
