/**
 * Most Describe calls a run has in flight at once. The token bucket already paces Connect at its
 * rate quota (2 requests/s by default); the cap keeps a plan that must Describe thousands of
 * flows (Search left their content out) from opening thousands of sockets and holding every
 * pending request and response in memory at once. Eight in flight is four seconds of work at
 * 2/s, so the bucket, not the cap, sets the pace.
 */
export const DESCRIBE_CONCURRENCY = 8;

/**
 * Maps `items` with at most `limit` calls of `fn` in flight, keeping the order of `items` in the
 * result. The first rejection rejects the whole map once the calls in flight have settled; no
 * new call starts after it.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, not ${limit}`);
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i], i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return out;
}
