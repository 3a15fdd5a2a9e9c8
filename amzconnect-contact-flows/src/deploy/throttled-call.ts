import { Clock } from './clock';
import { isThrottling } from './connect-errors';
import { TokenBucket } from './token-bucket';

/**
 * Runs a call that already retries on its own (the SDK's adaptive mode) and, when the SDK gives
 * up on throttling, drains the shared bucket, waits and tries again, so a run under heavy
 * throttling finishes slower instead of failing. Other errors are thrown at once.
 */
export async function throttledCall<T>(
  fn: () => Promise<T>,
  options: { readonly bucket?: TokenBucket; readonly clock: Clock; readonly maxRounds?: number },
): Promise<T> {
  const maxRounds = options.maxRounds ?? 6;
  for (let round = 1; ; round++) {
    try {
      return await fn();
    } catch (err) {
      if (!isThrottling(err) || round >= maxRounds) throw err;
      options.bucket?.drain();
      await options.clock.sleep(Math.min(30_000, 1000 * 2 ** round));
    }
  }
}
