import type { PushEvent } from './push-event';

/** GitHub lists at most this many commits in a push payload. */
export const GITHUB_MAX_COMMITS = 2048;
/** GitHub lists at most this many files in each of a commit's `added`, `modified`, `removed`. */
export const GITHUB_MAX_FILES_PER_LIST = 3000;

const ZERO_COMMIT = /^0+$/;

/**
 * Why the payload cannot be trusted to list every change, or `null` when it can. When it cannot,
 * the router releases every sub-project of the environment rather than guess.
 */
export function incompletenessReason(push: PushEvent): string | null {
  if (push.created || ZERO_COMMIT.test(push.before)) return 'the push creates the branch';
  if (push.forced) return 'the push is forced';
  // A fast-forward to commits GitHub already has (e.g. `git push origin develop:staging`) lists
  // no commits: the branch moved, but the payload cannot say what changed.
  if (push.commits.length === 0)
    return 'the push lists no commits (the branch moved to commits pushed before)';
  if (push.commits.length >= GITHUB_MAX_COMMITS) {
    return `the push lists ${push.commits.length} commits, GitHub's cap is ${GITHUB_MAX_COMMITS}`;
  }
  for (const c of push.commits) {
    for (const list of ['added', 'modified', 'removed'] as const) {
      if (c[list].length >= GITHUB_MAX_FILES_PER_LIST) {
        return `commit ${c.id.slice(0, 7) || '(no id)'} lists ${c[list].length} ${list} files, GitHub's cap is ${GITHUB_MAX_FILES_PER_LIST}`;
      }
    }
  }
  return null;
}
