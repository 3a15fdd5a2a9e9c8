import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The tooling account's customer-managed key: pipeline artifacts, build logs and notification
 * topics are encrypted with it. Rotation on; retained when the stack is deleted.
 */
export class ToolingKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Amazon Connect CI/CD: pipeline artifacts, build logs and notifications',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CodeStar Notifications publishes pipeline events to the encrypted topics.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCodeStarNotificationsToUseKey',
        principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${this.key.stack.region}.amazonaws.com` } },
      }),
    );
    // EventBridge (plan continuer) and CloudWatch Logs (build logs) use the key through their services.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsToUseKey',
        principals: [new iam.ServicePrincipal(`logs.${this.key.stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.key.stack.partition}:logs:${this.key.stack.region}:${this.key.stack.account}:log-group:*`,
          },
        },
      }),
    );
  }
}
