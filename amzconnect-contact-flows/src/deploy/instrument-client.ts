import { ServiceQuotaExceededError } from './deploy-errors';
import type { CallCounter } from './call-counter';
import type { TokenBucket } from './token-bucket';

/** Any AWS SDK v3 client (only its middleware stack is used). */
export interface SdkClientLike {
  readonly middlewareStack: object;
}

/** The part of the middleware stack this module uses. */
interface MiddlewareClient {
  readonly middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: {
        step: 'initialize' | 'finalizeRequest' | 'deserialize';
        priority?: 'high' | 'normal' | 'low';
        name: string;
        override?: boolean;
      },
    ): void;
  };
}

/**
 * Makes every HTTP attempt of `client` (retries included) take a token from `bucket` first. The
 * middleware sits inside the SDK's retry loop (finalizeRequest step, low priority), so a retried
 * call pays for each attempt, as the service counts it.
 */
export function rateLimitClient(client: SdkClientLike, bucket: TokenBucket): void {
  (client as MiddlewareClient).middlewareStack.add(
    (next) => async (args) => {
      await bucket.take();
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'amzconnectTokenBucket', override: true },
  );
}

/** Counts every logical call of `client` (one per `send`, not per attempt) as `<service>:<Command>`. */
export function countClientCalls(client: SdkClientLike, counter: CallCounter, service: string): void {
  (client as MiddlewareClient).middlewareStack.add(
    (next, context) => (args) => {
      counter.record(`${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`);
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'amzconnectCallCounter', override: true },
  );
}

/**
 * Makes `LimitExceededException` final: the SDK counts it as throttling (it is HTTP 429 in the
 * Connect model and on the SDK's list of throttling codes), so one over-quota create would be
 * retried for minutes. This middleware, inside the retry loop, hands the SDK an error without the
 * 429 status or the throttling name, which it does not retry; the original is kept as `cause`.
 */
export function failFastOnQuota(client: SdkClientLike): void {
  (client as MiddlewareClient).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if ((err as { name?: string }).name !== 'LimitExceededException') throw err;
        throw new ServiceQuotaExceededError((err as Error).message, err);
      }
    },
    { step: 'deserialize', priority: 'high', name: 'amzconnectQuotaIsFinal', override: true },
  );
}
