import { PIPELINE_VARIABLES } from '@amzconnect/env';

/** The succeeded execution, reduced to what the continuer reads. */
export interface SucceededExecution {
  readonly pipeline: string;
  readonly executionId: string;
  /** Resolved pipeline-level variables of the execution, by name. */
  readonly variables: Readonly<Record<string, string>>;
}

/** What to do after a pipeline of a release plan succeeded. */
export type NextStep =
  | {
      readonly action: 'start';
      readonly pipeline: string;
      readonly commit: string;
      /** Plan left after `pipeline`, carried in its variables. */
      readonly remaining: readonly string[];
      readonly subprojects: string;
      readonly reason: string;
    }
  | { readonly action: 'done'; readonly reason: string }
  | { readonly action: 'reject'; readonly reason: string };

const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Decides the next pipeline of a release plan. Pure. A plan is only continued with pipelines the
 * router may start (`allowed`) and with a well-formed commit; anything else is rejected rather
 * than guessed.
 */
export function decideNextStep(execution: SucceededExecution, allowed: ReadonlySet<string>): NextStep {
  const planText = execution.variables[PIPELINE_VARIABLES.releasePlan];
  if (planText === undefined || planText.trim() === '') {
    return {
      action: 'done',
      reason: `${execution.pipeline} ran outside a release plan (no ${PIPELINE_VARIABLES.releasePlan})`,
    };
  }
  let plan: unknown;
  try {
    plan = JSON.parse(planText);
  } catch {
    return {
      action: 'reject',
      reason: `${PIPELINE_VARIABLES.releasePlan} of ${execution.pipeline} is not JSON`,
    };
  }
  if (!Array.isArray(plan) || !plan.every((p) => typeof p === 'string')) {
    return {
      action: 'reject',
      reason: `${PIPELINE_VARIABLES.releasePlan} of ${execution.pipeline} must be a JSON array of pipeline names`,
    };
  }
  if (plan.length === 0)
    return { action: 'done', reason: `release plan complete after ${execution.pipeline}` };
  const [next, ...remaining] = plan as string[];
  if (!allowed.has(next)) {
    return { action: 'reject', reason: `${next} is not a release pipeline of this platform` };
  }
  const commit = execution.variables[PIPELINE_VARIABLES.releaseCommit] ?? '';
  if (!COMMIT_ID.test(commit)) {
    return {
      action: 'reject',
      reason: `${PIPELINE_VARIABLES.releaseCommit} of ${execution.pipeline} is not a commit id`,
    };
  }
  return {
    action: 'start',
    pipeline: next,
    commit,
    remaining,
    subprojects: execution.variables[PIPELINE_VARIABLES.releaseSubprojects] ?? '',
    reason: `${execution.pipeline} succeeded; ${next} continues the release of ${commit.slice(0, 7)}`,
  };
}
