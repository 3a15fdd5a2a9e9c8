import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** Returns the secrets a signature may be made with: current first, then previous during rotation. */
export type WebhookSecretSource = () => Promise<readonly string[]>;

/** Options for {@link createWebhookSecretSource}. */
export interface WebhookSecretSourceOptions {
  /** Secrets Manager client (its retry settings apply). */
  readonly client: SecretsManagerClient;
  /** Secret name or ARN. */
  readonly secretId: string;
  /** How long values stay cached in memory. @default 60 seconds */
  readonly ttlMs?: number;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

/** Default cache lifetime: short, so a rotation takes effect within a minute. */
export const DEFAULT_SECRET_TTL_MS = 60_000;

/** GitHub secrets are pasted; a trailing newline from `--secret-string file://...` is not part of them. */
function clean(value: string): string {
  return value.replace(/\r?\n$/, '');
}

async function readStage(
  client: SecretsManagerClient,
  secretId: string,
  stage: 'AWSCURRENT' | 'AWSPREVIOUS',
) {
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
    return out.SecretString === undefined ? undefined : clean(out.SecretString);
  } catch (err) {
    // A secret that was never rotated has no AWSPREVIOUS version.
    if (stage === 'AWSPREVIOUS' && err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

/**
 * Reads the webhook secret's AWSCURRENT and AWSPREVIOUS versions from Secrets Manager and caches
 * them in memory for a short time. Both versions are accepted, so GitHub and Secrets Manager need
 * not be updated at the same instant during a rotation. Failures are not cached.
 * @throws when the current version cannot be read
 */
export function createWebhookSecretSource(options: WebhookSecretSourceOptions): WebhookSecretSource {
  const ttl = options.ttlMs ?? DEFAULT_SECRET_TTL_MS;
  const now = options.now ?? Date.now;
  let cached: { readonly values: readonly string[]; readonly until: number } | undefined;
  let inFlight: Promise<readonly string[]> | undefined;
  return async () => {
    if (cached && now() < cached.until) return cached.values;
    inFlight ??= (async () => {
      try {
        const [current, previous] = await Promise.all([
          readStage(options.client, options.secretId, 'AWSCURRENT'),
          readStage(options.client, options.secretId, 'AWSPREVIOUS'),
        ]);
        const values = [current, previous].filter((v): v is string => v !== undefined && v.length > 0);
        cached = { values, until: now() + ttl };
        return values;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}
