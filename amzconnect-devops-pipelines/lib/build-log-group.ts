import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** An encrypted log group for CodeBuild projects, kept for three months. */
export function buildLogGroup(scope: Construct, id: string, key: kms.IKey): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    encryptionKey: key,
    retention: logs.RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
