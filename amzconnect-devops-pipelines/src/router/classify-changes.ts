import {
  owningWorkspace,
  releasedBy,
  SubprojectId,
  WorkspaceId,
  workspaceById,
  WORKSPACES,
} from '@amzconnect/env/contracts';
import { matchesAny } from './path-glob';
import { NEVER_TRIGGER, SHARED_INPUTS, TOOLING_INPUTS } from './shared-inputs';

/** What a set of changed paths affects. */
export interface ChangeClassification {
  /** Sub-projects with a changed path inside their folder. */
  readonly subprojects: ReadonlySet<SubprojectId>;
  /** Sub-projects and shared packages with a changed path inside their folder, in `WORKSPACES` order. */
  readonly changed: readonly WorkspaceId[];
  /**
   * Sub-projects to release, in release order: the changed ones and every sub-project built from
   * a changed workspace, directly or not (the workspace graph in `@amzconnect/env`).
   */
  readonly released: readonly SubprojectId[];
  /** A root build input changed (see `shared-inputs.ts`): every sub-project is affected. */
  readonly shared: boolean;
  /** The tooling app, a shared package it is built from, or a root build input changed: self-update. */
  readonly tooling: boolean;
  /** How many paths could start something (not documentation, pictures, or unowned files). */
  readonly relevantPaths: number;
}

/** The sub-project whose folder contains `path` (path-segment match), if any. */
export function owningSubproject(path: string): SubprojectId | undefined {
  const owner = owningWorkspace(path);
  return owner?.kind === 'subproject' ? (owner.id as SubprojectId) : undefined;
}

const TOOLING_SHARED = workspaceById('devops-pipelines').dependsOn.filter(
  (id) => workspaceById(id).kind === 'shared',
);

/** Classifies changed paths into the sub-projects, shared inputs and tooling app they belong to. */
export function classifyChanges(paths: Iterable<string>): ChangeClassification {
  const subprojects = new Set<SubprojectId>();
  const workspaces = new Set<WorkspaceId>();
  let shared = false;
  let tooling = false;
  let relevantPaths = 0;
  for (const path of paths) {
    if (matchesAny(path, NEVER_TRIGGER)) continue;
    if (matchesAny(path, SHARED_INPUTS)) {
      shared = true;
      tooling = true;
      relevantPaths++;
      continue;
    }
    if (matchesAny(path, TOOLING_INPUTS)) {
      tooling = true;
      relevantPaths++;
      continue;
    }
    const owner = owningWorkspace(path);
    if (owner?.kind === 'subproject') subprojects.add(owner.id as SubprojectId);
    if (owner?.kind === 'subproject' || owner?.kind === 'shared') {
      workspaces.add(owner.id);
      relevantPaths++;
    }
    if (owner && TOOLING_SHARED.includes(owner.id)) tooling = true;
  }
  return {
    subprojects,
    changed: WORKSPACES.filter((w) => workspaces.has(w.id)).map((w) => w.id),
    released: releasedBy(workspaces),
    shared,
    tooling,
    relevantPaths,
  };
}
