import { pipelineName, SubprojectId } from '@amzconnect/env/contracts';
import type { LoggerLike } from '../router/logger-like';
import type { RoutedEnvironment, RoutingTable } from '../router/routing-table';
import { decideQueue, QueueAction, QueueDecision } from './decide-queue';
import { effectiveState } from './effective-state';
import { EXECUTION_STATES, ExecutionState, QueueEvent } from './queue-event';
import type { Notifier } from './notifier';
import type { PipelineOperations } from './pipeline-operations';
import { QueueConflictError, QueueStore } from './queue-store';

/** Writes attempted per event before giving up (each conflict means another writer moved on). */
export const MAX_CONFLICT_RETRIES = 8;

/** Dependencies of {@link createReleaseQueue}. */
export interface ReleaseQueueDeps {
  readonly store: QueueStore;
  readonly pipelines: PipelineOperations;
  /** Where halts and refusals are notified. @default log only (the router never notifies) */
  readonly notify?: Notifier;
  readonly logger: LoggerLike;
}

/** A decision and whether its actions all went through. */
export interface QueueResult extends QueueDecision {
  readonly env: string;
  /** Actions that failed (logged); a start is re-driven by the periodic check with the same token. */
  readonly failures: readonly string[];
  /** Executions this event started. */
  readonly started: readonly { readonly pipeline: string; readonly executionId: string }[];
}

/** Finds which environment and sub-project a pipeline name belongs to. */
export function pipelineOwner(
  table: RoutingTable,
  pipeline: string,
): { environment: RoutedEnvironment; subproject: SubprojectId } | undefined {
  for (const environment of table.environments) {
    for (const [subproject, name] of Object.entries(environment.pipelines) as [SubprojectId, string][]) {
      if (name === pipeline) return { environment, subproject };
    }
  }
  return undefined;
}

/**
 * The release queue: read the environment's record, decide (pure), write it back on condition
 * of the version read, then act. Conflicting writers retry from a fresh read, so concurrent
 * deliveries and events serialise per environment. Acting after the write means a crash can
 * lose an action but never a decision: a start that never returned is re-sent with the same
 * token by the periodic check, and CodePipeline answers it with the same execution.
 */
export function createReleaseQueue(deps: ReleaseQueueDeps) {
  const { store, logger } = deps;

  async function decideAndSave(env: string, event: QueueEvent): Promise<QueueDecision> {
    for (let attempt = 1; ; attempt++) {
      const state = await store.load(env);
      const decision = decideQueue(state, event);
      if (decision.state === state) return decision;
      try {
        const saved = await store.save(decision.state, state.version);
        return { ...decision, state: saved };
      } catch (err) {
        if (!(err instanceof QueueConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw err;
      }
    }
  }

  async function act(environment: RoutedEnvironment, action: QueueAction): Promise<QueueEvent | null> {
    const pipeline = environment.pipelines[action.subproject];
    if (action.type === 'start') {
      const executionId = await deps.pipelines.start({
        pipeline,
        commit: action.commit,
        token: action.token,
        seq: action.seq,
        subprojects: [action.subproject, ...action.remaining],
        then: action.remaining.map((id) => environment.pipelines[id]),
      });
      return { kind: 'started', token: action.token, executionId, at: Date.now() };
    }
    if (action.type === 'stop') {
      await deps.pipelines.stop(pipeline, action.executionId, action.reason);
      return null;
    }
    if (deps.notify) await deps.notify(environment.name, action);
    else logger.error('Release queue notice (no notifier configured)', { env: environment.name, action });
    return null;
  }

  /** Submits one event for one environment and performs what the decision says. */
  async function submit(environment: RoutedEnvironment, event: QueueEvent): Promise<QueueResult> {
    const decision = await decideAndSave(environment.name, event);
    const failures: string[] = [];
    const started: { pipeline: string; executionId: string }[] = [];
    for (const action of decision.actions) {
      try {
        const follow = await act(environment, action);
        if (follow?.kind === 'started') {
          started.push({
            pipeline: environment.pipelines[action.subproject],
            executionId: follow.executionId,
          });
          await decideAndSave(environment.name, follow);
        }
      } catch (err) {
        failures.push(
          `${action.type} ${action.subproject}: ${err instanceof Error ? err.name : String(err)}`,
        );
        logger.error('Release queue action failed', { env: environment.name, action, error: String(err) });
      }
    }
    logger.info('Release queue decision', {
      env: environment.name,
      event: event.kind,
      outcome: decision.outcome,
      reason: decision.reason,
      failures,
    });
    return { ...decision, env: environment.name, failures, started };
  }

  /**
   * A CodePipeline state change: maps the pipeline to its environment, reads the execution's
   * current status and queue marker, and submits it. Pipelines of no enabled environment are
   * ignored (the rule matches by name prefix).
   */
  async function onExecutionEvent(
    table: RoutingTable,
    change: { readonly pipeline: string; readonly executionId: string; readonly state: ExecutionState },
  ): Promise<QueueResult | undefined> {
    const owner = pipelineOwner(table, change.pipeline);
    if (!owner) {
      logger.warn('Event of a pipeline no enabled environment owns', { ...change });
      return undefined;
    }
    const facts = await deps.pipelines.read(change.pipeline, change.executionId);
    return submit(owner.environment, {
      kind: 'execution',
      subproject: owner.subproject,
      executionId: change.executionId,
      state: effectiveState(change.state, facts.status),
      commit: facts.commit,
      token: facts.token,
      at: Date.now(),
    });
  }

  return { submit, onExecutionEvent, store };
}

export type ReleaseQueue = ReturnType<typeof createReleaseQueue>;

/**
 * Prefix shared by a sub-project's pipelines of every environment of one platform, e.g.
 * `amzconnect-lambdas-` (EventBridge and IAM match on it).
 */
export function subprojectPipelinePrefix(platformPrefix: string, subproject: SubprojectId): string {
  return pipelineName(platformPrefix, subproject, '');
}

/** Whether a string is an execution state the queue handles. */
export function isExecutionState(value: unknown): value is ExecutionState {
  return typeof value === 'string' && (EXECUTION_STATES as readonly string[]).includes(value);
}
