import { timingSafeEqual } from 'crypto';

/** What to answer a GET on the Facebook endpoint. */
export type ChallengeAnswer =
  | { readonly kind: 'challenge'; readonly challenge: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'health' };

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Facebook verifies a webhook subscription with `GET ?hub.mode=subscribe&hub.verify_token=<ours>&
 * hub.challenge=<n>` and expects the challenge echoed. A request without `hub.*` parameters is a
 * health check. Any other combination (wrong mode, wrong or missing token, no challenge) is refused.
 */
export function decideChallenge(
  query: Readonly<Record<string, string>>,
  verifyToken: string,
): ChallengeAnswer {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode === undefined && token === undefined && challenge === undefined) return { kind: 'health' };
  if (mode !== 'subscribe' || token === undefined || !challenge || challenge.length > 256)
    return { kind: 'forbidden' };
  return sameString(token, verifyToken) ? { kind: 'challenge', challenge } : { kind: 'forbidden' };
}
