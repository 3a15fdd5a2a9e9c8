/** The fields of a `CodePipeline Pipeline Execution State Change` event the continuer reads. */
export interface PipelineSucceededEvent {
  readonly pipeline: string;
  readonly executionId: string;
}

/**
 * Checks an EventBridge event and keeps the pipeline and execution id of a SUCCEEDED execution.
 * @returns `undefined` for any other event (the rule should not deliver those)
 */
export function parsePipelineSucceededEvent(event: unknown): PipelineSucceededEvent | undefined {
  const e = event as { 'detail-type'?: unknown; detail?: Record<string, unknown> } | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    e['detail-type'] !== 'CodePipeline Pipeline Execution State Change'
  )
    return undefined;
  const d = e.detail;
  if (typeof d !== 'object' || d === null || d.state !== 'SUCCEEDED') return undefined;
  if (typeof d.pipeline !== 'string' || typeof d['execution-id'] !== 'string') return undefined;
  return { pipeline: d.pipeline, executionId: d['execution-id'] };
}
