import type { ExecutionState } from './queue-event';

/**
 * `status` of GetPipelineExecution (service model of @aws-sdk/client-codepipeline,
 * `PipelineExecutionStatus`).
 */
export type PipelineExecutionStatus =
  'Cancelled' | 'InProgress' | 'Stopped' | 'Stopping' | 'Succeeded' | 'Superseded' | 'Failed';

const TERMINAL: Partial<Record<PipelineExecutionStatus, ExecutionState>> = {
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
  Stopped: 'STOPPED',
  Superseded: 'SUPERSEDED',
  Cancelled: 'STOPPED',
};

/**
 * The state the queue acts on: the execution's status read when the event is handled, not the
 * one in the event. EventBridge delivers CodePipeline events at least once and not necessarily
 * in order (CodePipeline user guide, "Monitoring CodePipeline events": "at-least-once"), so a
 * `RESUMED` may arrive after the retried execution already failed again, or a `FAILED` after a
 * retry resumed it. Reading the current status makes every late event say what is true now.
 * A terminal event about an execution that is running again means it was retried (`RESUMED`).
 */
export function effectiveState(eventState: ExecutionState, current: PipelineExecutionStatus): ExecutionState {
  const terminal = TERMINAL[current];
  if (terminal) return terminal;
  if (eventState === 'STARTED' || eventState === 'RESUMED') return eventState;
  return 'RESUMED';
}
