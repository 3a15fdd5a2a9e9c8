import type { PushCommit } from './push-event';

/**
 * Every path the push touched: the union of `added`, `modified` and `removed` over all commits
 * (distinct or not), not only the head commit. A file added then removed within one push still
 * counts: the release must prove the final tree builds.
 */
export function changedPaths(commits: readonly PushCommit[]): Set<string> {
  const paths = new Set<string>();
  for (const c of commits) {
    for (const p of c.added) paths.add(p);
    for (const p of c.modified) paths.add(p);
    for (const p of c.removed) paths.add(p);
  }
  return paths;
}
