/** The fields of a GitHub `pull_request` webhook payload that the pull-request decision reads. */
export interface PullRequestEvent {
  /** `opened`, `synchronize`, `reopened`, `closed`, `labeled`, ... */
  readonly action: string;
  readonly number: number;
  /** Branch the pull request merges into, e.g. `develop`. */
  readonly baseRef: string;
  /** Tip of the base branch when the event was sent. */
  readonly baseSha: string;
  /** Commit to check: the tip of the pull request's branch. */
  readonly headSha: string;
  /** `owner/name` of the repository the pull request merges into. */
  readonly baseRepo: string;
  /** `owner/name` of the repository the commits come from; `null` when that fork was deleted. */
  readonly headRepo: string | null;
  readonly merged: boolean;
}

/** Result of {@link parsePullRequestEvent}. */
export type PullRequestParseResult =
  { readonly ok: true; readonly event: PullRequestEvent } | { readonly ok: false; readonly problem: string };

const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Checks an already JSON-parsed `pull_request` payload and keeps what the decision needs. Field
 * names and meanings follow GitHub's documentation of the event
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request): `head.repo` is
 * the repository of the proposed commits and is `null` when that repository was deleted.
 */
export function parsePullRequestEvent(payload: unknown): PullRequestParseResult {
  const bad = (problem: string): PullRequestParseResult => ({ ok: false, problem });
  const p = payload as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return bad('payload must be a JSON object');
  if (typeof p.action !== 'string' || p.action === '') return bad('"action" must be a non-empty string');
  const pr = p.pull_request as Record<string, unknown> | null | undefined;
  if (typeof pr !== 'object' || pr === null) return bad('"pull_request" must be an object');
  if (typeof pr.number !== 'number' || !Number.isInteger(pr.number) || pr.number < 1)
    return bad('"pull_request.number" must be a positive integer');
  const base = pr.base as Record<string, unknown> | null | undefined;
  const head = pr.head as Record<string, unknown> | null | undefined;
  if (typeof base !== 'object' || base === null) return bad('"pull_request.base" must be an object');
  if (typeof head !== 'object' || head === null) return bad('"pull_request.head" must be an object');
  if (typeof base.ref !== 'string' || base.ref === '')
    return bad('"pull_request.base.ref" must be a branch name');
  for (const [name, value] of [
    ['base', base.sha],
    ['head', head.sha],
  ] as const) {
    if (typeof value !== 'string' || !COMMIT_ID.test(value))
      return bad(`"pull_request.${name}.sha" must be a commit id`);
  }
  const repoName = (repo: unknown): string | null | undefined => {
    if (repo === null) return null;
    const name = (repo as { full_name?: unknown } | undefined)?.full_name;
    return typeof name === 'string' && name.includes('/') ? name : undefined;
  };
  const baseRepo = repoName(base.repo);
  const headRepo = repoName(head.repo);
  if (typeof baseRepo !== 'string') return bad('"pull_request.base.repo.full_name" must be "owner/name"');
  if (headRepo === undefined) return bad('"pull_request.head.repo" must be null or have "full_name"');
  return {
    ok: true,
    event: {
      action: p.action,
      number: pr.number,
      baseRef: base.ref,
      baseSha: base.sha as string,
      headSha: head.sha as string,
      baseRepo,
      headRepo,
      merged: pr.merged === true,
    },
  };
}
