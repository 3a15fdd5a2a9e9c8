import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { ReleaseRequest, ReleaseResult, ReleaseStarter } from './release-starter';

/**
 * How long a delivery id is remembered. GitHub lets users redeliver deliveries of the past three
 * days; one more day covers clock skew.
 */
export const IDEMPOTENCY_TTL_SECONDS = 4 * 24 * 60 * 60;

/** The idempotent starter and its configuration (the Lambda registers its context on it). */
export interface IdempotentStarter {
  readonly start: ReleaseStarter;
  readonly config: IdempotencyConfig;
}

/**
 * Wraps a starter so that one GitHub delivery (`X-GitHub-Delivery`) starts pipelines at most
 * once: the first call records the result, later calls with the same delivery id return it with
 * `replayed: true`. A failed start records nothing, so GitHub's redelivery can retry it.
 */
export function makeIdempotentStarter(
  starter: ReleaseStarter,
  persistenceStore: BasePersistenceLayer,
): IdempotentStarter {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'deliveryId',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
    responseHook: (response) => ({ ...(response as object), replayed: true }),
  });
  const start = makeIdempotent(async (request: ReleaseRequest): Promise<ReleaseResult> => starter(request), {
    persistenceStore,
    config,
  });
  return { start, config };
}
