import { ArnFormat, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { restrictGrantsToAwsServices } from './kms-grants-only-for-aws-services';

/** Construct id of a stack's log key, a direct child of the stack. */
export const LOG_ENCRYPTION_KEY_ID = 'LogEncryptionKey';

/**
 * The stack's customer managed key for CloudWatch Logs, created on first use. Its policy lets the
 * account administer it (CDK's default) and lets CloudWatch Logs of this Region use it only for
 * log groups of this account and Region: the service principal is `logs.<region>.amazonaws.com`
 * and every request carries the log group's ARN as encryption context `aws:logs:arn`
 * (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS Key Management
 * Service", step 2, key policy; the actions are that page's, spelled out). The key outlives the
 * stack (CDK's default for keys) so retained log groups stay readable.
 */
export function logEncryptionKey(stack: Stack): kms.Key {
  const existing = stack.node.tryFindChild(LOG_ENCRYPTION_KEY_ID);
  if (existing instanceof kms.Key) return existing;
  const key = new kms.Key(stack, LOG_ENCRYPTION_KEY_ID, {
    description: `CloudWatch Logs of ${stack.stackName}`,
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsOfThisAccountAndRegion',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:DescribeKey',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
  restrictGrantsToAwsServices(key);
  return key;
}

/**
 * Encrypts every CloudWatch Logs log group that has no key with its stack's
 * {@link logEncryptionKey} (AWS Control Tower proactive control CT.CLOUDWATCH.PR.3): the Lambda
 * functions', the APIs' access logs, the build projects', the providers'. A log group that names
 * a key keeps it.
 */
export class LogGroupEncryption implements IAspect {
  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== 'AWS::Logs::LogGroup') return;
    if ((node as logs.CfnLogGroup).kmsKeyId !== undefined) return;
    node.addPropertyOverride('KmsKeyId', logEncryptionKey(Stack.of(node)).keyArn);
  }
}
