import { ConfiguredRetryStrategy } from '@smithy/util-retry';

/**
 * An AWS SDK v3 retry strategy for clients of the local emulators: the SDK's standard retry (which
 * errors it retries, its retry quota) with `maxAttempts` attempts, 1 ms apart. The emulators answer
 * at once and inject throttling and 5xx answers on a schedule, so the SDK's own back-off
 * (jittered, from 100 ms and from 500 ms after throttling, doubling per attempt:
 * `DefaultRetryBackoffStrategy` of `@smithy/util-retry`) only makes a test wait. Tests about the
 * production retry configuration keep it (see `RateOverride.sdkBackoff` of the deploy test
 * environment).
 */
export function immediateRetry(maxAttempts: number): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, 1);
}
