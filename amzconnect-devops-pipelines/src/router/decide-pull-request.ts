import { SUBPROJECT_IDS, SubprojectId } from '@amzconnect/env/contracts';
import { classifyChanges } from './classify-changes';
import { decideRoute } from './decide-route';
import type { PullRequestEvent } from './pull-request-event';
import type { RoutingTable } from './routing-table';

/** Pull-request actions that get a check: a new head commit to judge. */
export const CHECKED_ACTIONS: readonly string[] = ['opened', 'synchronize', 'reopened'];

/**
 * Whether a check may use the read-only flow-plan credentials of the base environment:
 * `yes` for branches of the repository itself, `after-maintainer-approval` for forks (CodeBuild
 * waits for an approval comment of a maintainer, see `PullRequestChecks`), `no` when the base is
 * no environment's branch.
 */
export type PlanCredentials = 'yes' | 'after-maintainer-approval' | 'no';

/** What happens for one pull-request delivery. Pure data, printed and logged as is. */
export interface PullRequestDecision {
  readonly event: 'pull_request';
  /** `check` runs the pull-request check on {@link headSha}; `ignore` runs nothing. */
  readonly action: 'check' | 'ignore';
  /** Why, in one sentence a human can act on. */
  readonly reason: string;
  readonly number: number;
  /** Commit the check builds. */
  readonly headSha: string;
  readonly baseBranch: string;
  /** Environment whose pipelines the base branch releases; `null` when none. */
  readonly environment: string | null;
  /** The commits come from another repository (a fork), or from one that was deleted. */
  readonly fromFork: boolean;
  readonly planCredentials: PlanCredentials;
}

/**
 * Decides whether a `pull_request` delivery gets a check (pure). Rules: only `opened`,
 * `synchronize` and `reopened` (a head commit to judge) count; `closed` and every other action
 * (labels, reviews, edits) check nothing — a merge releases through its push. The base must be
 * an enabled environment's branch or the tooling branch. A pull request from a fork is checked,
 * but never with credentials until a maintainer allows it.
 */
export function decidePullRequest(pr: PullRequestEvent, table: RoutingTable): PullRequestDecision {
  const environment = table.environments.find((e) => e.branch === pr.baseRef)?.name ?? null;
  const fromFork = pr.headRepo !== pr.baseRepo;
  const base = {
    event: 'pull_request',
    number: pr.number,
    headSha: pr.headSha,
    baseBranch: pr.baseRef,
    environment,
    fromFork,
  } as const;
  const ignore = (reason: string): PullRequestDecision => ({
    ...base,
    action: 'ignore',
    reason,
    planCredentials: 'no',
  });
  // Same rule as pushes: only the configured repository (case-insensitive, as GitHub names are).
  if (pr.baseRepo === null || pr.baseRepo.toLowerCase() !== table.repository.toLowerCase()) {
    return ignore(
      `repository "${pr.baseRepo ?? '(none)'}" is not the configured "${table.repository}" (env/devops.json owner/repo): nothing to check`,
    );
  }
  if (pr.action === 'closed') {
    return ignore(
      `pull request #${pr.number} was ${pr.merged ? 'merged' : 'closed'}: nothing to check${pr.merged ? '; the merge releases through its push' : ''}`,
    );
  }
  if (!CHECKED_ACTIONS.includes(pr.action)) {
    return ignore(
      `pull request #${pr.number} was ${pr.action}: only ${CHECKED_ACTIONS.join(', ')} bring a commit to check`,
    );
  }
  if (environment === null && pr.baseRef !== table.toolingBranch) {
    return ignore(
      `pull request #${pr.number} merges into "${pr.baseRef}", which is neither an enabled environment's branch nor the tooling branch "${table.toolingBranch}"`,
    );
  }
  const target = environment === null ? 'the tooling app' : `environment ${environment}`;
  if (fromFork) {
    return {
      ...base,
      action: 'check',
      reason: `pull request #${pr.number} from ${pr.headRepo ?? 'a deleted fork'} into "${pr.baseRef}" (${target}): checked only after a maintainer approves it, since a fork's code would run with the check's credentials`,
      planCredentials: environment === null ? 'no' : 'after-maintainer-approval',
    };
  }
  return {
    ...base,
    action: 'check',
    reason: `pull request #${pr.number} into "${pr.baseRef}" (${target}): lint, tests and synth of the sub-projects it changes${environment === null ? '' : ', and a read-only flow plan when flows are released'}`,
    planCredentials: environment === null ? 'no' : 'yes',
  };
}

/** What a pull-request check runs, from the paths the pull request changes. */
export interface PullRequestCheckScope {
  /** Environment of the base branch; `null` for the tooling branch alone. */
  readonly environment: string | null;
  /** Sub-projects whose lint, tests and synth run, in release order. */
  readonly subprojects: readonly SubprojectId[];
  /** The tooling app or a shared input changed: the tooling app's lint, tests and synth run too. */
  readonly tooling: boolean;
  /** Contact flows are in the release, so the check computes their plan against the environment. */
  readonly flowPlan: boolean;
  /** The router's reason, for the check's log. */
  readonly reason: string;
}

/**
 * The sub-projects a pull request into `baseBranch` affects, by exactly the rules that route a
 * push (`decideRoute`: shared inputs release everything, documentation nothing, contact flows
 * follow upstream changes), applied to the paths the pull request changes. Pure.
 */
export function pullRequestCheckScope(
  baseBranch: string,
  changedPaths: readonly string[],
  table: RoutingTable,
): PullRequestCheckScope {
  const route = decideRoute(
    {
      kind: 'push',
      push: {
        ref: `refs/heads/${baseBranch}`,
        // A pull request's diff is complete: one synthetic commit lists every changed path.
        before: '1'.repeat(40),
        after: '2'.repeat(40),
        created: false,
        deleted: false,
        forced: false,
        commits: [{ id: '', added: [], modified: [...changedPaths], removed: [] }],
        // The pull request was already checked to belong to the configured repository.
        repository: table.repository,
        pushedAt: null,
      },
    },
    table,
  );
  const subprojects = SUBPROJECT_IDS.filter((id) => route.subprojects.includes(id));
  return {
    environment: route.environment,
    subprojects,
    tooling: classifyChanges(changedPaths).tooling,
    flowPlan: route.environment !== null && subprojects.includes('contact-flows'),
    reason: route.reason,
  };
}
