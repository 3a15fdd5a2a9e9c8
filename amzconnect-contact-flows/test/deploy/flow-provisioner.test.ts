import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { serializeResponse } from '@amzconnect/lambdas/flow-provisioner';
import { createHandler } from '@amzconnect/lambdas/flow-provisioner';
import { decideProvisionerAction, parseProvisionerRequest } from '@amzconnect/lambdas/flow-provisioner';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { serializeFlowBundle } from '../../src/deploy/flow-bundle';
import { silentLogger } from '../../src/deploy/deploy-logger';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing';
import { LocalEndpoint } from '@amzconnect/testing';
import { inboundFlow } from './support/flow-factory';

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

  it('cuts a long failure reason so the response fits in 4096 bytes', () => {
    // Act
    const body = serializeResponse({
      Status: 'FAILED',
      Reason: 'x'.repeat(10_000),
      PhysicalResourceId: 'p',
      StackId: 's',
      RequestId: 'r',
      LogicalResourceId: 'l',
    });

    // Assess
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    expect(JSON.parse(body).Reason).toMatch(/ \.\.\. \(see the run report\)$/);
  });
});

describe('flow provisioner handler against the emulators', () => {
  let env: DeployTestEnvironment;
  let responses: Record<string, unknown>[];
  let cfn: LocalEndpoint;
  let responseUrl: string;
  const context = { getRemainingTimeInMillis: () => 900_000 };

  beforeEach(async () => {
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
    responses = [];
    cfn = new LocalEndpoint((req) => {
      responses.push(JSON.parse(req.body) as Record<string, unknown>);
      return { status: 200 };
    });
    responseUrl = `${await cfn.start()}/cfn-response?signature=abc`;
  });

  afterEach(async () => {
    await Promise.all([env.stop(), cfn.stop()]);
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

  it('deploys the bundle on Create and answers SUCCESS with the run figures', async () => {
    // Prepare
    const props = await uploadBundle([inboundFlow('Main')]);
    const handler = createHandler(() => ({
      clients: env.clients(),
      logger: silentLogger,
      region: env.region,
    }));

    // Act
    await handler(event('Create', responseUrl, props), context);

    // Assess
    expect(env.connect.flowByName('acme-Main')).toBeDefined();
    expect(responses).toEqual([
      {
        Status: 'SUCCESS',
        PhysicalResourceId: 'acme-develop-contact-flows',
        StackId: expect.any(String),
        RequestId: 'req-1',
        LogicalResourceId: 'ContactFlows',
        Data: {
          RunId: expect.any(String),
          Planned:
            'create=1 update=0 unchanged=0 blocked=0 adopt=0 needs-adoption=0 archived=0 orphaned=0 drifted=0',
          Writes: '2',
          MappingVersionId: expect.stringMatching(/^v/),
        },
      },
    ]);
  });

  it('answers SUCCESS to Delete without any Connect call', async () => {
    // Prepare
    const handler = createHandler(() => ({
      clients: env.clients(),
      logger: silentLogger,
      region: env.region,
    }));

    // Act
    await handler(event('Delete', responseUrl, {}), context);

    // Assess
    expect(env.connect.calls).toEqual([]);
    expect(responses.map((r) => r.Status)).toEqual(['SUCCESS']);
  });

  it('answers FAILED with each failing flow and the problems Connect returned', async () => {
    // Prepare
    const doc = inboundFlow('Broken');
    const broken = { ...doc, content: { ...doc.content, StartAction: 'missing' } };
    const props = await uploadBundle([broken]);
    const handler = createHandler(() => ({
      clients: env.clients(),
      logger: silentLogger,
      region: env.region,
    }));

    // Act
    await handler(event('Update', responseUrl, props), context);

    // Assess
    expect(responses[0].Status).toBe('FAILED');
    expect(responses[0].Reason).toContain(
      '- flow Broken: InvalidContactFlowException: The flow is not valid.\n    StartAction missing is not an action of the flow',
    );
  });
});
