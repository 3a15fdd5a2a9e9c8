import { decidePullRequest, pullRequestCheckScope } from '../../src/router/decide-pull-request';
import { parsePullRequestEvent, PullRequestEvent } from '../../src/router/pull-request-event';
import { runScopeCli } from '../../src/router/pull-request-scope-cli';
import { routingTableFromConfig } from '../../src/router/routing-table';
import { githubFixture, sampleTable, withToolingBranch } from './support/test-config';

function event(fixture: string): PullRequestEvent {
  const parsed = parsePullRequestEvent(githubFixture(fixture));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.event;
}

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

describe('parsePullRequestEvent (GitHub example payloads)', () => {
  it('keeps what the decision reads', () => {
    expect(event('pull_request.synchronize-develop.json')).toEqual({
      action: 'synchronize',
      number: 2,
      baseRef: 'develop',
      baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      headSha: HEAD,
      baseRepo: 'Codertocat/Hello-World',
      headRepo: 'Codertocat/Hello-World',
      merged: false,
    });
  });

  it('reads a deleted fork as head repository null', () => {
    const payload = githubFixture('pull_request.opened-fork-develop.json');
    (payload.pull_request as { head: { repo: unknown } }).head.repo = null;

    expect(parsePullRequestEvent(payload)).toMatchObject({ ok: true, event: { headRepo: null } });
  });

  it.each([
    [{}, '"action" must be a non-empty string'],
    [{ action: 'opened' }, '"pull_request" must be an object'],
    [{ action: 'opened', pull_request: { number: 0 } }, '"pull_request.number" must be a positive integer'],
    [
      { action: 'opened', pull_request: { number: 2, base: { ref: 'develop', sha: 'x' }, head: {} } },
      '"pull_request.base.sha" must be a commit id',
    ],
  ])('refuses %j: %s', (payload, problem) => {
    expect(parsePullRequestEvent(payload)).toEqual({ ok: false, problem });
  });
});

/** The example payloads' own repository, read as ours (as the push fixtures are adapted to our layout). */
function ours(fixture: string): PullRequestEvent {
  const e = event(fixture);
  const adapt = (repo: string | null) => (repo === 'Codertocat/Hello-World' ? sampleTable.repository : repo);
  return { ...e, baseRepo: adapt(e.baseRepo) as string, headRepo: adapt(e.headRepo) };
}

describe('decidePullRequest', () => {
  it('checks nothing for a pull request into another repository (an organization-level webhook)', () => {
    expect(decidePullRequest(event('pull_request.opened-develop.json'), sampleTable)).toMatchObject({
      action: 'ignore',
      planCredentials: 'no',
      reason: `repository "Codertocat/Hello-World" is not the configured "${sampleTable.repository}" (env/devops.json owner/repo): nothing to check`,
    });
  });

  it.each([
    ['pull_request.opened-develop.json', 'opened'],
    ['pull_request.synchronize-develop.json', 'synchronize'],
    ['pull_request.reopened-develop.json', 'reopened'],
  ])('checks %s (%s) into an environment branch, with the plan credentials', (fixture) => {
    expect(decidePullRequest(ours(fixture), sampleTable)).toEqual({
      event: 'pull_request',
      action: 'check',
      reason:
        'pull request #2 into "develop" (environment develop): lint, tests and synth of the sub-projects it changes, and a read-only flow plan when flows are released',
      number: 2,
      headSha: HEAD,
      baseBranch: 'develop',
      environment: 'develop',
      fromFork: false,
      planCredentials: 'yes',
    });
  });

  it('checks a pull request from a fork only after a maintainer approves it', () => {
    expect(decidePullRequest(ours('pull_request.opened-fork-develop.json'), sampleTable)).toMatchObject({
      action: 'check',
      fromFork: true,
      planCredentials: 'after-maintainer-approval',
      reason:
        'pull request #2 from octocat-fork/Hello-World into "develop" (environment develop): checked only after a maintainer approves it, since a fork\'s code would run with the check\'s credentials',
    });
  });

  it('treats a pull request whose fork was deleted as a fork', () => {
    expect(
      decidePullRequest({ ...ours('pull_request.opened-develop.json'), headRepo: null }, sampleTable),
    ).toMatchObject({ fromFork: true, planCredentials: 'after-maintainer-approval' });
  });

  it('checks nothing when a pull request is closed', () => {
    expect(decidePullRequest(ours('pull_request.closed-develop.json'), sampleTable)).toMatchObject({
      action: 'ignore',
      planCredentials: 'no',
      reason: 'pull request #2 was closed: nothing to check',
    });
    expect(
      decidePullRequest({ ...ours('pull_request.closed-develop.json'), merged: true }, sampleTable).reason,
    ).toBe('pull request #2 was merged: nothing to check; the merge releases through its push');
  });

  it('checks nothing for actions without a new commit (labeled)', () => {
    expect(decidePullRequest(ours('pull_request.labeled-develop.json'), sampleTable)).toMatchObject({
      action: 'ignore',
      reason: 'pull request #2 was labeled: only opened, synchronize, reopened bring a commit to check',
    });
  });

  it('checks nothing for a base branch that releases nothing (the unmodified GitHub example, base "master")', () => {
    expect(decidePullRequest(ours('pull_request.opened.json'), sampleTable)).toMatchObject({
      action: 'ignore',
      environment: null,
      reason:
        'pull request #2 merges into "master", which is neither an enabled environment\'s branch nor the tooling branch "main"',
    });
  });

  it('checks a pull request into the tooling branch alone without plan credentials', () => {
    const table = routingTableFromConfig(withToolingBranch('master'));

    expect(decidePullRequest(ours('pull_request.opened.json'), table)).toMatchObject({
      action: 'check',
      environment: null,
      planCredentials: 'no',
    });
  });
});

describe("pullRequestCheckScope: the router's rules on the pull request's diff", () => {
  it('checks one flow change as contact flows with a flow plan', () => {
    expect(
      pullRequestCheckScope('develop', ['amzconnect-contact-flows/flows/ACME_Main.json'], sampleTable),
    ).toEqual({
      environment: 'develop',
      subprojects: ['contact-flows'],
      tooling: false,
      flowPlan: true,
      reason: expect.any(String),
    });
  });

  it('lets contact flows follow an upstream change, as a push would', () => {
    expect(
      pullRequestCheckScope('staging', ['amzconnect-lambdas/src/mapping/handler.ts'], sampleTable),
    ).toMatchObject({
      environment: 'staging',
      subprojects: ['lambdas', 'contact-flows'],
      flowPlan: true,
    });
  });

  it('checks everything, tooling included, when a shared input changes', () => {
    expect(pullRequestCheckScope('develop', ['package-lock.json'], sampleTable)).toMatchObject({
      subprojects: ['instance', 'supporting-infra', 'lambdas', 'contact-flows'],
      tooling: true,
    });
  });

  it('checks nothing for documentation only', () => {
    expect(
      pullRequestCheckScope('develop', ['README.md', 'images/flow-ACME_Main.svg'], sampleTable),
    ).toMatchObject({
      subprojects: [],
      tooling: false,
      flowPlan: false,
    });
  });

  it('checks the tooling app for a change under amzconnect-devops-pipelines/', () => {
    expect(
      pullRequestCheckScope(
        'develop',
        ['amzconnect-devops-pipelines/lib/pull-request-checks.ts'],
        sampleTable,
      ),
    ).toMatchObject({ subprojects: [], tooling: true, flowPlan: false });
  });
});

describe('pull-request-scope-cli', () => {
  function run(argv: string[], stdin = '') {
    let out = '';
    let err = '';
    const code = runScopeCli(argv, {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      cwd: process.cwd(),
      stdin: () => stdin,
    });
    return { code, out, err };
  }

  it('prints key=value lines for the check script', () => {
    const { code, out } = run(['--base', 'develop', '-'], 'amzconnect-lambdas/src/x.ts\n\n');

    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 6)).toEqual([
      'environment=develop',
      'regions=us-east-1 us-west-2',
      'subprojects=lambdas contact-flows',
      'folders=amzconnect-lambdas amzconnect-contact-flows',
      'tooling=no',
      'flow_plan=yes',
    ]);
  });

  it('exits 2 with the usage without --base', () => {
    expect(run(['-'])).toEqual({
      code: 2,
      out: '',
      err: 'usage: pull-request-scope-cli.ts --base BRANCH [--config DIR] PATHS|-\n',
    });
  });
});
