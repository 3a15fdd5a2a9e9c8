import {
  CodePipelineClient,
  GetPipelineExecutionCommand,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { PIPELINE_VARIABLES } from '@amzconnect/env/contracts';
import { startPipeline } from '../router/start-pipeline';
import type { PipelineExecutionStatus } from './effective-state';
import { parseQueueMarker, queueMarker } from './queue-marker';

/** What the queue reads back from one execution. */
export interface ExecutionFacts {
  /** Current status (GetPipelineExecution). */
  readonly status: PipelineExecutionStatus;
  /** `RELEASE_COMMIT` when it is a commit id, else `null`. */
  readonly commit: string | null;
  /** The queue's start token in `RELEASE_PLAN`, else `null`. */
  readonly token: string | null;
}

/** The CodePipeline calls the queue makes. */
export interface PipelineOperations {
  start(request: {
    readonly pipeline: string;
    readonly commit: string;
    readonly token: string;
    readonly seq: number;
    readonly subprojects: readonly string[];
    readonly then: readonly string[];
  }): Promise<string>;
  stop(pipeline: string, executionId: string, reason: string): Promise<void>;
  read(pipeline: string, executionId: string): Promise<ExecutionFacts>;
}

const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** CodePipeline through the SDK. */
export function createCodePipelineOperations(client: CodePipelineClient): PipelineOperations {
  return {
    start: async (r) => {
      const started = await startPipeline(client, {
        pipeline: r.pipeline,
        commit: r.commit,
        variables: {
          [PIPELINE_VARIABLES.releasePlan]: queueMarker({ token: r.token, seq: r.seq, then: r.then }),
          [PIPELINE_VARIABLES.releaseCommit]: r.commit,
          [PIPELINE_VARIABLES.releaseSubprojects]: r.subprojects.join(','),
        },
        cause: r.token,
      });
      return started.executionId;
    },
    stop: async (pipeline, executionId, reason) => {
      // `abandon: false` lets running actions finish (a half-applied CloudFormation deploy would be
      // worse than a finished one); the reason shows in the console (StopPipelineExecution, at
      // most 200 characters in the SDK's service model).
      await client.send(
        new StopPipelineExecutionCommand({
          pipelineName: pipeline,
          pipelineExecutionId: executionId,
          abandon: false,
          reason: reason.slice(0, 200),
        }),
      );
    },
    read: async (pipeline, executionId) => {
      const out = await client.send(
        new GetPipelineExecutionCommand({ pipelineName: pipeline, pipelineExecutionId: executionId }),
      );
      const variables = new Map(
        (out.pipelineExecution?.variables ?? []).map((v) => [v.name ?? '', v.resolvedValue ?? '']),
      );
      const commit = variables.get(PIPELINE_VARIABLES.releaseCommit) ?? '';
      return {
        status: (out.pipelineExecution?.status ?? 'InProgress') as PipelineExecutionStatus,
        commit: COMMIT_ID.test(commit) ? commit : null,
        token: parseQueueMarker(variables.get(PIPELINE_VARIABLES.releasePlan))?.token ?? null,
      };
    },
  };
}
