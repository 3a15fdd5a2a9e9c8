import { verifyWithFallback } from '@octokit/webhooks-methods';

/** GitHub's HMAC-SHA256 signature header value: `sha256=` and 64 lowercase hex digits. */
const SHA256_SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/**
 * Whether `signature` (the `X-Hub-Signature-256` header) is GitHub's HMAC-SHA256 of the raw body
 * under one of `secrets` (current first, then previous during a rotation). Constant-time
 * comparison by `@octokit/webhooks-methods`. Anything that is not a well-formed SHA-256 signature
 * (absent, SHA-1, truncated) is rejected before any HMAC is computed; so is an empty body, which
 * GitHub never sends.
 */
export async function verifySignature(
  rawBody: string,
  signature: string | undefined,
  secrets: readonly string[],
): Promise<boolean> {
  if (!signature || !SHA256_SIGNATURE.test(signature)) return false;
  if (rawBody.length === 0) return false;
  const [current, ...previous] = secrets.filter((s) => s.length > 0);
  if (current === undefined) return false;
  return (
    (await verifyWithFallback(current, rawBody, signature, previous.length > 0 ? previous : undefined)) ===
    true
  );
}
