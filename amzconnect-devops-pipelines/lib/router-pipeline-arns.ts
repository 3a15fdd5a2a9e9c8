import type { ToolingAccount } from '@amzconnect/env';

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
