import { sign } from '@octokit/webhooks-methods';
import { verifySignature } from '../../src/router/verify-signature';

// GitHub's documented test vector ("Validating webhook deliveries").
const GITHUB_SECRET = "It's a Secret to Everybody";
const GITHUB_PAYLOAD = 'Hello, World!';
const GITHUB_SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('verifySignature', () => {
  it("accepts GitHub's documented test vector", async () => {
    expect(await verifySignature(GITHUB_PAYLOAD, GITHUB_SIGNATURE, [GITHUB_SECRET])).toBe(true);
  });

  it("computes GitHub's documented signature with the same library", async () => {
    expect(await sign({ secret: GITHUB_SECRET, algorithm: 'sha256' }, GITHUB_PAYLOAD)).toBe(GITHUB_SIGNATURE);
  });

  it('returns false for an incorrect secret', async () => {
    expect(await verifySignature(GITHUB_PAYLOAD, GITHUB_SIGNATURE, ['not the secret'])).toBe(false);
  });

  it('returns false for a modified payload', async () => {
    expect(await verifySignature('Hello, World?', GITHUB_SIGNATURE, [GITHUB_SECRET])).toBe(false);
  });

  it('accepts the previous secret during a rotation', async () => {
    expect(await verifySignature(GITHUB_PAYLOAD, GITHUB_SIGNATURE, ['new secret', GITHUB_SECRET])).toBe(true);
  });

  it('returns false for a missing signature, a SHA-1 signature, a truncated one, or upper-case hex', async () => {
    const sha1 = await sign({ secret: GITHUB_SECRET, algorithm: 'sha1' }, GITHUB_PAYLOAD);
    for (const signature of [
      undefined,
      '',
      sha1,
      GITHUB_SIGNATURE.slice(0, -1),
      GITHUB_SIGNATURE.toUpperCase(),
      `${GITHUB_SIGNATURE} `,
    ]) {
      expect(await verifySignature(GITHUB_PAYLOAD, signature, [GITHUB_SECRET])).toBe(false);
    }
  });

  it('returns false for an empty body or when no secret is known', async () => {
    expect(await verifySignature('', await sign(GITHUB_SECRET, 'x'), [GITHUB_SECRET])).toBe(false);
    expect(await verifySignature(GITHUB_PAYLOAD, GITHUB_SIGNATURE, [])).toBe(false);
    expect(await verifySignature(GITHUB_PAYLOAD, GITHUB_SIGNATURE, [''])).toBe(false);
  });
});
