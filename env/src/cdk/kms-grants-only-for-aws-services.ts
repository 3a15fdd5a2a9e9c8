import { IAspect } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';

/**
 * The key-policy statement AWS Control Tower's proactive control CT.KMS.PR.3 requires: nobody may
 * create a grant on the key unless an AWS service integrated with KMS creates it for an AWS
 * resource (`kms:GrantIsForAWSResource`) or the caller is an AWS service principal
 * (`aws:PrincipalIsAWSService`). Grants are how services such as Connect, DynamoDB or Lambda use
 * a customer managed key on a user's behalf; a human or a role creating one directly could hand
 * the key to any principal. Condition keys: AWS KMS Developer Guide, "kms:GrantIsForAWSResource";
 * IAM User Guide, "aws:PrincipalIsAWSService". `BoolIfExists` so a request without the key is
 * denied too.
 */
export function grantsOnlyForAwsServicesStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'GrantsOnlyForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
    },
  });
}

const hardened = new WeakSet<kms.Key>();

/** Adds {@link grantsOnlyForAwsServicesStatement} to a key's policy, once. */
export function restrictGrantsToAwsServices(key: kms.Key): void {
  if (hardened.has(key)) return;
  hardened.add(key);
  key.addToResourcePolicy(grantsOnlyForAwsServicesStatement());
}

/**
 * Restricts grants to AWS services ({@link restrictGrantsToAwsServices}) on every KMS key of the
 * app. Keys created while aspects run (the stacks' log keys) restrict themselves.
 */
export class KmsGrantsOnlyForAwsServices implements IAspect {
  public visit(node: IConstruct): void {
    if (node instanceof kms.Key) restrictGrantsToAwsServices(node);
  }
}
