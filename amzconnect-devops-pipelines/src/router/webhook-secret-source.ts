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
  /**
   * How long after a rotation the previous version (AWSPREVIOUS) is still accepted, counted from
   * the creation date of the current version. @default DEFAULT_PREVIOUS_SECRET_WINDOW_MS (24 h)
   */
  readonly previousWindowMs?: number;
}

/** Default window in which the previous secret is accepted after a rotation: 24 hours. */
export const DEFAULT_PREVIOUS_SECRET_WINDOW_MS = 24 * 60 * 60 * 1000;

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
): Promise<{ value: string; created: number | undefined } | undefined> {
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
    if (out.SecretString === undefined) return undefined;
    // CreatedDate: "The date and time that this version of the secret was created" (GetSecretValue
    // response, @aws-sdk/client-secrets-manager model); put-secret-value creates a new version.
    return { value: clean(out.SecretString), created: out.CreatedDate?.getTime() };
  } catch (err) {
    // A secret that was never rotated has no AWSPREVIOUS version.
    if (stage === 'AWSPREVIOUS' && err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

/**
 * Reads the webhook secret's AWSCURRENT and AWSPREVIOUS versions from Secrets Manager and caches
 * them in memory for a short time. The previous version is accepted only within `previousWindowMs`
 * of the current version's creation, so GitHub and Secrets Manager need not be updated at the same
 * instant during a rotation, and an old secret does not stay valid for ever. Failures are not cached.
 * @throws when the current version cannot be read
 */
export function createWebhookSecretSource(options: WebhookSecretSourceOptions): WebhookSecretSource {
  const ttl = options.ttlMs ?? DEFAULT_SECRET_TTL_MS;
  const now = options.now ?? Date.now;
  const previousWindow = options.previousWindowMs ?? DEFAULT_PREVIOUS_SECRET_WINDOW_MS;
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
        // The previous value stays valid only for a bounded time after the current version was
        // created: a leaked old secret stops working one window after the rotation.
        const rotatedAt = current?.created;
        const previousValid =
          previous !== undefined && rotatedAt !== undefined && now() - rotatedAt < previousWindow;
        const values = [current?.value, previousValid ? previous.value : undefined].filter(
          (v): v is string => v !== undefined && v.length > 0,
        );
        cached = { values, until: now() + ttl };
        return values;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}
