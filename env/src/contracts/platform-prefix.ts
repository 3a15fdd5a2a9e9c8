/**
 * The platform prefix: the first part of every name the platform gives in the tooling account
 * (stacks, pipelines, build projects, roles, buckets) and of the IAM path of the roles it assumes
 * in target accounts, so that two platforms can share one tooling account. Set in `devops.json`
 * (`platformPrefix`).
 */

/** Prefix when `devops.json` sets none: the names every deployment before the field had. */
export const DEFAULT_PLATFORM_PREFIX = 'amzconnect';

/**
 * Longest prefix. The longest name derived from it is an environment's artifact bucket,
 * `<prefix>-<env>-<account>-<region>`: with an environment name of at most 20 characters, a
 * 12-digit account and a Region of at most 14 (`ap-southeast-5`), 14 + 1 + 20 + 1 + 12 + 1 + 14 =
 * 63, Amazon S3's limit for bucket names. Every other name is shorter than its service's limit:
 * pipelines `<prefix>-supporting-infra-<branch>` (branch at most 60) take 92 of CodePipeline's
 * 100; roles `<prefix>-devops-core-pr-check` take 35 of IAM's 64.
 */
export const PLATFORM_PREFIX_MAX_LENGTH = 14;

/**
 * Lowercase letters, digits and single hyphens, starting with a letter and ending with a letter or
 * digit, 2 to {@link PLATFORM_PREFIX_MAX_LENGTH} characters: valid at the start of an S3 bucket
 * name (lowercase only; no `xn--`, which needs a double hyphen), a stack, pipeline, role or
 * CodeBuild project name, and an IAM path segment.
 */
export const PLATFORM_PREFIX_PATTERN = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,12}[a-z0-9]$/;
