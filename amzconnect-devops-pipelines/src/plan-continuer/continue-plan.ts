import { CodePipelineClient, GetPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { PIPELINE_VARIABLES } from '@amzconnect/env';
import type { LoggerLike } from '../router/logger-like';
import { startPipeline, StartedExecution } from '../router/start-pipeline';
import { decideNextStep, NextStep } from './decide-next-step';
import { parsePipelineSucceededEvent } from './pipeline-succeeded-event';

/** What the continuer did with one event. */
export type ContinueOutcome = (NextStep | { readonly action: 'skip'; readonly reason: string }) & {
  readonly started?: StartedExecution;
};

/** Reads the resolved pipeline-level variables of one execution. */
export async function readExecutionVariables(
  client: CodePipelineClient,
  pipeline: string,
  executionId: string,
): Promise<Record<string, string>> {
  const out = await client.send(
    new GetPipelineExecutionCommand({ pipelineName: pipeline, pipelineExecutionId: executionId }),
  );
  const variables: Record<string, string> = {};
  for (const v of out.pipelineExecution?.variables ?? []) {
    if (v.name !== undefined && v.resolvedValue !== undefined) variables[v.name] = v.resolvedValue;
  }
  return variables;
}

/** Dependencies of {@link createPlanContinuer}. */
export interface PlanContinuerDeps {
  readonly client: CodePipelineClient;
  /** Pipelines a plan may continue with (the sub-project pipelines of enabled environments). */
  readonly allowedPipelines: ReadonlySet<string>;
  readonly logger: LoggerLike;
}

/**
 * On a pipeline's SUCCEEDED event: read that execution's release-plan variables and start the
 * next pipeline of the plan with the same commit and the rest of the plan. AWS errors propagate,
 * so the invocation is retried and finally lands in the dead-letter queue.
 */
export function createPlanContinuer(deps: PlanContinuerDeps): (event: unknown) => Promise<ContinueOutcome> {
  return async (event) => {
    const succeeded = parsePipelineSucceededEvent(event);
    if (!succeeded) {
      const outcome = { action: 'skip' as const, reason: 'not a SUCCEEDED pipeline execution event' };
      deps.logger.warn('Ignored event', { outcome });
      return outcome;
    }
    if (!deps.allowedPipelines.has(succeeded.pipeline)) {
      const outcome = {
        action: 'skip' as const,
        reason: `${succeeded.pipeline} is not a release pipeline of this platform`,
      };
      deps.logger.warn('Ignored event', { outcome });
      return outcome;
    }
    const variables = await readExecutionVariables(deps.client, succeeded.pipeline, succeeded.executionId);
    const step = decideNextStep({ ...succeeded, variables }, deps.allowedPipelines);
    if (step.action !== 'start') {
      if (step.action === 'reject') deps.logger.error('Release plan not continued', { ...succeeded, step });
      else deps.logger.info('Release plan finished', { ...succeeded, step });
      return step;
    }
    const started = await startPipeline(deps.client, {
      pipeline: step.pipeline,
      commit: step.commit,
      variables: {
        [PIPELINE_VARIABLES.releasePlan]: JSON.stringify(step.remaining),
        [PIPELINE_VARIABLES.releaseCommit]: step.commit,
        [PIPELINE_VARIABLES.releaseSubprojects]: step.subprojects,
      },
      cause: succeeded.executionId,
    });
    deps.logger.info('Release plan continued', { ...succeeded, step, started });
    return { ...step, started };
  };
}
