import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { IConstruct } from 'constructs';
import { nagResourceName } from '@amzconnect/env/cdk';

/**
 * The partition of `scope`'s stack as cdk-nag writes it in finding ids: `<AWS::Partition>` while
 * the partition is a deploy-time value, the literal (`aws`) once the CDK renders it as one. The
 * recommended feature flag `@aws-cdk/core:enablePartitionLiterals` makes `Stack.partition` a
 * literal in every stack whose Region is known (cx-api FEATURE_FLAGS.md), so acknowledgements
 * must be written the way the policy renders, not with a fixed `<AWS::Partition>`.
 */
export function nagPartition(scope: IConstruct): string {
  const stack = Stack.of(scope);
  return nagResourceName(stack, stack.partition);
}

/**
 * Reasons for the wildcard actions that CDK's own `grant*` methods generate for pipeline
 * artifacts. Each is acknowledged per construct, never stack-wide, and only where the grant
 * targets the artifact bucket and the tooling key.
 */
export const ARTIFACT_GRANT_ACTIONS: Readonly<Record<string, string>> = {
  'kms:GenerateDataKey*':
    'Encrypting artifacts with the tooling key (the only key in the statement) needs every GenerateDataKey variant.',
  'kms:ReEncrypt*':
    'Granted by CDK with encrypt/decrypt on the tooling key only; used when S3 re-encrypts artifact objects.',
  's3:GetObject*': 'Reads pipeline artifacts (object, version, ACL, tagging) from the artifact bucket only.',
  's3:GetBucket*':
    'Reads the artifact bucket configuration (location, versioning) of the artifact bucket only.',
  's3:List*': 'Lists artifacts in the artifact bucket only.',
  's3:DeleteObject*':
    'Replaces pipeline artifacts in the artifact bucket only (old versions expire by lifecycle).',
  's3:Abort*': 'Aborts failed multipart uploads of artifacts in the artifact bucket only.',
  's3:PutObject*': 'Writes pipeline artifacts to the artifact bucket only.',
};

/** Acknowledges the given wildcard actions (from {@link ARTIFACT_GRANT_ACTIONS}) on a construct. */
export function acknowledgeArtifactGrants(
  construct: IConstruct,
  actions: readonly string[] = Object.keys(ARTIFACT_GRANT_ACTIONS),
): void {
  for (const action of actions) {
    Validations.of(construct).acknowledge({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: ARTIFACT_GRANT_ACTIONS[action],
    });
  }
}

/** Acknowledges access to the objects of a bucket whose name is known at synthesis. */
export function acknowledgeBucketObjects(construct: IConstruct, bucketName: string, reason: string): void {
  Validations.of(construct).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(construct)}:s3:::${bucketName}/*]`,
    reason,
  });
}

/**
 * Acknowledges the two wildcards CodeBuild adds to every project role: its own log streams and
 * its own report groups, both named after the project.
 */
export function acknowledgeCodeBuildDefaults(project: codebuild.Project): void {
  const stack = Stack.of(project);
  const logicalId = stack.resolve(stack.getLogicalId(project.node.defaultChild as CfnElement)) as string;
  const prefix = `arn:${nagPartition(project)}:`;
  const target = project.role ?? project;
  Validations.of(target).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${prefix}logs:${stack.region}:${stack.account}:log-group:/aws/codebuild/<${logicalId}>:*]`,
    reason: 'CodeBuild writes log streams (generated names) in the log group of this project only.',
  });
  Validations.of(target).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${prefix}codebuild:${stack.region}:${stack.account}:report-group/<${logicalId}>-*]`,
    reason: 'CodeBuild test reports of this project only (report groups are prefixed with the project name).',
  });
}
