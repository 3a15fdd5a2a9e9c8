import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { PIPELINE_VARIABLES, SubprojectId } from '@amzconnect/env/contracts';
import type { ReleaseQueue } from '../release-queue/release-queue';
import type { RoutingTable } from './routing-table';
import { startPipeline, StartedExecution } from './start-pipeline';

/** What to start for one push: derived from a `start` decision and the delivery id. */
export interface ReleaseRequest {
  /** `X-GitHub-Delivery`: the idempotency key. */
  readonly deliveryId: string;
  readonly commit: string;
  /** `before` of the push (the release queue recognises replays with it). */
  readonly before: string;
  /** `repository.pushed_at`, epoch seconds, when the payload has it. */
  readonly pushedAt: number | null;
  /** Environment the branch releases, or `null` (tooling branch only). */
  readonly environment: string | null;
  /** Sub-project ids of the plan, in order. */
  readonly subprojects: readonly SubprojectId[];
  /** The release plan: pipeline names in order (informational; the queue decides what starts). */
  readonly order: readonly string[];
  /** Self-update pipeline to start independently, or `null`. */
  readonly selfUpdate: string | null;
}

/** What the environment's release queue did with the push. */
export interface QueueSummary {
  /** `started`, `coalesced`, `refused`, ... (see `QueueOutcome`). */
  readonly outcome: string;
  readonly reason: string;
  /** Actions that failed (a start is re-sent by the periodic check with the same token). */
  readonly failures?: readonly string[];
}

/** Outcome of starting a release. JSON-serializable (it is stored as the idempotency record). */
export interface ReleaseResult {
  readonly started: readonly StartedExecution[];
  /** `true` when this delivery was already handled and nothing was started again. */
  readonly replayed: boolean;
  /** The release queue's decision, when the push releases an environment. */
  readonly queue?: QueueSummary;
}

/** Starts a release; the production one goes through the release queue, the dry-run one does nothing. */
export type ReleaseStarter = (request: ReleaseRequest) => Promise<ReleaseResult>;

/** Dependencies of {@link createQueueingStarter}. */
export interface QueueingStarterDeps {
  readonly client: CodePipelineClient;
  readonly queue: ReleaseQueue;
  readonly routingTable: RoutingTable;
  readonly now?: () => number;
}

/**
 * Hands an environment's push to its release queue (which starts, coalesces or refuses it) and
 * starts the self-update pipeline directly, pinned to the pushed commit.
 */
export function createQueueingStarter(deps: QueueingStarterDeps): ReleaseStarter {
  const now = deps.now ?? Date.now;
  return async (request) => {
    const started: StartedExecution[] = [];
    let queue: QueueSummary | undefined;
    const environment = deps.routingTable.environments.find((e) => e.name === request.environment);
    if (environment && request.subprojects.length > 0) {
      const result = await deps.queue.submit(environment, {
        kind: 'push',
        deliveryId: request.deliveryId,
        before: request.before,
        after: request.commit,
        pushedAt: request.pushedAt,
        subprojects: request.subprojects,
        at: now(),
      });
      queue = {
        outcome: result.outcome,
        reason: result.reason,
        ...(result.failures.length ? { failures: result.failures } : {}),
      };
      started.push(...result.started);
    }
    if (request.selfUpdate) {
      started.push(
        await startPipeline(deps.client, {
          pipeline: request.selfUpdate,
          commit: request.commit,
          variables: { [PIPELINE_VARIABLES.releaseCommit]: request.commit },
          cause: request.deliveryId,
        }),
      );
    }
    return { started, replayed: false, ...(queue ? { queue } : {}) };
  };
}

/** Starts nothing: for `npm run router:local` and tests. */
export const dryRunStarter: ReleaseStarter = async () => ({ started: [], replayed: false });
