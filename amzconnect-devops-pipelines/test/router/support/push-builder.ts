import type { PushCommit, PushEvent } from '../../../src/router/push-event';

export const COMMIT_A = 'a'.repeat(40);
export const COMMIT_B = 'b'.repeat(40);
export const ZERO = '0'.repeat(40);

/** A commit touching the given paths (all as `modified` unless split explicitly). */
export function commit(
  paths: Partial<Pick<PushCommit, 'added' | 'modified' | 'removed'>> | string[],
  id = COMMIT_B,
): PushCommit {
  if (Array.isArray(paths)) return { id, added: [], modified: paths, removed: [] };
  return { id, added: paths.added ?? [], modified: paths.modified ?? [], removed: paths.removed ?? [] };
}

/** An ordinary (not created, not forced) push to `branch` with the given commits. */
export function push(branch: string, commits: PushCommit[], overrides: Partial<PushEvent> = {}): PushEvent {
  return {
    ref: `refs/heads/${branch}`,
    before: COMMIT_A,
    after: COMMIT_B,
    created: false,
    deleted: false,
    forced: false,
    commits,
    repository: 'example-org/amazon-connect-cicd',
    pushedAt: 1_700_000_000,
    ...overrides,
  };
}
