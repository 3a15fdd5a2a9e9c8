import { SUBPROJECT_IDS, SubprojectId, WorkspaceId } from '@amzconnect/env/contracts';
import { changedPaths } from './changed-paths';
import { classifyChanges } from './classify-changes';
import { incompletenessReason } from './payload-completeness';
import type { RouteInput } from './route-input';
import type { RoutingTable } from './routing-table';

/** What the router does with one delivery. Same shape for every outcome, so it prints and logs uniformly. */
export interface RouteDecision {
  /** GitHub event name. */
  readonly event: string;
  /** `pong` answers a ping, `ignore` starts nothing, `start` starts {@link pipelines}. */
  readonly action: 'pong' | 'ignore' | 'start';
  /** Why, in one sentence a human can act on. */
  readonly reason: string;
  /** The pushed commit (`after`) every started pipeline builds; `null` when there is no push. */
  readonly commit: string | null;
  /** The commit the branch pointed at before the push (`before`); `null` when there is no push. */
  readonly before: string | null;
  /** `repository.pushed_at` (epoch seconds) when the payload has it. */
  readonly pushedAt: number | null;
  /** Pushed branch; `null` for non-branch refs and non-push events. */
  readonly branch: string | null;
  /** Environment the branch releases; `null` when none. */
  readonly environment: string | null;
  /** Sub-projects in the release plan, in release order. */
  readonly subprojects: readonly SubprojectId[];
  /** The release plan: pipeline names in the order they run, each after the previous one succeeds. */
  readonly order: readonly string[];
  /** The self-update pipeline when this push starts it (independently of the plan), else `null`. */
  readonly selfUpdate: string | null;
  /** Every pipeline this push leads to: the plan, then the self-update pipeline. */
  readonly pipelines: readonly string[];
}

const BRANCH_PREFIX = 'refs/heads/';

function nothing(event: string, reason: string, extra: Partial<RouteDecision> = {}): RouteDecision {
  return {
    event,
    action: 'ignore',
    reason,
    commit: null,
    before: null,
    pushedAt: null,
    branch: null,
    environment: null,
    subprojects: [],
    order: [],
    selfUpdate: null,
    pipelines: [],
    ...extra,
  };
}

/**
 * Decides which pipelines a delivery starts. Pure: no I/O, no clock, no environment variables.
 *
 * Rules: only branch pushes of the configured repository count (a deleted branch or a tag starts
 * nothing; a push listing no commits moved the branch and releases everything); the branch must be an enabled environment's
 * (release plan) or the tooling branch (self-update); changed paths are the union over all
 * commits; documentation and pictures never count; root build inputs release everything; a payload
 * that may not list every change releases everything; a change to a workspace releases every
 * sub-project built from it (the workspace graph); the plan runs in `SUBPROJECTS` order.
 */
export function decideRoute(input: RouteInput, table: RoutingTable): RouteDecision {
  if (input.kind === 'ping') {
    return {
      ...nothing('ping', 'ping: GitHub reached the router and the signature matches'),
      action: 'pong',
    };
  }
  if (input.kind === 'other') {
    return nothing(
      input.eventName,
      `event "${input.eventName}" is ignored: only push events start pipelines`,
    );
  }
  const push = input.push;
  // Organisation webhooks and repositories reusing the secret send pushes of other repositories.
  // GitHub repository names are case-insensitive.
  if (push.repository === null || push.repository.toLowerCase() !== table.repository.toLowerCase()) {
    return nothing(
      'push',
      `repository "${push.repository ?? '(none)'}" is not the configured "${table.repository}" (env/devops.json owner/repo): nothing to build`,
    );
  }
  if (!push.ref.startsWith(BRANCH_PREFIX)) {
    return nothing('push', `"${push.ref}" is not a branch: only branch pushes start pipelines`);
  }
  const branch = push.ref.slice(BRANCH_PREFIX.length);
  const base = { branch, commit: push.after, before: push.before, pushedAt: push.pushedAt };
  if (push.deleted) return nothing('push', `branch "${branch}" was deleted: nothing to build`, base);

  const environment = table.environments.find((e) => e.branch === branch);
  const isTooling = branch === table.toolingBranch;
  const withEnv = { ...base, environment: environment?.name ?? null };
  if (!environment && !isTooling) {
    return nothing(
      'push',
      `branch "${branch}" is neither the branch of an enabled environment nor the tooling branch "${table.toolingBranch}"`,
      withEnv,
    );
  }

  const incomplete = incompletenessReason(push);
  const reasons: string[] = [];
  let subprojects: SubprojectId[] = [];
  let selfUpdate = false;
  if (incomplete) {
    if (environment) {
      subprojects = [...SUBPROJECT_IDS];
      reasons.push(
        `full release of ${environment.name} because ${incomplete}, so the payload may not list every change`,
      );
    }
    if (isTooling) {
      selfUpdate = true;
      reasons.push(`self-update because ${incomplete} on the tooling branch`);
    }
  } else {
    const changes = classifyChanges(changedPaths(push.commits));
    if (environment) {
      if (changes.shared) {
        subprojects = [...SUBPROJECT_IDS];
        reasons.push(`full release of ${environment.name} because shared inputs changed`);
      } else if (changes.released.length > 0) {
        subprojects = [...changes.released];
        reasons.push(`release of ${environment.name}: ${releaseReason(changes.changed, changes.released)}`);
      }
    }
    if (isTooling && changes.tooling) {
      selfUpdate = true;
      reasons.push('self-update because the tooling app or shared inputs changed on the tooling branch');
    }
    if (reasons.length === 0) {
      return nothing(
        'push',
        `no changed path starts a pipeline on "${branch}": ${changes.relevantPaths === 0 ? 'only documentation, pictures or files outside the sub-projects changed' : 'the changes concern pipelines this branch does not start'}`,
        withEnv,
      );
    }
  }

  const order = environment ? subprojects.map((id) => environment.pipelines[id]) : [];
  const selfUpdatePipeline = selfUpdate ? table.selfUpdatePipeline : null;
  return {
    event: 'push',
    action: 'start',
    reason: reasons.join('; '),
    ...withEnv,
    subprojects,
    order,
    selfUpdate: selfUpdatePipeline,
    pipelines: selfUpdatePipeline ? [...order, selfUpdatePipeline] : order,
  };
}

/** E.g. `changes in lambdas; contact-flows follows because it is built from them`. */
function releaseReason(changed: readonly WorkspaceId[], released: readonly SubprojectId[]): string {
  const following = released.filter((id) => !changed.includes(id));
  const head = `changes in ${changed.join(', ')}`;
  if (following.length === 0) return head;
  const verb = following.length === 1 ? 'follows because it is' : 'follow because they are';
  return `${head}; ${following.join(', ')} ${verb} built from them`;
}
