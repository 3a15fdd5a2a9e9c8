/** The files one commit of a push touched, as GitHub lists them. */
export interface PushCommit {
  /** Commit id; may be empty in hand-written payloads. */
  readonly id: string;
  readonly added: readonly string[];
  readonly modified: readonly string[];
  readonly removed: readonly string[];
}

/** The fields of a GitHub `push` webhook payload that routing reads. */
export interface PushEvent {
  /** Full ref, e.g. `refs/heads/develop` or `refs/tags/v1.0.0`. */
  readonly ref: string;
  /** Commit the ref pointed at before the push; all zeros for a new ref. */
  readonly before: string;
  /** Commit the ref points at after the push; all zeros for a deleted ref. */
  readonly after: string;
  readonly created: boolean;
  readonly deleted: boolean;
  readonly forced: boolean;
  /** Pushed commits, oldest first; GitHub caps the list at 2,048. */
  readonly commits: readonly PushCommit[];
  /** `repository.full_name` (`owner/repo`); `null` when the payload has none. */
  readonly repository: string | null;
  /**
   * `repository.pushed_at`: when GitHub received the push, in epoch seconds (an integer in push
   * payloads, see @octokit/webhooks-examples `push`; an ISO string in other events). `null` when
   * absent. The release queue uses it to refuse late and replayed deliveries.
   */
  readonly pushedAt: number | null;
}

function pushedAtOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}

/** Result of {@link parsePushEvent}: the typed event, or what is wrong with the payload. */
export type PushParseResult =
  { readonly ok: true; readonly event: PushEvent } | { readonly ok: false; readonly problem: string };

/** Commit ids: 40 hex digits (SHA-1 repositories) or 64 (SHA-256 repositories). */
const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const v of value) if (typeof v !== 'string') return false;
  return true;
}

/**
 * Checks an already JSON-parsed `push` payload and keeps the fields routing needs. Every other
 * field is ignored, so GitHub can add fields without breaking the router.
 */
export function parsePushEvent(payload: unknown): PushParseResult {
  const bad = (problem: string): PushParseResult => ({ ok: false, problem });
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return bad('payload must be a JSON object');
  const p = payload as Record<string, unknown>;
  if (typeof p.ref !== 'string' || p.ref === '') return bad('"ref" must be a non-empty string');
  for (const key of ['before', 'after'] as const) {
    const v = p[key];
    if (typeof v !== 'string' || !COMMIT_ID.test(v))
      return bad(`"${key}" must be a commit id (40 or 64 lowercase hex digits)`);
  }
  for (const key of ['created', 'deleted', 'forced'] as const) {
    if (typeof p[key] !== 'boolean') return bad(`"${key}" must be true or false`);
  }
  if (!Array.isArray(p.commits)) return bad('"commits" must be an array');
  const commits: PushCommit[] = [];
  for (let i = 0; i < p.commits.length; i++) {
    const c = p.commits[i] as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null || Array.isArray(c))
      return bad(`"commits[${i}]" must be an object`);
    for (const key of ['added', 'modified', 'removed'] as const) {
      if (!isStringArray(c[key])) return bad(`"commits[${i}].${key}" must be an array of paths`);
    }
    commits.push({
      id: typeof c.id === 'string' ? c.id : '',
      added: c.added as string[],
      modified: c.modified as string[],
      removed: c.removed as string[],
    });
  }
  const repo =
    typeof p.repository === 'object' && p.repository !== null
      ? (p.repository as Record<string, unknown>)
      : undefined;
  return {
    ok: true,
    event: {
      ref: p.ref,
      before: p.before as string,
      after: p.after as string,
      created: p.created as boolean,
      deleted: p.deleted as boolean,
      forced: p.forced as boolean,
      commits,
      repository: typeof repo?.full_name === 'string' ? repo.full_name : null,
      pushedAt: pushedAtOf(repo?.pushed_at),
    },
  };
}
