import { parsePushEvent } from '../../src/router/push-event';
import { githubFixture } from './support/test-config';

describe('parsePushEvent', () => {
  it('keeps the routing fields of a GitHub push example and drops the rest', () => {
    const result = parsePushEvent(githubFixture('push.develop-lambdas.json'));
    expect(result).toEqual({
      ok: true,
      event: {
        ref: 'refs/heads/develop',
        before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        after: '9a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
        created: false,
        deleted: false,
        forced: false,
        commits: [
          {
            id: '8f0e1d2c3b4a59687766554433221100ffeeddcc',
            added: [],
            modified: ['amzconnect-lambdas/src/customer-lookup/handler.ts', 'amzconnect-lambdas/README.md'],
            removed: [],
          },
          {
            id: '9a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
            added: ['images/lookup.png'],
            modified: ['README.md'],
            removed: [],
          },
        ],
        repository: 'example-org/amazon-connect-cicd',
        pushedAt: 1557933657,
      },
    });
  });

  it('reads an ISO pushed_at (other event shapes) as epoch seconds', () => {
    const payload = valid();
    (payload.repository as Record<string, unknown>).pushed_at = '2019-05-15T15:20:57Z';
    const result = parsePushEvent(payload);
    expect(result.ok && result.event.pushedAt).toBe(1557933657);
  });

  it('accepts 64-digit commit ids of SHA-256 repositories', () => {
    const payload = { ...githubFixture('push.develop-lambdas.json'), after: 'f'.repeat(64) };
    expect(parsePushEvent(payload).ok).toBe(true);
  });

  const valid = () => githubFixture('push.develop-lambdas.json');
  it.each([
    ['a non-object', () => [], 'payload must be a JSON object'],
    ['a missing ref', () => ({ ...valid(), ref: undefined }), '"ref" must be a non-empty string'],
    [
      'a short after',
      () => ({ ...valid(), after: 'abc' }),
      '"after" must be a commit id (40 or 64 lowercase hex digits)',
    ],
    [
      'an uppercase before',
      () => ({ ...valid(), before: 'A'.repeat(40) }),
      '"before" must be a commit id (40 or 64 lowercase hex digits)',
    ],
    ['a string forced', () => ({ ...valid(), forced: 'false' }), '"forced" must be true or false'],
    ['missing commits', () => ({ ...valid(), commits: null }), '"commits" must be an array'],
    ['a null commit', () => ({ ...valid(), commits: [null] }), '"commits[0]" must be an object'],
    [
      'a commit without removed',
      () => ({ ...valid(), commits: [{ added: [], modified: [] }] }),
      '"commits[0].removed" must be an array of paths',
    ],
    [
      'a number among paths',
      () => ({ ...valid(), commits: [{ added: [1], modified: [], removed: [] }] }),
      '"commits[0].added" must be an array of paths',
    ],
  ])('rejects %s', (_name, payload, problem) => {
    expect(parsePushEvent(payload())).toEqual({ ok: false, problem });
  });
});
