import { decideRoute } from '../../src/router/decide-route';
import { routeInputFor } from '../../src/router/route-input';
import { routingTableFromConfig } from '../../src/router/routing-table';
import type { PushEvent } from '../../src/router/push-event';
import { commit, COMMIT_A, COMMIT_B, push, ZERO } from './support/push-builder';
import { githubFixture, sampleConfig, sampleTable, withToolingBranch } from './support/test-config';

const ALL_DEVELOP = [
  'amzconnect-instance-develop',
  'amzconnect-supporting-infra-develop',
  'amzconnect-lambdas-develop',
  'amzconnect-contact-flows-develop',
];

function route(event: PushEvent, table = sampleTable) {
  return decideRoute({ kind: 'push', push: event }, table);
}

function routeFixture(eventName: string, fixture: string) {
  const input = routeInputFor(eventName, githubFixture(fixture));
  if (!input.ok) throw new Error(input.problem);
  return decideRoute(input.input, sampleTable);
}

describe('decideRoute: events', () => {
  it('answers a ping with pong and starts nothing', () => {
    const decision = routeFixture('ping', 'ping.json');
    expect(decision).toMatchObject({
      action: 'pong',
      pipelines: [],
      reason: 'ping: GitHub reached the router and the signature matches',
    });
  });

  it('ignores a pull_request event (GitHub example payload)', () => {
    expect(routeFixture('pull_request', 'pull_request.opened.json')).toEqual(
      expect.objectContaining({
        action: 'ignore',
        pipelines: [],
        reason: 'event "pull_request" is ignored: only push events start pipelines',
      }),
    );
  });

  it('ignores every non-push event of GitHub example payloads', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const examples = require('@octokit/webhooks-examples') as { name: string; examples: unknown[] }[];
    const names = examples.map((e) => e.name).filter((n) => n !== 'push' && n !== 'ping');
    expect(names.length).toBeGreaterThan(50);
    for (const e of examples.filter((x) => names.includes(x.name))) {
      for (const payload of e.examples) {
        const input = routeInputFor(e.name, payload);
        expect(input.ok).toBe(true);
        if (input.ok)
          expect(decideRoute(input.input, sampleTable)).toMatchObject({
            action: 'ignore',
            event: e.name,
            pipelines: [],
          });
      }
    }
  });
});

describe('decideRoute: which pushes count', () => {
  it('ignores a tag push (GitHub example payload)', () => {
    expect(routeFixture('push', 'push.tag-created.json')).toMatchObject({
      action: 'ignore',
      reason: '"refs/tags/simple-tag" is not a branch: only branch pushes start pipelines',
      pipelines: [],
    });
  });

  it('ignores a deleted tag (GitHub example payload)', () => {
    expect(routeFixture('push', 'push.tag-deleted.json')).toMatchObject({ action: 'ignore', pipelines: [] });
  });

  it('ignores a deleted branch even of an enabled environment', () => {
    expect(routeFixture('push', 'push.develop-deleted.json')).toMatchObject({
      action: 'ignore',
      reason: 'branch "develop" was deleted: nothing to build',
      pipelines: [],
    });
  });

  it.each([
    [
      'a fast-forward to commits GitHub already has',
      {},
      'the push lists no commits (the branch moved to commits pushed before)',
    ],
    ['a forced push back to an older commit', { forced: true }, 'the push is forced'],
    [
      'a branch created from an existing commit',
      { created: true, before: ZERO },
      'the push creates the branch',
    ],
  ])('releases all four sub-projects for %s (commits: [])', (_name, overrides, why) => {
    expect(route(push('develop', [], overrides))).toMatchObject({
      action: 'start',
      subprojects: ['instance', 'supporting-infra', 'lambdas', 'contact-flows'],
      reason: `full release of develop because ${why}, so the payload may not list every change`,
    });
  });

  it('ignores a push of another repository (organization webhook, reused secret) and says why', () => {
    expect(
      route(push('develop', [commit(['amzconnect-lambdas/a.ts'])], { repository: 'someone/else' })),
    ).toMatchObject({
      action: 'ignore',
      reason:
        'repository "someone/else" is not the configured "example-org/amazon-connect-cicd" (env/devops.json owner/repo): nothing to build',
    });
  });

  it('matches the configured repository case-insensitively', () => {
    expect(
      route(
        push('develop', [commit(['amzconnect-lambdas/a.ts'])], {
          repository: 'Example-Org/Amazon-Connect-CICD',
        }),
      ),
    ).toMatchObject({ action: 'start' });
  });

  it('ignores a push without a repository', () => {
    expect(route(push('develop', [commit(['amzconnect-lambdas/a.ts'])], { repository: null })).action).toBe(
      'ignore',
    );
  });

  it('ignores a branch that is no enabled environment nor the tooling branch', () => {
    expect(route(push('feature-x', [commit(['amzconnect-lambdas/src/a.ts'])]))).toMatchObject({
      action: 'ignore',
      reason:
        'branch "feature-x" is neither the branch of an enabled environment nor the tooling branch "main"',
    });
  });

  it('ignores the branch of a disabled environment', () => {
    const config = {
      ...sampleConfig,
      environments: sampleConfig.environments.map((e) =>
        e.name === 'staging' ? { ...e, enabled: false } : e,
      ),
    };
    const decision = route(
      push('staging', [commit(['amzconnect-lambdas/src/a.ts'])]),
      routingTableFromConfig(config),
    );
    expect(decision).toMatchObject({ action: 'ignore', environment: null, pipelines: [] });
  });

  it('matches the branch name exactly, not by prefix', () => {
    expect(route(push('develop-old', [commit(['amzconnect-lambdas/src/a.ts'])]))).toMatchObject({
      action: 'ignore',
    });
  });
});

describe('decideRoute: changed paths', () => {
  it('releases a changed sub-project, then contact flows, pinned to the pushed commit', () => {
    const decision = route(push('develop', [commit(['amzconnect-lambdas/src/customer-lookup/handler.ts'])]));
    expect(decision).toEqual({
      event: 'push',
      action: 'start',
      reason: 'release of develop: changes in lambdas; contact-flows follows because it is built from them',
      commit: COMMIT_B,
      before: COMMIT_A,
      pushedAt: 1_700_000_000,
      branch: 'develop',
      environment: 'develop',
      subprojects: ['lambdas', 'contact-flows'],
      order: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
      selfUpdate: null,
      pipelines: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
    });
  });

  it('releases contact flows alone when only flows changed: the flow provisioner ships with them', () => {
    expect(route(push('develop', [commit(['amzconnect-contact-flows/flows/main.json'])]))).toMatchObject({
      subprojects: ['contact-flows'],
      order: ['amzconnect-contact-flows-develop'],
      reason: 'release of develop: changes in contact-flows',
    });
  });

  it('releases every sub-project built from a changed shared package, in release order', () => {
    expect(route(push('develop', [commit(['constructs/src/platform-function.ts'])]))).toMatchObject({
      subprojects: ['instance', 'supporting-infra', 'lambdas', 'contact-flows'],
      order: ALL_DEVELOP,
      reason:
        'release of develop: changes in constructs; instance, supporting-infra, lambdas, contact-flows follow because they are built from them',
    });
  });

  it.each([
    ['amzconnect-instance/lib/x.ts'],
    ['amzconnect-supporting-infra/bots/b.json'],
    ['amzconnect-lambdas/src/x.ts'],
  ])('adds contact flows after an upstream change in %s', (path) => {
    expect(route(push('develop', [commit([path])])).subprojects.at(-1)).toBe('contact-flows');
  });

  it('orders the plan instance, supporting-infra, lambdas, contact-flows whatever the order of the paths', () => {
    const decision = route(
      push('develop', [
        commit(['amzconnect-contact-flows/flows/a.json', 'amzconnect-lambdas/src/a.ts']),
        commit(['amzconnect-instance/config/queues.json']),
      ]),
    );
    expect(decision.order).toEqual([
      'amzconnect-instance-develop',
      'amzconnect-supporting-infra-develop',
      'amzconnect-lambdas-develop',
      'amzconnect-contact-flows-develop',
    ]);
  });

  it('takes the union of added, modified and removed over all commits, not only the head commit', () => {
    const decision = route(
      push('develop', [
        commit({ added: ['amzconnect-instance/lib/new.ts'] }, '1'.repeat(40)),
        commit({ removed: ['amzconnect-supporting-infra/lib/old.ts'] }, '2'.repeat(40)),
        commit({ modified: ['README.md'] }, COMMIT_B),
      ]),
    );
    // lambdas is built from neither (it reads their SSM parameters at deploy time only).
    expect(decision.subprojects).toEqual(['instance', 'supporting-infra', 'contact-flows']);
  });

  it('routes the adapted GitHub push example: lambdas changed, Markdown and images ignored', () => {
    expect(routeFixture('push', 'push.develop-lambdas.json')).toMatchObject({
      action: 'start',
      commit: '9a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
      order: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
    });
  });

  it.each([
    ['amzconnect-lambdas-old/src/a.ts'],
    ['amzconnect-lambdasx'],
    ['amzconnect-lambdas'],
    ['x/amzconnect-lambdas/src/a.ts'],
  ])('matches sub-project folders by path segment: %s starts nothing', (path) => {
    expect(route(push('develop', [commit([path])]))).toMatchObject({ action: 'ignore', pipelines: [] });
  });

  it.each([
    ['README.md'],
    ['amzconnect-lambdas/README.md'],
    ['amzconnect-instance/docs/NOTES.MD'],
    ['env/README.md'],
    ['images/pipelines.svg'],
    ['images/a/b.png'],
  ])('never triggers on documentation or pictures: %s', (path) => {
    expect(route(push('develop', [commit([path])]))).toMatchObject({
      action: 'ignore',
      reason:
        'no changed path starts a pipeline on "develop": only documentation, pictures or files outside the sub-projects changed',
    });
  });

  it('treats only the root images/ folder as pictures', () => {
    expect(route(push('develop', [commit(['amzconnect-lambdas/images/x.png'])])).subprojects).toEqual([
      'lambdas',
      'contact-flows',
    ]);
  });

  it.each([
    ['.ci/build.sh'],
    ['eslint.config.mjs'],
    ['jest.config.js'],
    ['bench/router.bench.ts'],
    ['.gitignore'],
    ['amzconnect-lambdas-old/package.json'],
  ])('starts nothing for a path outside the sub-projects that is not a shared input: %s', (path) => {
    expect(route(push('develop', [commit([path])]))).toMatchObject({ action: 'ignore', pipelines: [] });
  });

  it.each([['env/accountvars.json'], ['env/src/subprojects.ts']])(
    'releases all four sub-projects when the shared package file %s changes',
    (path) => {
      expect(route(push('develop', [commit([path])]))).toMatchObject({
        subprojects: ['instance', 'supporting-infra', 'lambdas', 'contact-flows'],
        order: ALL_DEVELOP,
        reason:
          'release of develop: changes in env; instance, supporting-infra, lambdas, contact-flows follow because they are built from them',
      });
    },
  );

  it.each([['package.json'], ['package-lock.json'], ['tsconfig.json'], ['tsconfig.base.json']])(
    'releases all four sub-projects when the shared input %s changes',
    (path) => {
      expect(route(push('develop', [commit([path])]))).toMatchObject({
        subprojects: ['instance', 'supporting-infra', 'lambdas', 'contact-flows'],
        order: ALL_DEVELOP,
        reason: 'full release of develop because shared inputs changed',
      });
    },
  );

  it.each([
    ['amzconnect-lambdas/package.json', ['lambdas', 'contact-flows']],
    ['amzconnect-lambdas/tsconfig.json', ['lambdas', 'contact-flows']],
    ['docs/tsconfig.json', []],
    ['env-old/a.json', []],
  ])('treats %s as belonging where it lies, not as a shared input', (path, expected) => {
    expect(route(push('develop', [commit([path])])).subprojects).toEqual(expected);
  });
});

describe('decideRoute: payloads that may not list every change', () => {
  const docsOnly = [commit(['README.md'])];

  it.each([
    ['a created branch', { created: true }, 'the push creates the branch'],
    ['an all-zero before', { before: ZERO }, 'the push creates the branch'],
    ['a forced push', { forced: true }, 'the push is forced'],
  ])('releases all four sub-projects for %s', (_name, overrides, why) => {
    expect(route(push('develop', docsOnly, overrides))).toMatchObject({
      action: 'start',
      order: ALL_DEVELOP,
      reason: `full release of develop because ${why}, so the payload may not list every change`,
    });
  });

  it('releases all four for the adapted GitHub "new branch" example', () => {
    expect(routeFixture('push', 'push.develop-created.json')).toMatchObject({
      action: 'start',
      order: ALL_DEVELOP,
    });
  });

  it("releases all four when the commits array is at GitHub's cap of 2,048", () => {
    const commits = Array.from({ length: 2048 }, () => commit(['README.md']));
    expect(route(push('develop', commits))).toMatchObject({
      order: ALL_DEVELOP,
      reason:
        "full release of develop because the push lists 2048 commits, GitHub's cap is 2048, so the payload may not list every change",
    });
  });

  it('routes by paths when the commits array is just under the cap', () => {
    const commits = Array.from({ length: 2047 }, () => commit(['README.md']));
    expect(route(push('develop', commits))).toMatchObject({ action: 'ignore' });
  });

  it.each(['added', 'modified', 'removed'] as const)(
    'releases all four when one commit lists 3,000 %s files',
    (list) => {
      const paths = Array.from({ length: 3000 }, (_, i) => `docs/${i}.md`);
      const decision = route(push('develop', [commit({ [list]: paths }, 'c'.repeat(40))]));
      expect(decision).toMatchObject({
        order: ALL_DEVELOP,
        reason: `full release of develop because commit ccccccc lists 3000 ${list} files, GitHub's cap is 3000, so the payload may not list every change`,
      });
    },
  );

  it('routes by paths when a commit lists 2,999 files', () => {
    const paths = Array.from({ length: 2999 }, (_, i) => `docs/${i}.md`);
    expect(route(push('develop', [commit({ added: paths })]))).toMatchObject({ action: 'ignore' });
  });
});

describe('decideRoute: tooling branch and self-update', () => {
  it('starts only the self-update pipeline for a tooling change on the tooling branch', () => {
    expect(
      route(push('main', [commit(['amzconnect-devops-pipelines/lib/tooling-core-stack.ts'])])),
    ).toMatchObject({
      action: 'start',
      environment: 'prod',
      order: [],
      selfUpdate: 'amzconnect-devops-pipelines',
      pipelines: ['amzconnect-devops-pipelines'],
      reason: 'self-update because the tooling app or shared inputs changed on the tooling branch',
    });
  });

  it('starts the release plan and the self-update pipeline for env/ on the tooling branch', () => {
    const decision = route(push('main', [commit(['env/accountvars.json'])]));
    expect(decision.order).toEqual([
      'amzconnect-instance-main',
      'amzconnect-supporting-infra-main',
      'amzconnect-lambdas-main',
      'amzconnect-contact-flows-main',
    ]);
    expect(decision.pipelines).toEqual([...decision.order, 'amzconnect-devops-pipelines']);
    expect(decision.reason).toBe(
      'release of prod: changes in env; instance, supporting-infra, lambdas, contact-flows follow because they are built from them; self-update because the tooling app or shared inputs changed on the tooling branch',
    );
  });

  it('does not start self-update for a sub-project change on the tooling branch', () => {
    expect(route(push('main', [commit(['amzconnect-lambdas/src/a.ts'])])).selfUpdate).toBeNull();
  });

  it('does not start self-update for documentation of the tooling app', () => {
    expect(route(push('main', [commit(['amzconnect-devops-pipelines/ROUTER.md'])]))).toMatchObject({
      action: 'ignore',
    });
  });

  it('does not start self-update from another branch', () => {
    expect(route(push('develop', [commit(['amzconnect-devops-pipelines/lib/x.ts'])]))).toMatchObject({
      action: 'ignore',
      reason:
        'no changed path starts a pipeline on "develop": the changes concern pipelines this branch does not start',
    });
  });

  describe('with a tooling branch that is no environment branch', () => {
    const table = routingTableFromConfig(withToolingBranch('tooling'));

    it('starts self-update only', () => {
      expect(
        route(push('tooling', [commit(['amzconnect-devops-pipelines/src/router/cli.ts'])]), table),
      ).toMatchObject({
        environment: null,
        order: [],
        pipelines: ['amzconnect-devops-pipelines'],
      });
    });

    it('starts nothing for sub-project changes', () => {
      expect(route(push('tooling', [commit(['amzconnect-lambdas/src/a.ts'])]), table)).toMatchObject({
        action: 'ignore',
      });
    });

    it('starts self-update for a forced push', () => {
      expect(route(push('tooling', [commit(['README.md'])], { forced: true }), table)).toMatchObject({
        pipelines: ['amzconnect-devops-pipelines'],
        reason: 'self-update because the push is forced on the tooling branch',
      });
    });
  });
});
