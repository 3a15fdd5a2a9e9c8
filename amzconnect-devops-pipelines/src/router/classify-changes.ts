import { SUBPROJECTS, SubprojectId } from '@amzconnect/env';
import { matchesAny } from './path-glob';
import { NEVER_TRIGGER, SHARED_INPUTS, TOOLING_INPUTS } from './shared-inputs';

/** What a set of changed paths affects. */
export interface ChangeClassification {
  /** Sub-projects with a changed path inside their folder. */
  readonly subprojects: ReadonlySet<SubprojectId>;
  /** A shared input changed (see `shared-inputs.ts`): every sub-project is affected. */
  readonly shared: boolean;
  /** The tooling app or a shared input changed: the self-update pipeline is affected. */
  readonly tooling: boolean;
  /** How many paths could start something (not documentation, pictures, or unowned files). */
  readonly relevantPaths: number;
}

/** The sub-project whose folder contains `path` (path-segment match), if any. */
export function owningSubproject(path: string): SubprojectId | undefined {
  for (const s of SUBPROJECTS) {
    if (path.length > s.folder.length && path.startsWith(s.folder) && path[s.folder.length] === '/')
      return s.id;
  }
  return undefined;
}

/** Classifies changed paths into the sub-projects, shared inputs and tooling app they belong to. */
export function classifyChanges(paths: Iterable<string>): ChangeClassification {
  const subprojects = new Set<SubprojectId>();
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
    const owner = owningSubproject(path);
    if (owner) {
      subprojects.add(owner);
      relevantPaths++;
    }
  }
  return { subprojects, shared, tooling, relevantPaths };
}
