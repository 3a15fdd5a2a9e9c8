import type { ExecutionState } from './queue-event';
import { isExecutionState } from './release-queue';

/** The fields of a `CodePipeline Pipeline Execution State Change` event the queue reads. */
export interface PipelineExecutionEvent {
  readonly pipeline: string;
  readonly executionId: string;
  readonly state: ExecutionState;
}

/**
 * Checks an EventBridge event (detail: `pipeline`, `execution-id`, `state`, as in the CodePipeline
 * user guide, "Monitoring CodePipeline events") and keeps what the queue needs.
 * @returns `undefined` for any other event or state (the rule should not deliver those)
 */
export function parsePipelineExecutionEvent(event: unknown): PipelineExecutionEvent | undefined {
  const e = event as { 'detail-type'?: unknown; detail?: Record<string, unknown> } | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    e['detail-type'] !== 'CodePipeline Pipeline Execution State Change'
  )
    return undefined;
  const d = e.detail;
  if (typeof d !== 'object' || d === null || !isExecutionState(d.state)) return undefined;
  if (typeof d.pipeline !== 'string' || typeof d['execution-id'] !== 'string') return undefined;
  return { pipeline: d.pipeline, executionId: d['execution-id'], state: d.state };
}

/** Whether the event is the scheduled check (EventBridge Scheduler/rule `Scheduled Event`). */
export function isScheduledEvent(event: unknown): boolean {
  const e = event as { 'detail-type'?: unknown } | null;
  return typeof e === 'object' && e !== null && e['detail-type'] === 'Scheduled Event';
}
