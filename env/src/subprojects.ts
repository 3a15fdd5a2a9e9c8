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
