import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { createProvisioner } from '../../src/provisioner/handler';
import { decideProvisionerAction, parseProvisionerRequest } from '../../src/provisioner/provisioner-request';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { serializeFlowBundle } from '../../src/deploy/flow-bundle';
import { silentLogger } from '../../src/deploy/deploy-logger';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { RunLock } from '../../src/deploy/run-lock';
import { inboundFlow } from './support/flow-factory';
import { FlowArnNotDeployedError } from '../../src/provisioner/exported-flow-arns';

function event(
  type: 'Create' | 'Update' | 'Delete',
  responseUrl: string,
  props: Record<string, string>,
): CloudFormationCustomResourceEvent {
  const base = {
    ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:acme-develop-flow-provisioner',
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/acme-contact-flows-develop-us-east-1/1',
    RequestId: 'req-1',
    LogicalResourceId: 'ContactFlows',
    ResourceType: 'Custom::ContactFlows',
    ResourceProperties: { ServiceToken: 'x', ...props },
  };
  if (type === 'Create') return { ...base, RequestType: 'Create' };
  if (type === 'Update') {
    return {
      ...base,
      RequestType: 'Update',
      PhysicalResourceId: 'acme-develop-contact-flows',
      OldResourceProperties: { ServiceToken: 'x' },
    };
  }
  return { ...base, RequestType: 'Delete', PhysicalResourceId: 'acme-develop-contact-flows' };
}

describe('flow provisioner: parse and decide', () => {
  it('never acts on Delete and keeps the physical id', () => {
    // Act
    const decision = decideProvisionerAction(parseProvisionerRequest(event('Delete', 'http://x', {})));

    // Assess
    expect(decision).toEqual({
      action: 'none',
      physicalResourceId: 'acme-develop-contact-flows',
      reason: 'Delete never removes contact flows; the instance keeps them.',
    });
  });

  it('deploys on Create with a physical id stable per app and environment', () => {
    // Act
    const decision = decideProvisionerAction(
      parseProvisionerRequest(
        event('Create', 'http://x', {
          App: 'acme',
          Env: 'develop',
          BundleBucket: 'b',
          BundleKey: 'k.json',
          BundleHash: 'h',
        }),
      ),
    );

    // Assess
    expect(decision).toEqual({ action: 'deploy', physicalResourceId: 'acme-develop-contact-flows' });
  });

  it('names every missing property', () => {
    // Act / Assess
    expect(() => parseProvisionerRequest(event('Update', 'http://x', { App: 'acme' }))).toThrow(
      'Custom::ContactFlows is missing properties Env, BundleBucket, BundleKey, BundleHash: set them in the contact-flows stack.',
    );
  });
});

describe('flow provisioner (Provider framework onEvent / isComplete) against the emulators', () => {
  let env: DeployTestEnvironment;
  const context = { getRemainingTimeInMillis: () => 900_000 };
  const provisioner = (lock = true) =>
    createProvisioner(() => ({
      clients: env.clients(),
      logger: silentLogger,
      region: env.region,
      clock: env.clock,
      ...(lock ? { lockBucket: env.assetsBucket } : {}),
    }));

  beforeEach(async () => {
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
  });

  afterEach(async () => {
    await env.stop();
  });

  async function uploadBundle(
    docs: Parameters<typeof serializeFlowBundle>[0],
  ): Promise<Record<string, string>> {
    const clients = env.clients();
    await clients.s3.send(
      new PutObjectCommand({ Bucket: env.assetsBucket, Key: 'bundle.json', Body: serializeFlowBundle(docs) }),
    );
    return {
      App: 'acme',
      Env: 'develop',
      BundleBucket: env.assetsBucket,
      BundleKey: 'bundle.json',
      BundleHash: 'h1',
    };
  }

  it('decides on onEvent without any Connect call, then deploys in isComplete and reports the run figures', async () => {
    // Prepare
    const props = await uploadBundle([inboundFlow('Main')]);
    const { onEvent, isComplete } = provisioner();

    // Act
    const started = await onEvent(event('Create', 'http://unused', props));
    const callsAfterOnEvent = env.connect.calls.length;
    const done = await isComplete({ ...event('Create', 'http://unused', props), ...started }, context);

    // Assess
    expect(started).toEqual({ PhysicalResourceId: 'acme-develop-contact-flows' });
    expect(callsAfterOnEvent).toBe(0);
    expect(env.connect.flowByName('acme-Main')).toBeDefined();
    expect(done).toEqual({
      IsComplete: true,
      Data: {
        RunId: expect.any(String),
        Planned: 'create=1',
        Writes: '2',
        MappingVersionId: expect.stringMatching(/^v/),
      },
    });
  });

  it('returns the ARNs of the flows named in ExportFlowArns, created by this run or already there', async () => {
    // Prepare
    const props = await uploadBundle([inboundFlow('Main'), inboundFlow('Transfer')]);
    const { isComplete } = provisioner();
    await isComplete(event('Create', 'http://unused', props), context);

    // Act: nothing changed, one flow created by the first run, both asked for
    const exported = await isComplete(
      event('Update', 'http://unused', { ...props, ExportFlowArns: 'Transfer,Main' }),
      context,
    );

    // Assess
    expect(exported.Data).toMatchObject({
      'FlowArn.Main': env.connect.flowByName('acme-Main')?.arn,
      'FlowArn.Transfer': env.connect.flowByName('acme-Transfer')?.arn,
    });
  });

  it('returns the ARN of an exported flow that the same run creates', async () => {
    // Prepare
    const props = await uploadBundle([inboundFlow('Transfer')]);
    const { isComplete } = provisioner();

    // Act
    const done = await isComplete(
      event('Create', 'http://unused', { ...props, ExportFlowArns: 'Transfer' }),
      context,
    );

    // Assess
    expect(done.Data?.['FlowArn.Transfer']).toMatch(/\/contact-flow\//);
    expect(done.Data?.['FlowArn.Transfer']).toBe(env.connect.flowByName('acme-Transfer')?.arn);
  });

  it('fails with FlowArnNotDeployedError when an exported flow is not in the bundle', async () => {
    // Prepare
    const props = await uploadBundle([inboundFlow('Main')]);
    const { isComplete } = provisioner();

    // Act
    const failure = await isComplete(
      event('Create', 'http://unused', { ...props, ExportFlowArns: 'Missing' }),
      context,
    ).catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(FlowArnNotDeployedError);
    expect((failure as Error).message).toBe(
      'Custom::ContactFlows cannot export the ARN of Missing: no such flow in the bundle. Deploy the flow or remove it from ExportFlowArns.',
    );
  });

  it('completes a run larger than one invocation across isComplete calls, never writing in the last minute of each', async () => {
    // Prepare
    env.connect.realism = { ...env.connect.realism, flowQuota: 1000 };
    const props = await uploadBundle(Array.from({ length: 40 }, (_, i) => inboundFlow(`F${i}`)));
    const { isComplete } = provisioner();
    const shortBudget = { getRemainingTimeInMillis: () => 70_000 };

    // Act
    const answers: boolean[] = [];
    for (let i = 0; i < 10 && !answers.at(-1); i++)
      answers.push((await isComplete(event('Update', 'http://unused', props), shortBudget)).IsComplete);

    // Assess
    expect(answers.length).toBeGreaterThan(2);
    expect(answers.at(-1)).toBe(true);
    expect(answers.slice(0, -1).every((a) => a === false)).toBe(true);
    expect(env.connect.flows.size).toBe(40);
  });

  it('waits (IsComplete false) while another run holds the account lock, writing nothing', async () => {
    // Prepare
    const props = await uploadBundle([inboundFlow('Main')]);
    const other = new RunLock(
      env.clients().s3,
      { bucket: env.assetsBucket, holder: 'cli' },
      'cli-run',
      env.clock,
    );
    await other.acquire();
    env.connect.resetCalls();

    // Act
    const answer = await provisioner().isComplete(event('Update', 'http://unused', props), context);

    // Assess
    expect(answer).toEqual({ IsComplete: false });
    expect(env.connect.successfulWrites).toBe(0);
  });

  it('completes Delete at once without any Connect call', async () => {
    // Act
    const { onEvent, isComplete } = provisioner();
    const started = await onEvent(event('Delete', 'http://unused', {}));
    const done = await isComplete(event('Delete', 'http://unused', {}), context);

    // Assess
    expect(started).toEqual({ PhysicalResourceId: 'acme-develop-contact-flows' });
    expect(done).toEqual({ IsComplete: true });
    expect(env.connect.calls).toEqual([]);
  });

  it('fails (the framework answers FAILED) with each failing flow and the problems Connect returned', async () => {
    // Prepare
    const doc = inboundFlow('Broken');
    const broken = { ...doc, content: { ...doc.content, StartAction: 'missing' } };
    const props = await uploadBundle([broken]);

    // Act
    const err = await provisioner()
      .isComplete(event('Update', 'http://unused', props), context)
      .catch((e: unknown) => e);

    // Assess
    expect((err as Error).message).toContain(
      '- flow Broken: InvalidContactFlowException: The flow is not valid.\n    StartAction missing is not an action of the flow',
    );
  });
});
