/**
 * What the queue writes into an execution's `RELEASE_PLAN` variable: its start token (so the
 * execution can be recognised as the queue's own), the push sequence, and the pipelines that
 * follow (for humans). A manual "Release change" keeps the variable's default `[]`.
 */
export interface QueueMarker {
  readonly token: string;
  readonly seq: number;
  readonly then: readonly string[];
}

export function queueMarker(marker: QueueMarker): string {
  return JSON.stringify({ queue: marker.token, push: marker.seq, then: marker.then });
}

/** Reads a marker back; `undefined` for anything else (the default `[]`, hand-typed values). */
export function parseQueueMarker(text: string | undefined): QueueMarker | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as { queue?: unknown; push?: unknown; then?: unknown };
    if (typeof v !== 'object' || v === null || typeof v.queue !== 'string' || !/^[0-9a-f]{64}$/.test(v.queue))
      return undefined;
    return {
      token: v.queue,
      seq: typeof v.push === 'number' ? v.push : 0,
      then: Array.isArray(v.then) ? v.then.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return undefined;
  }
}
