import { Environment } from '@amzconnect/env';

/** Name of the tooling core stack (shared resources, self-update pipeline, webhook router). */
export const TOOLING_CORE_STACK_NAME = 'amzconnect-devops-core';

/** Name of the tooling stack holding one environment's pipelines. */
export function environmentPipelinesStackName(env: Pick<Environment, 'name'>): string {
  return `amzconnect-devops-${env.name}`;
}

/** Pattern the self-update pipeline deploys: every tooling stack, and nothing else. */
export const TOOLING_STACK_PATTERN = 'amzconnect-devops-*';

/** Name of the stack deployed once into a target account (roles the pipelines use there). */
export function targetAccessStackName(env: Pick<Environment, 'app' | 'name'>): string {
  return `${env.app}-target-access-${env.name}`;
}

/**
 * Name of the self-update pipeline's artifact bucket: one per tooling account and Region, known
 * at synthesis so policies name it.
 */
export function artifactBucketName(account: string, region: string): string {
  return `amzconnect-artifacts-${account}-${region}`;
}

/**
 * Name of one environment's artifact bucket. Each environment has its own bucket (and its own
 * build projects), so nothing a develop build runs can write what production deploys: a shared
 * bucket cannot be split by prefix, because CodePipeline keys artifacts by the first 20
 * characters of the pipeline name (`amzconnect-instance-` for every environment). At most
 * 10 + 20 + 12 + 14 + 3 = 59 characters, inside S3's 63.
 */
export function environmentArtifactBucketName(
  tooling: { readonly account: string; readonly region: string },
  env: Pick<Environment, 'name'>,
): string {
  return `amzconnect-${env.name}-${tooling.account}-${tooling.region}`;
}
