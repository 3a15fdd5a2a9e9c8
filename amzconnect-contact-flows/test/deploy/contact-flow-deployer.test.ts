import { DeploymentFailedError } from '../../src/deploy/contact-flow-deployer';
import { FlowBucketStore } from '../../src/deploy/flow-bucket-store';
import { normalizedContent } from '../../src/deploy/content-hash';
import { rollbackFlows } from '../../src/deploy/flow-rollback';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { inboundFlow, messageModule, withText } from './support/flow-factory';

describe('ContactFlowDeployer against the Connect emulator', () => {
  let env: DeployTestEnvironment;

  beforeEach(async () => {
    env = await startDeployTestEnvironment({ lambdas: ['customer-lookup'], bots: ['OrderBot'] });
    env.connect.addQueue('Sales');
    env.connect.addQueue('Support');
    env.connect.addPrompt('Welcome');
    env.connect.addHours('Office');
  });

  afterEach(async () => {
    await env.stop();
  });

  it('creates every repository flow with resolved references on the first run, without stubs when there is no cycle', async () => {
    // Prepare
    const docs = [
      inboundFlow('Main', { transferTo: 'Billing', module: 'Greeting', lambda: 'customer-lookup' }),
      inboundFlow('Billing', { queue: 'Support' }),
      messageModule('Greeting'),
    ];
    const { deployer } = env.deployer();

    // Act
    const { prepared, report } = await deployer.deploy(docs);

    // Assess
    expect(prepared.plan.items.map((i) => [i.name, i.action])).toEqual([
      ['Main', 'create'],
      ['Billing', 'create'],
      ['Greeting', 'create'],
    ]);
    const main = env.connect.flowByName('acme-Main')!;
    const billing = env.connect.flowByName('acme-Billing')!;
    const greeting = env.connect.moduleByName('acme-Greeting')!;
    expect(main.content).toContain(billing.arn);
    expect(main.content).toContain(greeting.arn);
    expect(main.content).toContain(env.lambdaArn('customer-lookup'));
    expect(main.description).toBe('Main flow');
    expect(billing.content).toContain(env.connect.queues[1].arn);
    expect(report.status).toBe('succeeded');
    expect(report.applied.map((s) => `${s.operation} ${s.name}`)).toEqual([
      'create Greeting',
      'create Billing',
      'create Main',
      'publish-mapping mapping',
    ]);
  });

  it('performs zero writes on a re-run with nothing changed', async () => {
    // Prepare
    const docs = [inboundFlow('Main', { transferTo: 'Billing' }), inboundFlow('Billing')];
    await env.deployer().deployer.deploy(docs);
    env.connect.resetCalls();
    const s3PutsBefore = env.s3.puts;
    const lambdaUpdatesBefore = env.lambda.updates;

    // Act
    const { prepared, report } = await env.deployer().deployer.deploy(docs);

    // Assess
    expect(prepared.plan.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged']);
    expect(env.connect.successfulWrites).toBe(0);
    expect(env.connect.countByOperation((c) => c.status < 300)).not.toHaveProperty('DescribeContactFlow');
    expect(env.s3.puts).toBe(s3PutsBefore);
    expect(env.lambda.updates).toBe(lambdaUpdatesBefore);
    expect(report.applied).toEqual([]);
  });

  it('writes exactly k content updates for k changed flows and saves each overwritten content, as Search returned it, first', async () => {
    // Prepare
    env.connect.realism = { ...env.connect.realism, searchOmitsContentEvery: 0 };
    const docs = ['A', 'B', 'C', 'D', 'E'].map((n) => inboundFlow(n));
    await env.deployer().deployer.deploy(docs);
    const before = env.connect.flowByName('acme-B')!.content;
    env.connect.resetCalls();
    const changed = docs.map((d) => (d.name === 'B' || d.name === 'D' ? withText(d, `New ${d.name}`) : d));

    // Act
    const { report } = await env.deployer().deployer.deploy(changed);

    // Assess
    expect(env.connect.countByOperation((c) => c.write)).toEqual({ UpdateContactFlowContent: 2 });
    expect(env.connect.countByOperation((c) => c.status < 300)).toEqual({
      SearchContactFlows: 1,
      SearchContactFlowModules: 1,
      ListQueues: 1,
      UpdateContactFlowContent: 2,
    });
    const backup = JSON.parse(env.s3.latest(env.flowBucket, 'backups/acme/develop/flows/acme-B.json')!) as {
      content: string;
    };
    expect(backup.content).toBe(before);
    expect(env.connect.flowByName('acme-B')!.content).toContain('New B');
    expect(
      report.applied
        .filter((s) => s.operation === 'update-content')
        .map((s) => [s.name, !!s.backupVersionId]),
    ).toEqual([
      ['B', true],
      ['D', true],
    ]);
  });

  it('breaks a reference cycle between new flows with one stub, filled once the others exist', async () => {
    // Prepare
    const docs = [inboundFlow('Ping', { transferTo: 'Pong' }), inboundFlow('Pong', { transferTo: 'Ping' })];

    // Act
    const { report } = await env.deployer().deployer.deploy(docs);

    // Assess
    const ping = env.connect.flowByName('acme-Ping')!;
    const pong = env.connect.flowByName('acme-Pong')!;
    expect(ping.content).toContain(pong.arn);
    expect(pong.content).toContain(ping.arn);
    expect(report.applied.filter((s) => s.kind !== 'mapping').map((s) => `${s.operation} ${s.name}`)).toEqual(
      ['create-stub Ping', 'create Pong', 'update-content Ping'],
    );
    expect(ping.description).toBe('Ping flow');
  });

  it('renames and describes flows and modules the repository no longer has, and never deletes them', async () => {
    // Prepare
    await env
      .deployer()
      .deployer.deploy([inboundFlow('Main'), inboundFlow('Old'), messageModule('OldModule')]);
    env.connect.addFlow({
      name: 'Default agent hold',
      type: 'AGENT_HOLD',
      content:
        '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"EndFlowExecution","Parameters":{},"Transitions":{}}]}',
    });
    const flowCount = env.connect.flows.size;

    // Act
    const { prepared } = await env.deployer().deployer.deploy([inboundFlow('Main')]);
    const again = await env.deployer().deployer.deploy([inboundFlow('Main')]);

    // Assess
    expect(prepared.plan.orphans.map((o) => o.name)).toEqual(['acme-Old', 'acme-OldModule']);
    expect(env.connect.flows.size).toBe(flowCount);
    expect(env.connect.flowByName('orphaned-acme-Old')!.description).toMatch(
      /^Orphaned by amzconnect-contact-flows run .*: "acme-Old" is no longer in the repository/,
    );
    expect(env.connect.moduleByName('orphaned-acme-OldModule')).toBeDefined();
    expect(env.connect.flowByName('Default agent hold')).toBeDefined();
    expect(again.prepared.plan.orphans).toEqual([]);
  });

  it('gives an orphan its name back when its file returns: same flow, same ARN', async () => {
    // Prepare
    await env.deployer().deployer.deploy([inboundFlow('Main'), inboundFlow('Old')]);
    const arn = env.connect.flowByName('acme-Old')!.arn;
    await env.deployer().deployer.deploy([inboundFlow('Main')]);
    const flowCount = env.connect.flows.size;

    // Act
    const { prepared } = await env
      .deployer()
      .deployer.deploy([inboundFlow('Main', { transferTo: 'Old' }), inboundFlow('Old')]);

    // Assess
    expect(prepared.plan.items.map((i) => [i.name, i.action, i.adopted])).toEqual([
      ['Main', 'update', false],
      ['Old', 'update', true],
    ]);
    expect(env.connect.flowByName('acme-Old')!.arn).toBe(arn);
    expect(env.connect.flowByName('acme-Old')!.description).toBe('Old flow');
    expect(env.connect.flowByName('acme-Main')!.content).toContain(arn);
    expect(env.connect.flows.size).toBe(flowCount);
  });

  it('resumes after a run that died half-way: no duplicates, and the run report shows what was applied', async () => {
    // Prepare
    const docs = ['A', 'B', 'C', 'D'].map((n) => inboundFlow(n));
    env.connect.failWritesAfter(2);
    const first = await env
      .deployer()
      .deployer.deploy(docs)
      .catch((e: unknown) => e);
    const saved = (await new FlowBucketStore(
      env.clients().s3,
      env.flowBucket,
      'acme',
      'develop',
    ).loadReport())!;
    env.connect.clearFaults();

    // Act
    const { prepared } = await env.deployer().deployer.deploy(docs);
    const third = await env.deployer().deployer.deploy(docs);

    // Assess
    expect(first).toBeInstanceOf(DeploymentFailedError);
    expect(saved.status).toBe('failed');
    expect(saved.applied.map((s) => s.name)).toEqual(['A', 'B']);
    expect(prepared.plan.items.map((i) => [i.name, i.action])).toEqual([
      ['A', 'unchanged'],
      ['B', 'unchanged'],
      ['C', 'create'],
      ['D', 'create'],
    ]);
    expect([...env.connect.flows.values()].map((f) => f.name).sort()).toEqual([
      'acme-A',
      'acme-B',
      'acme-C',
      'acme-D',
    ]);
    expect(third.prepared.plan.items.every((i) => i.action === 'unchanged')).toBe(true);
  });

  it('finishes under heavy throttling (every fourth request answered 429) with nothing lost', async () => {
    // Prepare
    const docs = Array.from({ length: 10 }, (_, i) => inboundFlow(`F${i}`));
    env.connect.throttleEvery(4);

    // Act: with the SDK's retry as a deployment has it (adaptive mode, back-off between attempts)
    const { report } = await env.deployer({}, { sdkBackoff: true }).deployer.deploy(docs);

    // Assess
    expect(report.status).toBe('succeeded');
    expect(env.connect.calls.filter((c) => c.status === 429).length).toBeGreaterThan(2);
    expect([...env.connect.flows.values()].map((f) => f.name).sort()).toEqual(
      docs.map((d) => `acme-${d.name}`),
    );
  });

  it('reports Connect validation errors per flow with the problems Connect returned, and deploys the others', async () => {
    // Prepare
    const broken = inboundFlow('Broken');
    const bad = {
      ...broken,
      content: {
        ...broken.content,
        Actions: broken.content.Actions.map((a) =>
          a.Identifier === 'greet' ? { ...a, Transitions: { NextAction: 'nowhere' } } : a,
        ),
      },
    };

    // Act
    const err = (await env
      .deployer()
      .deployer.deploy([bad, inboundFlow('Good')])
      .catch((e: unknown) => e)) as DeploymentFailedError;

    // Assess
    expect(err).toBeInstanceOf(DeploymentFailedError);
    expect(err.report.failures).toEqual([
      {
        kind: 'flow',
        name: 'Broken',
        error: 'InvalidContactFlowException',
        message: 'The flow is not valid.',
        problems: ['Action greet transitions to unknown action nowhere'],
      },
    ]);
    expect(env.connect.flowByName('acme-Good')).toBeDefined();
    expect(err.message).toContain(
      '- flow Broken: InvalidContactFlowException: The flow is not valid.\n    Action greet transitions to unknown action nowhere',
    );
  });

  it('blocks flows with unresolved references and names the missing resource', async () => {
    // Act
    const err = (await env
      .deployer()
      .deployer.deploy([inboundFlow('Lost', { queue: 'Nope' })])
      .catch((e: unknown) => e)) as DeploymentFailedError;

    // Assess
    expect(err.report.failures).toEqual([
      {
        kind: 'flow',
        name: 'Lost',
        error: 'UnresolvedReference',
        message: 'not deployed',
        problems: [
          '${queue:Nope}: no queue "Nope" in the instance. Create it in amzconnect-instance (queues) or fix the name.',
        ],
      },
    ]);
    expect(env.connect.successfulWrites).toBe(0);
  });

  it('publishes the mapping as a new S3 version and pins the mapping function to it, keeping its other variables', async () => {
    // Act
    const keys = [
      'Flow_Main',
      'Hours_Office',
      'Lambda_customer-lookup',
      'Lex_OrderBot',
      'Module_Greeting',
      'Prompt_Welcome',
      'Queue_Sales',
    ];
    const { report } = await env
      .deployer()
      .deployer.deploy([inboundFlow('Main', { readsMapping: keys }), messageModule('Greeting')]);

    // Assess
    const mapping = JSON.parse(env.s3.latest(env.flowBucket, 'mappings/acme/develop/mapping.json')!) as {
      version: number;
      entries: Record<string, string>;
    };
    expect(mapping.version).toBe(1);
    expect(mapping.entries).toEqual({
      Flow_Main: env.connect.flowByName('acme-Main')!.arn,
      Hours_Office: env.connect.hours[0].arn,
      'Lambda_customer-lookup': env.lambdaArn('customer-lookup'),
      Lex_OrderBot: env.connect.lexAliasArns[0],
      Module_Greeting: env.connect.moduleByName('acme-Greeting')!.arn,
      Prompt_Welcome: env.connect.prompts[0].arn,
      Queue_Sales: env.connect.queues[0].arn,
    });
    const fn = env.lambda.functions.get('acme-develop-mapping')!;
    expect(fn.variables).toEqual({
      MAPPING_BUCKET: env.flowBucket,
      MAPPING_KEY: 'mappings/acme/develop/mapping.json',
      POWERTOOLS_SERVICE_NAME: 'mapping',
      MAPPING_VERSION_ID: report.mappingVersionId,
    });
    expect(env.s3.versions(env.flowBucket, 'mappings/acme/develop/mapping.json').at(-1)!.versionId).toBe(
      report.mappingVersionId,
    );
  });

  it("reads lists in pages of 1,000 and searches in pages of 100 (the APIs' maxima)", async () => {
    // Prepare
    env.connect.realism = { ...env.connect.realism, flowQuota: 2000 };
    for (let i = 0; i < 1030; i++) env.connect.addQueue(`Q${String(i).padStart(4, '0')}`);
    const docs = Array.from({ length: 105 }, (_, i) =>
      inboundFlow(`F${String(i).padStart(3, '0')}`, { queue: 'Q1029' }),
    );
    await env.deployer().deployer.deploy(docs);
    env.connect.resetCalls();

    // Act
    const prepared = await env.deployer().deployer.plan(docs);

    // Assess
    expect(prepared.plan.items.filter((i) => i.action === 'unchanged')).toHaveLength(105);
    const reads = env.connect.countByOperation((c) => c.status < 300);
    expect(reads).toMatchObject({ SearchContactFlows: 2, ListQueues: 2 });
    expect(reads.ListContactFlows).toBeUndefined();
  });

  it('rolls back the flows the latest run overwrote to the content saved before it', async () => {
    // Prepare
    const v1 = [inboundFlow('A'), inboundFlow('B')];
    await env.deployer().deployer.deploy(v1);
    const original = env.connect.flowByName('acme-A')!.content;
    await env.deployer().deployer.deploy([withText(v1[0], 'Broken release'), v1[1]]);
    const { clients } = env.deployer();

    // Act
    const report = await rollbackFlows(
      { target: { app: 'acme', env: 'develop', region: env.region }, clients, clock: env.clock },
      {},
    );

    // Assess
    expect(normalizedContent(env.connect.flowByName('acme-A')!.content)).toBe(normalizedContent(original));
    expect(report.applied.map((s) => `${s.operation} ${s.name}`)).toEqual(['restore A']);
  });

  it('rolls one flow back to a chosen backup version', async () => {
    // Prepare
    const a = inboundFlow('A');
    await env.deployer().deployer.deploy([a]);
    const v1 = env.connect.flowByName('acme-A')!.content;
    await env.deployer().deployer.deploy([withText(a, 'v2')]);
    await env.deployer().deployer.deploy([withText(a, 'v3')]);
    const [firstBackup] = env.s3.versions(env.flowBucket, 'backups/acme/develop/flows/acme-A.json');

    // Act
    await rollbackFlows(
      {
        target: { app: 'acme', env: 'develop', region: env.region },
        clients: env.clients(),
        clock: env.clock,
      },
      { name: 'A', versionId: firstBackup.versionId },
    );

    // Assess
    expect(normalizedContent(env.connect.flowByName('acme-A')!.content)).toBe(normalizedContent(v1));
  });

  it('keeps a Connect flow version per content update when asked, for CAMPAIGN flows only (the only type the API versions)', async () => {
    // Prepare
    const a = inboundFlow('A');
    const campaign = { ...inboundFlow('Dialer'), type: 'CAMPAIGN' as const };
    await env.deployer().deployer.deploy([a, campaign]);

    // Act
    const { report } = await env
      .deployer({ createFlowVersions: true })
      .deployer.deploy([withText(a, 'v2'), withText(campaign, 'v2')]);

    // Assess
    expect(env.connect.flowByName('acme-Dialer')!.versions.map((v) => v.version)).toEqual([1]);
    expect(env.connect.flowByName('acme-A')!.versions).toEqual([]);
    expect(report.failures).toEqual([]);
  });
});

describe('mapping publish', () => {
  let env: DeployTestEnvironment;

  beforeEach(async () => {
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
  });

  afterEach(async () => {
    await env.stop();
  });

  it('fails the run, naming the key, when flows read a mapping key no resource has', async () => {
    // Act
    const err = await env
      .deployer()
      .deployer.deploy([inboundFlow('Main', { readsMapping: ['Queue_Nope'] })])
      .catch((e: unknown) => e);

    // Assess
    expect(String(err)).toContain(
      'Cannot publish the mapping:\n- flows read $.External.Queue_Nope, but no resource of the environment has that mapping key.',
    );
  });

  it('publishes again only when an entry changes', async () => {
    // Prepare
    const docs = [inboundFlow('Main', { readsMapping: ['Queue_Sales'] })];
    const first = await env.deployer().deployer.deploy(docs);
    const putsAfterFirst = env.s3.versions(env.flowBucket, 'mappings/acme/develop/mapping.json').length;

    // Act
    const second = await env
      .deployer()
      .deployer.deploy([inboundFlow('Main', { readsMapping: ['Queue_Sales'], text: 'changed' })]);

    // Assess
    expect(first.report.mappingVersionId).toBeDefined();
    expect(second.report.mappingVersionId).toBeUndefined();
    expect(env.s3.versions(env.flowBucket, 'mappings/acme/develop/mapping.json')).toHaveLength(
      putsAfterFirst,
    );
  });
});
