import { createHmac, timingSafeEqual } from 'crypto';

/** Facebook's `X-Hub-Signature-256` value: `sha256=` and 64 hexadecimal digits. */
const SHA256_SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/** Whether a header value is shaped like a signature (checked before any secret is fetched). */
export function isWellFormedSignature(header: string | undefined): header is string {
  return typeof header === 'string' && SHA256_SIGNATURE.test(header);
}

/**
 * Whether `header` is the HMAC-SHA256 of the raw body bytes under one of `appSecrets` (current
 * first, then the previous one during a rotation), compared in constant time. Computed over the
 * bytes exactly as received (never a re-serialized or re-decoded string), because Facebook signs
 * its escaped-Unicode payload. An absent, malformed or SHA-1 header and an empty body are refused.
 */
export function verifyFacebookSignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecrets: readonly string[],
): boolean {
  const m = typeof header === 'string' ? SHA256_SIGNATURE.exec(header) : null;
  if (!m || rawBody.length === 0) return false;
  const given = Buffer.from(m[1].toLowerCase(), 'hex');
  let ok = false;
  for (const secret of appSecrets) {
    if (secret.length === 0) continue;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // Every secret is tried, so the time taken does not say which one matched.
    if (timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}
