import { SUBPROJECT_IDS, ToolingAccount } from '@amzconnect/env';
import { subprojectPipelinePrefix } from '../src/release-queue/release-queue';

/** AWS partition of a Region, e.g. `aws-us-gov` for `us-gov-west-1`. */
export function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** ARN of a pipeline in the tooling account and Region: `arn:aws:codepipeline:<region>:<account>:<name>`. */
export function pipelineArn(tooling: ToolingAccount, name: string): string {
  return `arn:${partitionOf(tooling.region)}:codepipeline:${tooling.region}:${tooling.account}:${name}`;
}

/**
 * One ARN per sub-project, with a wildcard after the platform's own name prefix of that
 * sub-project's pipelines (e.g. `...:amzconnect-lambdas-*`): the policy stays four lines however
 * many environments exist (IAM counts policy size, 10,240 characters inline per role, 6,144 per
 * managed policy: IAM User Guide, "IAM and AWS STS quotas"). CodePipeline ARNs name the pipeline
 * (Service Authorization Reference, "Actions, resources, and condition keys for AWS CodePipeline").
 */
export function subprojectPipelineArns(tooling: ToolingAccount): string[] {
  return SUBPROJECT_IDS.map((id) =>
    pipelineArn(tooling, `${subprojectPipelinePrefix(tooling.platformPrefix, id)}*`),
  );
}
