import { contentSha256, normalizedContent } from './content-hash';
import { DeployedFlow } from './instance-snapshot';

/**
 * What the engine last wrote to one flow or module, and what Connect reported for it. Connect
 * re-serializes stored content, so "changed?" is decided against this record, never by comparing
 * the desired content with Connect's echo.
 */
export interface FlowRecord {
  readonly kind: 'flow' | 'module';
  readonly id: string;
  /** SHA-256 of the content string the engine sent. */
  readonly sentSha256: string;
  /** Clock time (epoch ms) right after Connect accepted the write. */
  readonly writtenAt: number;
  /** SHA-256 of the content as Connect returned it afterwards, once read. */
  readonly connectSha256?: string;
  /** Connect's `LastModifiedTime` (epoch ms) after the write, once read (flows only: modules have none). */
  readonly lastModifiedTime?: number;
}

/** Every record of one app and environment, saved in the flow bucket. */
export interface DeployState {
  readonly version: 1;
  /** Records by `kind:id` (ids survive renames, e.g. orphaning). */
  readonly records: Record<string, FlowRecord>;
}

/** An empty state. */
export function emptyDeployState(): DeployState {
  return { version: 1, records: {} };
}

/** Key of a record. */
export function recordKey(kind: 'flow' | 'module', id: string): string {
  return `${kind}:${id}`;
}

/** How a deployed flow compares with the desired content and the record (see {@link judgeDeployed}). */
export type Judgement =
  /**
   * Desired = what we last sent, and Connect still holds what we wrote. `unverified`: the read
   * had neither content nor `LastModifiedTime` to check the second half (a module whose content
   * Search left out): nothing is written, so nothing can be lost, and a console edit shows as
   * drift when the file next changes (every planned write is read with Describe first).
   */
  | { readonly verdict: 'unchanged'; readonly baseline?: FlowRecord; readonly unverified?: true }
  /** Desired differs from what we last sent (or there is no record and the content differs). */
  | { readonly verdict: 'changed'; readonly drift: boolean }
  /** Someone changed the flow in Connect since our last write; desired is what we last sent. */
  | { readonly verdict: 'drift' }
  /** Not enough was read (Search gave no content, no timestamp): Describe it and judge again. */
  | { readonly verdict: 'unknown' };

/**
 * Decides (pure) whether a deployed flow needs a write and whether it drifted:
 *
 * - with a record: the flow is as we left it when Connect's `LastModifiedTime` equals the
 *   recorded one (or, not recorded yet, is not later than our write), or the SHA-256 of its
 *   content equals the recorded one; it needs a write when the desired content hashes to
 *   something else than what we sent, or when it drifted;
 * - without a record (created before records existed, adopted): content compared with Connect's
 *   re-serializations undone ({@link normalizedContent}).
 *
 * A first read after a write yields a `baseline`: the record completed with what Connect reports.
 */
export function judgeDeployed(
  desiredContent: string,
  existing: DeployedFlow,
  record: FlowRecord | undefined,
): Judgement {
  const desiredSha = contentSha256(desiredContent);
  if (!record || record.id !== existing.id) {
    if (existing.content === undefined) return { verdict: 'unknown' };
    return normalizedContent(existing.content) === normalizedContent(desiredContent)
      ? { verdict: 'unchanged' }
      : { verdict: 'changed', drift: false };
  }
  const asWeLeftIt = sameAsRecorded(
    existing,
    record,
    desiredSha === record.sentSha256 ? desiredContent : undefined,
  );
  if (asWeLeftIt === undefined)
    return desiredSha === record.sentSha256
      ? { verdict: 'unchanged', unverified: true }
      : { verdict: 'unknown' };
  if (!asWeLeftIt)
    return desiredSha === record.sentSha256 ? { verdict: 'drift' } : { verdict: 'changed', drift: true };
  if (desiredSha !== record.sentSha256) return { verdict: 'changed', drift: false };
  const needsBaseline =
    (record.lastModifiedTime === undefined && existing.lastModifiedTime !== undefined) ||
    (record.connectSha256 === undefined && existing.content !== undefined);
  return needsBaseline
    ? {
        verdict: 'unchanged',
        baseline: {
          ...record,
          lastModifiedTime: record.lastModifiedTime ?? existing.lastModifiedTime,
          connectSha256:
            record.connectSha256 ??
            (existing.content !== undefined ? contentSha256(existing.content) : undefined),
        },
      }
    : { verdict: 'unchanged' };
}

/** `true`/`false` when the read tells; `undefined` when it cannot. */
function sameAsRecorded(
  existing: DeployedFlow,
  record: FlowRecord,
  sentContent: string | undefined,
): boolean | undefined {
  if (existing.lastModifiedTime !== undefined) {
    if (record.lastModifiedTime !== undefined) return existing.lastModifiedTime === record.lastModifiedTime;
    return existing.lastModifiedTime <= record.writtenAt;
  }
  if (existing.content === undefined) return undefined;
  if (record.connectSha256 !== undefined) return contentSha256(existing.content) === record.connectSha256;
  // Never read back since our write (modules carry no LastModifiedTime): equal to what we sent,
  // re-serializations aside, means untouched.
  if (sentContent !== undefined)
    return normalizedContent(existing.content) === normalizedContent(sentContent);
  return undefined;
}
