import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as sns from 'aws-cdk-lib/aws-sns';

/** The pipeline events that reach the notification topic. */
export const NOTIFIED_EVENTS = [
  codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_FAILED,
  codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_SUCCEEDED,
];

/** Sends a pipeline's failed and succeeded executions to `topic` (CodeStar Notifications rule). */
export function notifyOnExecutionResult(pipeline: codepipeline.Pipeline, topic: sns.ITopic): void {
  pipeline.notifyOn('ExecutionResult', topic, { events: NOTIFIED_EVENTS });
}
