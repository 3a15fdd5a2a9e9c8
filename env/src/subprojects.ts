/**
 * The four sub-projects a pipeline deploys, in release order, with the workspaces each one's
 * deployed code is built from (`dependsOn`: imports, package.json dependencies and files read
 * from another folder; `test/workspace-graph.test.ts` derives them from the code and fails when
 * they disagree). A change to a workspace releases every sub-project that depends on it, directly
 * or not (see `releasedBy`), in this order.
 *
 * Contact flows resolve references to everything upstream of them, so they always come last.
 * `lambdas` also depends on `contact-flows` (the flow provisioner bundles the deploy engine):
 * a change to the engine releases lambdas first, so the provisioner runs the new engine before
 * the flows are deployed with it.
 */
export const SUBPROJECTS = [
  {
    id: 'instance',
    folder: 'amzconnect-instance',
    packageName: '@amzconnect/instance',
    title: 'Amazon Connect instance',
    dependsOn: ['env', 'constructs'],
  },
  {
    id: 'supporting-infra',
    folder: 'amzconnect-supporting-infra',
    packageName: '@amzconnect/supporting-infra',
    title: 'Supporting infrastructure',
    dependsOn: ['env', 'constructs', 'instance'],
  },
  {
    id: 'lambdas',
    folder: 'amzconnect-lambdas',
    packageName: '@amzconnect/lambdas',
    title: 'Lambda functions',
    dependsOn: ['env', 'constructs'],
  },
  {
    id: 'contact-flows',
    folder: 'amzconnect-contact-flows',
    packageName: '@amzconnect/contact-flows',
    title: 'Contact flows',
    dependsOn: ['env', 'instance', 'supporting-infra', 'lambdas'],
  },
] as const;

/**
 * Workspaces that deploy nothing themselves: `shared` packages (code and configuration several
 * sub-projects are built from; a change releases their dependents), the `tooling` app (redeployed
 * by the self-update pipeline) and `test-only` helpers (no deployed code is built from them).
 */
export const SUPPORT_WORKSPACES = [
  {
    id: 'env',
    folder: 'env',
    packageName: '@amzconnect/env',
    title: 'Configuration and the shared CDK app',
    kind: 'shared',
    dependsOn: [],
  },
  {
    id: 'constructs',
    folder: 'constructs',
    packageName: '@amzconnect/constructs',
    title: 'Constructs with the platform defaults',
    kind: 'shared',
    dependsOn: ['env'],
  },
  {
    id: 'devops-pipelines',
    folder: 'amzconnect-devops-pipelines',
    packageName: '@amzconnect/devops-pipelines',
    title: 'Tooling app (pipelines, webhook router)',
    kind: 'tooling',
    dependsOn: ['env', 'constructs', 'instance', 'supporting-infra', 'lambdas', 'contact-flows'],
  },
  {
    id: 'testing',
    folder: 'testing',
    packageName: '@amzconnect/testing',
    title: 'Test helpers',
    kind: 'test-only',
    dependsOn: ['env', 'contact-flows'],
  },
] as const;

/** Identifier of a deployable sub-project. */
export type SubprojectId = (typeof SUBPROJECTS)[number]['id'];

/** Sub-project ids in release order. */
export const SUBPROJECT_IDS: readonly SubprojectId[] = SUBPROJECTS.map((s) => s.id);

/** Identifier of any workspace of the repository. */
export type WorkspaceId = SubprojectId | (typeof SUPPORT_WORKSPACES)[number]['id'];

/** What a workspace is for (see {@link SUPPORT_WORKSPACES}). */
export type WorkspaceKind = 'subproject' | (typeof SUPPORT_WORKSPACES)[number]['kind'];

/** One node of the workspace graph. */
export interface Workspace {
  /** Short id, e.g. `lambdas`. */
  readonly id: WorkspaceId;
  /** Folder at the repository root, e.g. `amzconnect-lambdas`. */
  readonly folder: string;
  /** npm package name, e.g. `@amzconnect/lambdas`. */
  readonly packageName: string;
  /** What it is, for humans. */
  readonly title: string;
  /** What it is for. */
  readonly kind: WorkspaceKind;
  /** Workspaces its production code imports or reads files from. */
  readonly dependsOn: readonly WorkspaceId[];
}

/** Every workspace: the sub-projects in release order, then the others. */
export const WORKSPACES: readonly Workspace[] = [
  ...SUBPROJECTS.map((s) => ({ ...s, kind: 'subproject' as const })),
  ...SUPPORT_WORKSPACES,
];

/** The workspace `id`; throws on an unknown id (a programming error). */
export function workspaceById(id: WorkspaceId): Workspace {
  const found = WORKSPACES.find((w) => w.id === id);
  if (!found) throw new Error(`No workspace "${id}"; see WORKSPACES in @amzconnect/env.`);
  return found;
}

/**
 * Every workspace that depends on one of `changed`, directly or through others, with `changed`
 * themselves: the workspaces a change to `changed` can affect. Pure.
 */
export function downstreamOf(changed: Iterable<WorkspaceId>): Set<WorkspaceId> {
  const result = new Set<WorkspaceId>(changed);
  const queue = [...result];
  while (queue.length > 0) {
    const current = queue.shift() as WorkspaceId;
    for (const w of WORKSPACES) {
      if (!result.has(w.id) && w.dependsOn.includes(current)) {
        result.add(w.id);
        queue.push(w.id);
      }
    }
  }
  return result;
}

/** `ids` in release order (the order of {@link SUBPROJECTS}), each once. Pure. */
export function releaseOrder(ids: Iterable<WorkspaceId>): SubprojectId[] {
  const wanted = new Set<WorkspaceId>(ids);
  return SUBPROJECT_IDS.filter((id) => wanted.has(id));
}

/** The sub-projects a change to `changed` releases, in release order. Pure. */
export function releasedBy(changed: Iterable<WorkspaceId>): SubprojectId[] {
  return releaseOrder(downstreamOf(changed));
}

/**
 * Every workspace `id` is built from, directly or through others, with `id` itself, in
 * {@link WORKSPACES} order (what a sub-project's build lints and tests). Pure.
 */
export function upstreamOf(id: WorkspaceId): Workspace[] {
  const found = new Set<WorkspaceId>([id]);
  const queue: WorkspaceId[] = [id];
  while (queue.length > 0) {
    for (const dep of workspaceById(queue.shift() as WorkspaceId).dependsOn) {
      if (!found.has(dep)) {
        found.add(dep);
        queue.push(dep);
      }
    }
  }
  return WORKSPACES.filter((w) => found.has(w.id));
}

/** The workspace whose folder contains the repository path `path` (path-segment match), if any. */
export function owningWorkspace(path: string): Workspace | undefined {
  return WORKSPACES.find(
    (w) => path.length > w.folder.length && path.startsWith(w.folder) && path[w.folder.length] === '/',
  );
}

/** Folder of the tooling app, which the self-update pipeline redeploys. */
export const TOOLING_FOLDER = workspaceById('devops-pipelines').folder;

/**
 * Name of the self-update pipeline that redeploys the tooling stacks, e.g.
 * `amzconnect-devops-pipelines` for the platform prefix `amzconnect`.
 */
export function selfUpdatePipelineName(platformPrefix: string): string {
  return `${platformPrefix}-devops-pipelines`;
}

/**
 * Name of the pipeline that deploys `subproject` for the environment on `branch`, e.g.
 * `amzconnect-lambdas-develop` for the platform prefix `amzconnect`.
 */
export function pipelineName(platformPrefix: string, subproject: SubprojectId, branch: string): string {
  return `${platformPrefix}-${subproject}-${branch}`;
}

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
