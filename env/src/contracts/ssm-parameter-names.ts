/**
 * The one naming scheme for values that one sub-project publishes and another reads, as SSM
 * parameters in the environment's own account and Region:
 *
 *   /<app>/<env>/<area>/<name...>
 *
 * e.g. `/acme/develop/connect/instance-id`. Producers and consumers both build names through
 * these functions, so a rename is a compile error rather than a failed deployment.
 */
export type SsmArea = 'connect' | 'infra' | 'lambdas' | 'flows' | 'workloads';

/** Builds `/<app>/<env>/<area>/<name...>`; each segment must be non-empty and contain no `/`. */
export function ssmParameterName(app: string, env: string, area: SsmArea, ...name: string[]): string {
  const segments = [app, env, area, ...name];
  for (const s of segments) {
    if (!s || s.includes('/') || !/^[A-Za-z0-9_.-]+$/.test(s)) {
      throw new Error(
        `Invalid SSM parameter name segment "${s}" in /${segments.join('/')}: use letters, digits, ".", "_" or "-".`,
      );
    }
  }
  return `/${segments.join('/')}`;
}

/** Well-known parameters, by producer. `key` arguments are resource names as written in config. */
export const SsmNames = {
  /** Published by amzconnect-instance. */
  connect: {
    instanceId: (app: string, env: string) => ssmParameterName(app, env, 'connect', 'instance-id'),
    instanceArn: (app: string, env: string) => ssmParameterName(app, env, 'connect', 'instance-arn'),
    storageBucketName: (app: string, env: string) =>
      ssmParameterName(app, env, 'connect', 'storage-bucket-name'),
    storageKeyArn: (app: string, env: string) => ssmParameterName(app, env, 'connect', 'storage-key-arn'),
    queueArn: (app: string, env: string, queue: string) =>
      ssmParameterName(app, env, 'connect', 'queue', queue, 'arn'),
    hoursArn: (app: string, env: string, hours: string) =>
      ssmParameterName(app, env, 'connect', 'hours', hours, 'arn'),
    /**
     * Name of the Customer Profiles domain of the instance (created or adopted); published only
     * where the environment's `instance.customerProfiles` asks for one.
     */
    customerProfilesDomainName: (app: string, env: string) =>
      ssmParameterName(app, env, 'connect', 'customer-profiles-domain-name'),
  },
  /** Published by amzconnect-supporting-infra. */
  infra: {
    lexBotAliasArn: (app: string, env: string, bot: string) =>
      ssmParameterName(app, env, 'infra', 'lex', bot, 'alias-arn'),
    flowBucketName: (app: string, env: string) => ssmParameterName(app, env, 'infra', 'flow-bucket-name'),
    customerTableName: (app: string, env: string) =>
      ssmParameterName(app, env, 'infra', 'customer-table-name'),
    customerTableArn: (app: string, env: string) => ssmParameterName(app, env, 'infra', 'customer-table-arn'),
  },
  /** Published by amzconnect-lambdas. */
  lambdas: {
    functionArn: (app: string, env: string, fn: string) => ssmParameterName(app, env, 'lambdas', fn, 'arn'),
    functionName: (app: string, env: string, fn: string) => ssmParameterName(app, env, 'lambdas', fn, 'name'),
  },
} as const;
