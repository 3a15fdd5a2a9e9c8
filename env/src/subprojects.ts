/**
 * The four sub-projects a pipeline deploys, in release order: contact flows resolve references
 * to everything upstream of them, so they always come last.
 */
export const SUBPROJECTS = [
  { id: 'instance', folder: 'amzconnect-instance', title: 'Amazon Connect instance' },
  { id: 'supporting-infra', folder: 'amzconnect-supporting-infra', title: 'Supporting infrastructure' },
  { id: 'lambdas', folder: 'amzconnect-lambdas', title: 'Lambda functions' },
  { id: 'contact-flows', folder: 'amzconnect-contact-flows', title: 'Contact flows' },
] as const;

/** Identifier of a deployable sub-project. */
export type SubprojectId = (typeof SUBPROJECTS)[number]['id'];

/** Folder of the tooling app, which the self-update pipeline redeploys. */
export const TOOLING_FOLDER = 'amzconnect-devops-pipelines';

/** Name of the self-update pipeline that redeploys the tooling stacks. */
export const SELF_UPDATE_PIPELINE_NAME = 'amzconnect-devops-pipelines';

/** Name of the pipeline that deploys `subproject` for the environment on `branch`. */
export function pipelineName(subproject: SubprojectId, branch: string): string {
  return `amzconnect-${subproject}-${branch}`;
}

/** Sub-project ids in release order. */
export const SUBPROJECT_IDS: readonly SubprojectId[] = SUBPROJECTS.map((s) => s.id);

/** Name of every pipeline's source action; `StartPipelineExecution` pins its revision by this name. */
export const SOURCE_ACTION_NAME = 'Source';

/**
 * Pipeline-level variables (CodePipeline V2) that carry a release plan from one pipeline to the
 * next: the router starts the first pipeline of a plan with them, and the plan continuer reads
 * them back from the succeeded execution to start the next one.
 */
export const PIPELINE_VARIABLES = {
  /** JSON array of the pipeline names still to run after this one, in order, e.g. `["amzconnect-lambdas-develop"]`. */
  releasePlan: 'RELEASE_PLAN',
  /** The commit id the whole plan deploys. */
  releaseCommit: 'RELEASE_COMMIT',
  /** Comma-separated sub-project ids of the whole plan, for humans (approval messages). */
  releaseSubprojects: 'RELEASE_SUBPROJECTS',
} as const;

/** Name of the stack a sub-project deploys for one environment and Region, e.g. `acme-instance-develop-us-east-1`. */
export function subprojectStackName(
  env: { readonly app: string; readonly name: string },
  subproject: SubprojectId,
  region: string,
): string {
  return `${env.app}-${subproject}-${env.name}-${region}`;
}
