import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { PIPELINE_VARIABLES } from '@amzconnect/env';
import { startPipeline, StartedExecution } from './start-pipeline';

/** What to start for one push: derived from a `start` decision and the delivery id. */
export interface ReleaseRequest {
  /** `X-GitHub-Delivery`: the idempotency key. */
  readonly deliveryId: string;
  readonly commit: string;
  /** Sub-project ids of the plan, in order (for humans, carried in a variable). */
  readonly subprojects: readonly string[];
  /** The release plan: pipeline names in order. The first starts now, the rest via the plan continuer. */
  readonly order: readonly string[];
  /** Self-update pipeline to start independently, or `null`. */
  readonly selfUpdate: string | null;
}

/** Outcome of starting a release. JSON-serializable (it is stored as the idempotency record). */
export interface ReleaseResult {
  readonly started: readonly StartedExecution[];
  /** `true` when this delivery was already handled and nothing was started again. */
  readonly replayed: boolean;
}

/** Starts a release; the production one calls CodePipeline, the dry-run one nothing. */
export type ReleaseStarter = (request: ReleaseRequest) => Promise<ReleaseResult>;

/** Pipeline variables for the first pipeline of a plan: what remains after it, the commit, the sub-projects. */
export function firstPipelineVariables(request: ReleaseRequest): Record<string, string> {
  return {
    [PIPELINE_VARIABLES.releasePlan]: JSON.stringify(request.order.slice(1)),
    [PIPELINE_VARIABLES.releaseCommit]: request.commit,
    [PIPELINE_VARIABLES.releaseSubprojects]: request.subprojects.join(','),
  };
}

/** Starts the first pipeline of the plan (carrying the rest of it) and the self-update pipeline. */
export function createCodePipelineStarter(client: CodePipelineClient): ReleaseStarter {
  return async (request) => {
    const started: StartedExecution[] = [];
    const [first] = request.order;
    if (first !== undefined) {
      started.push(
        await startPipeline(client, {
          pipeline: first,
          commit: request.commit,
          variables: firstPipelineVariables(request),
          cause: request.deliveryId,
        }),
      );
    }
    if (request.selfUpdate) {
      started.push(
        await startPipeline(client, {
          pipeline: request.selfUpdate,
          commit: request.commit,
          variables: { [PIPELINE_VARIABLES.releaseCommit]: request.commit },
          cause: request.deliveryId,
        }),
      );
    }
    return { started, replayed: false };
  };
}

/** Starts nothing: for `npm run router:local` and tests. */
export const dryRunStarter: ReleaseStarter = async () => ({ started: [], replayed: false });
