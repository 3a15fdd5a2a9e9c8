import type { LoggerLike } from '../router/logger-like';
import type { RoutingTable } from '../router/routing-table';
import { releaseStalledMs } from './decide-queue';
import { isScheduledEvent, parsePipelineExecutionEvent } from './execution-event';
import type { QueueResult, ReleaseQueue } from './release-queue';
import { stalledMetricLine } from './stall-metric';

/** Thrown after the decision was saved when an action failed, so the invocation is retried and counted. */
export class QueueActionError extends Error {
  constructor(failures: readonly string[]) {
    super(`Release queue actions failed: ${failures.join('; ')}`);
    this.name = 'QueueActionError';
  }
}

/** Dependencies of {@link createQueueEventHandler}. */
export interface QueueEventHandlerDeps {
  readonly queue: ReleaseQueue;
  readonly routingTable: RoutingTable;
  readonly logger: LoggerLike;
  /** Where metric lines go (stdout in Lambda). */
  readonly writeMetric: (line: string) => void;
  readonly now: () => number;
}

/**
 * The queue function: a pipeline state change goes to its environment's queue; the scheduled
 * event re-drives lost starts in every environment and reports how long each release has not
 * moved (the stalled-release alarm reads it).
 */
export function createQueueEventHandler(deps: QueueEventHandlerDeps) {
  return async (event: unknown): Promise<readonly QueueResult[]> => {
    if (isScheduledEvent(event)) {
      const results: QueueResult[] = [];
      for (const environment of deps.routingTable.environments) {
        const now = deps.now();
        const result = await deps.queue.submit(environment, { kind: 'tick', at: now });
        deps.writeMetric(stalledMetricLine(environment.name, releaseStalledMs(result.state, now), now));
        results.push(result);
      }
      const failures = results.flatMap((r) => r.failures);
      if (failures.length) throw new QueueActionError(failures);
      return results;
    }
    const change = parsePipelineExecutionEvent(event);
    if (!change) {
      deps.logger.warn('Ignored an event that is not a pipeline execution state change');
      return [];
    }
    const result = await deps.queue.onExecutionEvent(deps.routingTable, change);
    if (result?.failures.length) throw new QueueActionError(result.failures);
    return result ? [result] : [];
  };
}
