import { Environment, ToolingAccount } from '@amzconnect/env';

/** Name of the tooling core stack (shared resources, self-update pipeline, webhook router), e.g. `amzconnect-devops-core`. */
export function toolingCoreStackName(tooling: Pick<ToolingAccount, 'platformPrefix'>): string {
  return `${tooling.platformPrefix}-devops-core`;
}

/** Name of the tooling stack holding one environment's pipelines, e.g. `amzconnect-devops-develop`. */
export function environmentPipelinesStackName(
  tooling: Pick<ToolingAccount, 'platformPrefix'>,
  env: Pick<Environment, 'name'>,
): string {
  return `${tooling.platformPrefix}-devops-${env.name}`;
}

/** Pattern the self-update pipeline deploys: every tooling stack of this platform, and nothing else. */
export function toolingStackPattern(tooling: Pick<ToolingAccount, 'platformPrefix'>): string {
  return `${tooling.platformPrefix}-devops-*`;
}

/** Name of the stack deployed once into a target account (roles the pipelines use there). */
export function targetAccessStackName(env: Pick<Environment, 'app' | 'name'>): string {
  return `${env.app}-target-access-${env.name}`;
}

/**
 * Name of the self-update pipeline's artifact bucket: one per platform, tooling account and
 * Region, known at synthesis so policies name it.
 */
export function artifactBucketName(
  tooling: Pick<ToolingAccount, 'platformPrefix' | 'account' | 'region'>,
): string {
  return `${tooling.platformPrefix}-artifacts-${tooling.account}-${tooling.region}`;
}

/**
 * Name of one environment's artifact bucket. Each environment has its own bucket (and its own
 * build projects), so nothing a develop build runs can write what production deploys: a shared
 * bucket cannot be split by prefix, because CodePipeline keys artifacts by the first 20
 * characters of the pipeline name (`amzconnect-instance-` for every environment). At most
 * 14 + 20 + 12 + 14 + 3 = 63 characters, S3's limit (see `PLATFORM_PREFIX_MAX_LENGTH`).
 */
export function environmentArtifactBucketName(
  tooling: Pick<ToolingAccount, 'platformPrefix' | 'account' | 'region'>,
  env: Pick<Environment, 'name'>,
): string {
  return `${tooling.platformPrefix}-${env.name}-${tooling.account}-${tooling.region}`;
}
