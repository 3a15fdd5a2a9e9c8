import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The Facebook app's credentials, kept in Secrets Manager as one JSON object. */
export interface FacebookSecret {
  /** The app secret Facebook signs webhook deliveries with (`X-Hub-Signature-256`). */
  readonly appSecret: string;
  /** The previous app secret, accepted during a rotation. */
  readonly previousAppSecret?: string;
  /** The Page access token replies are sent with. */
  readonly pageAccessToken: string;
  /** The token Facebook echoes in its subscription verification (`hub.verify_token`). */
  readonly verifyToken: string;
}

/** Reads the secret (cached). */
export type FacebookSecretSource = () => Promise<FacebookSecret>;

/** How long a read secret is reused: a rotation takes effect within this time. */
export const SECRET_CACHE_MS = 5 * 60_000;

/**
 * Parses the secret string; the error names the missing fields, never their values.
 * @throws Error when the secret is not the expected JSON object
 */
export function parseFacebookSecret(text: string | undefined): FacebookSecret {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw new Error(
      'The Facebook secret is not JSON; store { "appSecret", "pageAccessToken", "verifyToken" }.',
    );
  }
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const missing = ['appSecret', 'pageAccessToken', 'verifyToken'].filter(
    (k) => typeof v[k] !== 'string' || (v[k] as string).length === 0,
  );
  if (missing.length > 0) throw new Error(`The Facebook secret lacks ${missing.join(', ')}.`);
  return {
    appSecret: v.appSecret as string,
    pageAccessToken: v.pageAccessToken as string,
    verifyToken: v.verifyToken as string,
    ...(typeof v.previousAppSecret === 'string' && v.previousAppSecret
      ? { previousAppSecret: v.previousAppSecret }
      : {}),
  };
}

/** Reads the secret from Secrets Manager at most once per {@link SECRET_CACHE_MS}; failures are not cached. */
export function secretsManagerFacebookSecret(
  client: SecretsManagerClient,
  secretArn: string,
  now: () => number = Date.now,
): FacebookSecretSource {
  let cached: { readonly at: number; readonly value: Promise<FacebookSecret> } | undefined;
  return () => {
    if (!cached || now() - cached.at > SECRET_CACHE_MS) {
      const value = client
        .send(new GetSecretValueCommand({ SecretId: secretArn }))
        .then((out) => parseFacebookSecret(out.SecretString));
      cached = { at: now(), value };
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
}
