import { createHash } from 'crypto';
import { CodePipelineClient, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { SOURCE_ACTION_NAME } from '@amzconnect/env/contracts';

/** One pipeline start, pinned to a commit. */
export interface PipelineStart {
  /** Pipeline name. */
  readonly pipeline: string;
  /** Commit id the source action must build (so a later push cannot slip in). */
  readonly commit: string;
  /** Pipeline-level variables (CodePipeline V2), by name. */
  readonly variables: Readonly<Record<string, string>>;
  /**
   * Identifies the request that causes this start (GitHub delivery id, or the execution id of
   * the pipeline that succeeded). Two starts with the same cause and pipeline are one execution.
   */
  readonly cause: string;
}

/** A started execution. */
export interface StartedExecution {
  readonly pipeline: string;
  readonly executionId: string;
}

/**
 * CodePipeline's idempotency token for a start: a hash of cause and pipeline, so a retried or
 * redelivered request never starts a second execution. Fits `[a-zA-Z0-9-]{1,128}`.
 */
export function clientRequestToken(cause: string, pipeline: string): string {
  return createHash('sha256').update(`${cause}\n${pipeline}`).digest('hex');
}

/**
 * Starts one execution with the commit as the source revision of the `Source` action and the
 * given variables. Throttling is retried by the client's own bounded retry strategy.
 */
export async function startPipeline(
  client: CodePipelineClient,
  start: PipelineStart,
): Promise<StartedExecution> {
  const out = await client.send(
    new StartPipelineExecutionCommand({
      name: start.pipeline,
      clientRequestToken: clientRequestToken(start.cause, start.pipeline),
      sourceRevisions: [
        { actionName: SOURCE_ACTION_NAME, revisionType: 'COMMIT_ID', revisionValue: start.commit },
      ],
      variables: Object.entries(start.variables).map(([name, value]) => ({ name, value })),
    }),
  );
  if (!out.pipelineExecutionId)
    throw new Error(`CodePipeline returned no execution id for ${start.pipeline}.`);
  return { pipeline: start.pipeline, executionId: out.pipelineExecutionId };
}
