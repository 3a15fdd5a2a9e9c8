import type { SubprojectId } from '@amzconnect/env/contracts';

/** A push to the environment's branch, as the router decided it. */
export interface PushQueued {
  readonly kind: 'push';
  /** `X-GitHub-Delivery`. */
  readonly deliveryId: string;
  readonly before: string;
  readonly after: string;
  /** `repository.pushed_at` of the payload (GitHub's clock, epoch seconds), when present. */
  readonly pushedAt: number | null;
  /** Sub-projects the push changes (may be empty: then it only moves the head). */
  readonly subprojects: readonly SubprojectId[];
  /** Arrival time (epoch ms). */
  readonly at: number;
}

/**
 * Execution states the queue reacts to, from `CodePipeline Pipeline Execution State Change`
 * (docs.aws.amazon.com/codepipeline/latest/userguide/detect-state-changes-cloudwatch-events.html).
 * `RESUMED` is a retry of a failed stage in the same execution.
 */
export const EXECUTION_STATES = [
  'STARTED',
  'RESUMED',
  'SUCCEEDED',
  'FAILED',
  'STOPPED',
  'SUPERSEDED',
] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

/** A state change of one of the environment's sub-project pipelines. */
export interface ExecutionChanged {
  readonly kind: 'execution';
  readonly subproject: SubprojectId;
  readonly executionId: string;
  readonly state: ExecutionState;
  /**
   * `RELEASE_COMMIT` of the execution (read with GetPipelineExecution): the commit the queue
   * pinned, or `null` for an execution nobody pinned (console "Release change", default value).
   */
  readonly commit: string | null;
  /**
   * The queue's start token carried in the execution's `RELEASE_PLAN` variable, or `null` for an
   * execution the queue did not start.
   */
  readonly token: string | null;
  readonly at: number;
}

/** The queue's own StartPipelineExecution returned this execution id. */
export interface StartReturned {
  readonly kind: 'started';
  readonly token: string;
  readonly executionId: string;
  readonly at: number;
}

/** Periodic check: re-drives a start that never returned. */
export interface Tick {
  readonly kind: 'tick';
  readonly at: number;
}

/** Everything that can change an environment's release queue. */
export type QueueEvent = PushQueued | ExecutionChanged | StartReturned | Tick;
