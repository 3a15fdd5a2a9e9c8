import { DeploymentFailedError } from '../../src/deploy/contact-flow-deployer';
import { normalizedContent } from '../../src/deploy/content-hash';
import { DriftDetectedError, RunLockedError } from '../../src/deploy/deploy-errors';
import { FlowBucketStore } from '../../src/deploy/flow-bucket-store';
import { OWNER_APP_TAG, OWNER_ENV_TAG } from '../../src/deploy/ownership';
import { RunLock } from '../../src/deploy/run-lock';
import { ManualClock } from '@amzconnect/testing';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { inboundFlow, messageModule, withText } from './support/flow-factory';

/** Every test runs against the emulator in its default, realistic mode (re-serialized content, lost responses, 5xx, 429). */
describe('deploying against Connect as it really behaves (realistic emulator)', () => {
  let env: DeployTestEnvironment;
  const lockOptions = () => ({ bucket: env.assetsBucket, holder: 'test run' });

  beforeEach(async () => {
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
  });

  afterEach(async () => {
    await env.stop();
  });

  it('makes zero writes on a re-run although Connect stores every flow re-serialized', async () => {
    // Prepare
    const docs = [
      inboundFlow('Main', { transferTo: 'Billing', module: 'Greeting' }),
      inboundFlow('Billing'),
      messageModule('Greeting'),
    ];
    const { prepared } = await env.deployer().deployer.deploy(docs);
    const stored = env.connect.flowByName('acme-Billing')!.content;
    env.connect.resetCalls();

    // Act
    const again = await env.deployer().deployer.deploy(docs);

    // Assess
    expect(stored).not.toBe(prepared.plan.items[1].content);
    expect(again.prepared.plan.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(env.connect.successfulWrites).toBe(0);
  });

  it('shows a console edit as drift, backs it up, then puts the repository content back', async () => {
    // Prepare
    const docs = [inboundFlow('Main'), inboundFlow('Other')];
    await env.deployer().deployer.deploy(docs);
    await env.clock.sleep(60_000);
    const edited = env.connect.editInConsole('acme-Main', (d) => {
      d.StartAction = 'end';
    }).content;
    env.connect.resetCalls();

    // Act
    const { prepared, report } = await env.deployer().deployer.deploy(docs);

    // Assess
    expect(prepared.plan.items.map((i) => [i.name, i.action, i.drift])).toEqual([
      ['Main', 'update', true],
      ['Other', 'unchanged', false],
    ]);
    const backup = JSON.parse(
      env.s3.latest(env.flowBucket, 'backups/acme/develop/flows/acme-Main.json')!,
    ) as {
      content: string;
    };
    expect(backup.content).toBe(edited);
    expect(report.applied.filter((s) => s.operation === 'update-content').map((s) => s.name)).toEqual([
      'Main',
    ]);
    expect(JSON.parse(env.connect.flowByName('acme-Main')!.content).StartAction).toBe('greet');
  });

  it('refuses the whole deployment, before any write, on drift when set to fail', async () => {
    // Prepare
    const docs = [inboundFlow('Main'), inboundFlow('Other')];
    await env.deployer().deployer.deploy(docs);
    await env.clock.sleep(60_000);
    env.connect.editInConsole('acme-Main', (d) => {
      d.StartAction = 'end';
    });
    env.connect.resetCalls();

    // Act
    const err = await env
      .deployer({ onDrift: 'fail' })
      .deployer.deploy([withText(docs[0], 'new'), withText(docs[1], 'new')])
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(DriftDetectedError);
    expect((err as Error).message).toBe(
      'Refusing to deploy: 1 flow(s) changed in Amazon Connect since the last deployment (Main). Export them into the repository (`npm run flows -- export`) to keep the console edits, or deploy with drift set to "overwrite" to replace them (a backup is saved first).',
    );
    expect(env.connect.successfulWrites).toBe(0);
  });

  it('takes over by name (and tag) a flow whose create response was lost, instead of failing on the duplicate', async () => {
    // Prepare
    env.connect.loseNextCreateResponses(1);

    // Act
    const { report } = await env.deployer().deployer.deploy([inboundFlow('Main'), inboundFlow('Other')]);

    // Assess
    expect(report.status).toBe('succeeded');
    expect([...env.connect.flows.values()].map((f) => f.name).sort()).toEqual(['acme-Main', 'acme-Other']);
    expect(env.connect.calls.some((c) => c.operation === 'CreateContactFlow' && c.status === 409)).toBe(true);
    expect(report.applied.find((s) => s.detail?.startsWith('already created'))).toBeDefined();
  });

  it('fails fast on the flow quota, naming it and how to raise it, without retrying', async () => {
    // Prepare
    env.connect.realism = { ...env.connect.realism, flowQuota: 1 };

    // Act
    const err = (await env
      .deployer()
      .deployer.deploy([inboundFlow('A'), inboundFlow('B'), inboundFlow('C')])
      .catch((e: unknown) => e)) as DeploymentFailedError;

    // Assess
    expect(err).toBeInstanceOf(DeploymentFailedError);
    expect(err.report.failures.map((f) => [f.name, f.error])).toEqual([
      ['B', 'FlowQuotaExceededError'],
      ['C', 'FlowQuotaExceededError'],
    ]);
    expect(err.report.failures[0].message).toContain('quota "Flows per instance" (default 100, adjustable)');
    expect(
      env.connect.calls.filter((c) => c.status === 429 && c.operation === 'CreateContactFlow'),
    ).toHaveLength(1);
    expect((env.clock as ManualClock).slept).toBeLessThan(30_000);
  });

  it('reports an ARCHIVED flow and leaves it alone, and updates it only when unarchiving is switched on', async () => {
    // Prepare
    const doc = inboundFlow('Main');
    await env.deployer().deployer.deploy([doc]);
    env.connect.archive('acme-Main');
    env.connect.resetCalls();

    // Act
    const left = await env.deployer().deployer.deploy([withText(doc, 'v2')]);
    const writesWhenLeft = env.connect.successfulWrites;
    await env.deployer({ unarchive: true }).deployer.deploy([withText(doc, 'v2')]);

    // Assess
    expect(left.prepared.plan.items.map((i) => i.action)).toEqual(['archived']);
    expect(writesWhenLeft).toBe(0);
    expect(env.connect.flowByName('acme-Main')!.state).toBe('ACTIVE');
    expect(env.connect.flowByName('acme-Main')!.content).toContain('v2');
  });

  it('backs up an unpublished $SAVED draft before publishing over it', async () => {
    // Prepare
    const doc = inboundFlow('Main');
    await env.deployer().deployer.deploy([doc]);
    await env.clock.sleep(60_000);
    const draft = JSON.stringify({ ...doc.content, StartAction: 'end' });
    env.connect.saveDraft('acme-Main', draft);

    // Act
    const { report } = await env.deployer().deployer.deploy([withText(doc, 'v2')]);

    // Assess
    const saved = JSON.parse(
      env.s3.latest(env.flowBucket, 'backups/acme/develop/flows/acme-Main.saved.json')!,
    ) as {
      content: string;
    };
    expect(saved.content).toBe(draft);
    expect(report.applied.map((s) => s.operation).slice(0, 2)).toEqual(['backup-draft', 'update-content']);
  });

  it('takes no new write in the last minute of its budget, reports incomplete, and the next run finishes', async () => {
    // Prepare
    const docs = Array.from({ length: 12 }, (_, i) => inboundFlow(`F${i}`));
    const start = env.clock.now();

    // Act
    const first = await env.deployer({ deadline: start + 63_000, reserveMs: 60_000 }).deployer.deploy(docs);
    const second = await env.deployer().deployer.deploy(docs);

    // Assess
    expect(first.report.status).toBe('incomplete');
    expect(first.report.remaining).toBeGreaterThan(0);
    expect(first.report.applied.every((s) => Date.parse(s.at) <= start + 3_000 + 1_000)).toBe(true);
    expect(second.report.status).toBe('succeeded');
    expect([...env.connect.flows.values()]).toHaveLength(12);
  });

  it('writes nothing once cancelled', async () => {
    // Prepare
    const controller = new AbortController();
    controller.abort();
    env.connect.resetCalls();

    // Act
    const { report } = await env.deployer({ signal: controller.signal }).deployer.deploy([inboundFlow('A')]);

    // Assess
    expect(report.status).toBe('incomplete');
    expect(env.connect.successfulWrites).toBe(0);
  });

  it('never lets two runs of one account and Region overlap: the second is refused while the lease lasts', async () => {
    // Prepare
    const other = new RunLock(
      env.clients().s3,
      { bucket: env.assetsBucket, holder: 'cli of staging' },
      'other',
      env.clock,
    );
    await other.acquire();
    env.connect.resetCalls();

    // Act
    const err = await env
      .deployer({ lock: lockOptions() })
      .deployer.deploy([inboundFlow('A')])
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(RunLockedError);
    expect((err as Error).message).toMatch(/^Another contact-flow run \(cli of staging\) holds the lock/);
    expect(env.connect.successfulWrites).toBe(0);
  });

  it('takes over an expired lease, and a zombie whose lease was taken over stops before its next write', async () => {
    // Prepare
    const zombie = new RunLock(
      env.clients().s3,
      { bucket: env.assetsBucket, holder: 'zombie', leaseMs: 60_000 },
      'zombie',
      env.clock,
    );
    await zombie.acquire();
    await env.clock.sleep(61_000);

    // Act
    const { report } = await env.deployer({ lock: lockOptions() }).deployer.deploy([inboundFlow('A')]);
    const zombieErr = await zombie.ensureHeld().catch((e: unknown) => e);

    // Assess
    expect(report.status).toBe('succeeded');
    expect((zombieErr as Error).name).toBe('RunLockLostError');
  });

  it('saves the run report in appended chunks instead of rewriting it after every write', async () => {
    // Prepare
    env.connect.realism = {
      ...env.connect.realism,
      flowQuota: 1000,
      throttleEvery: 0,
      serverErrorEvery: 0,
      loseCreateResponseEvery: 0,
    };
    const docs = Array.from({ length: 205 }, (_, i) => inboundFlow(`F${i}`));

    // Act
    const { report } = await env.deployer().deployer.deploy(docs);

    // Assess
    const store = new FlowBucketStore(env.clients().s3, env.flowBucket, 'acme', 'develop');
    const loaded = (await store.loadReport())!;
    expect(loaded.applied).toHaveLength(report.applied.length);
    expect(env.s3.keys(env.flowBucket, `reports/acme/develop/runs/${report.runId}/`)).toHaveLength(3);
    const largest = Math.max(
      ...env.s3
        .keys(env.flowBucket, 'reports/')
        .flatMap((k) => env.s3.versions(env.flowBucket, k).map((v) => v.body.length)),
    );
    expect(largest).toBeLessThan(60_000);
  });
});

describe('ownership: only flows carrying our tags are ever touched', () => {
  let env: DeployTestEnvironment;
  const repoNames = ['Main', 'Billing', 'Support', 'Sales', 'Returns', 'Hours', 'Survey'];

  beforeEach(async () => {
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
    // 50 untagged console flows; 5 of them have the names the repository's flows deploy as.
    for (let i = 0; i < 45; i++)
      env.connect.addFlow({ name: `Console flow ${i}`, content: consoleContent(`c${i}`) });
    for (const n of repoNames.slice(0, 5))
      env.connect.addFlow({ name: `acme-${n}`, content: consoleContent(n) });
  });

  afterEach(async () => {
    await env.stop();
  });

  it('plans 5 adoptions that need `adopt`, 0 orphans, and writes nothing to the untagged flows', async () => {
    // Prepare
    const before = snapshotOf(env);
    const docs = repoNames.map((n) => inboundFlow(n));

    // Act
    const prepared = await env.deployer().deployer.plan(docs);
    const err = await env
      .deployer()
      .deployer.apply(prepared)
      .catch((e: unknown) => e);

    // Assess
    expect(prepared.plan.items.filter((i) => i.action === 'needs-adoption').map((i) => i.name)).toEqual(
      repoNames.slice(0, 5),
    );
    expect(prepared.plan.items.filter((i) => i.action === 'create').map((i) => i.name)).toEqual([
      'Hours',
      'Survey',
    ]);
    expect(prepared.plan.orphans).toEqual([]);
    expect((err as DeploymentFailedError).report.failures.map((f) => f.error)).toEqual(
      Array(5).fill('AdoptionRequired'),
    );
    expect(snapshotOf(env).filter((f) => !['acme-Hours', 'acme-Survey'].includes(f.name))).toEqual(before);
  });

  it('adopts the listed flows after a backup, tags them, and a re-run then makes 0 writes', async () => {
    // Prepare
    const docs = repoNames.map((n) => inboundFlow(n));
    const untouched = snapshotOf(env).filter((f) => f.name.startsWith('Console'));

    // Act
    const { report } = await env.deployer({ adopt: repoNames.slice(0, 5) }).deployer.deploy(docs);
    env.connect.resetCalls();
    const again = await env.deployer().deployer.deploy(docs);

    // Assess
    expect(
      report.applied.filter((s) => s.operation === 'adopt').map((s) => [s.name, !!s.backupVersionId]),
    ).toEqual(
      repoNames
        .slice(0, 5)
        .sort()
        .map((n) => [n, true]),
    );
    for (const n of repoNames)
      expect(env.connect.flowByName(`acme-${n}`)!.tags).toEqual({
        [OWNER_APP_TAG]: 'acme',
        [OWNER_ENV_TAG]: 'develop',
      });
    expect(again.prepared.plan.items.every((i) => i.action === 'unchanged')).toBe(true);
    expect(env.connect.successfulWrites).toBe(0);
    expect(snapshotOf(env).filter((f) => f.name.startsWith('Console'))).toEqual(untouched);
  });

  it('never orphans an untagged flow that carries the app prefix', async () => {
    // Prepare
    env.connect.addFlow({ name: 'acme-HandMade', content: consoleContent('h') });

    // Act
    const prepared = await env.deployer().deployer.plan([inboundFlow('Hours')]);

    // Assess
    expect(prepared.plan.orphans).toEqual([]);
  });
});

function consoleContent(text: string): string {
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'a',
    Actions: [
      {
        Identifier: 'a',
        Type: 'MessageParticipant',
        Parameters: { Text: text },
        Transitions: { NextAction: 'b' },
      },
      { Identifier: 'b', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  });
}

function snapshotOf(env: DeployTestEnvironment) {
  return [...env.connect.flows.values()].map((f) => ({
    name: f.name,
    content: normalizedContent(f.content),
    tags: { ...f.tags },
    lastModified: f.lastModified,
  }));
}
