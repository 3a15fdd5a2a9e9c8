import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { parseRouterEnvironment } from '../../src/router/lambda-environment';
import { serializeRoutingTable } from '../../src/router/routing-table';
import { FAKE_AWS, FakeAwsJsonService, startFakeAwsJsonService } from './support/fake-aws-json-service';
import { SECRET_ARN, startFakeSecretsManager } from './support/fake-secrets-manager';
import { createReleaseQueueTable, LocalDynamoDb, startLocalDynamoDb } from './support/local-dynamodb';
import { signedRequest, TEST_SECRET } from './support/router-harness';
import { githubFixtureText, sampleTable } from './support/test-config';

describe('parseRouterEnvironment', () => {
  const table = serializeRoutingTable(sampleTable);
  it('reads the routing table, secret and table name', () => {
    expect(
      parseRouterEnvironment({
        ROUTING_TABLE: table,
        WEBHOOK_SECRET_ARN: SECRET_ARN,
        IDEMPOTENCY_TABLE_NAME: 't',
        RELEASE_QUEUE_TABLE: 'q',
        PREVIOUS_SECRET_WINDOW_SECONDS: '3600',
      }),
    ).toEqual({
      routingTable: sampleTable,
      secretArn: SECRET_ARN,
      idempotencyTable: 't',
      queueTable: 'q',
      previousSecretWindowMs: 3_600_000,
    });
  });
  it('refuses a secret window that is not whole seconds', () => {
    expect(() =>
      parseRouterEnvironment({
        ROUTING_TABLE: table,
        WEBHOOK_SECRET_ARN: SECRET_ARN,
        IDEMPOTENCY_TABLE_NAME: 't',
        RELEASE_QUEUE_TABLE: 'q',
        PREVIOUS_SECRET_WINDOW_SECONDS: '1.5',
      }),
    ).toThrow(
      'PREVIOUS_SECRET_WINDOW_SECONDS must be a whole number of seconds; the WebhookRouter construct sets it: redeploy the tooling stack.',
    );
  });
  it('names the missing variable and the fix', () => {
    expect(() => parseRouterEnvironment({ ROUTING_TABLE: table, IDEMPOTENCY_TABLE_NAME: 't' })).toThrow(
      'WEBHOOK_SECRET_ARN is not set; the WebhookRouter construct sets it: redeploy the tooling stack.',
    );
  });
});

describe('router Lambda entry point (production wiring, AWS endpoints overridden by environment)', () => {
  let secrets: FakeAwsJsonService;
  let codePipeline: FakeAwsJsonService;
  let dynamo: LocalDynamoDb;
  const saved = { ...process.env };

  beforeAll(async () => {
    secrets = await startFakeSecretsManager({ stages: { AWSCURRENT: TEST_SECRET }, unavailable: false });
    codePipeline = await startFakeAwsJsonService(() => ({ body: { pipelineExecutionId: 'exec-1' } }));
    dynamo = await startLocalDynamoDb('router-idempotency');
    await createReleaseQueueTable(dynamo.client, 'router-release-queue');
  });
  afterAll(async () => {
    process.env = saved;
    await Promise.all([secrets.close(), codePipeline.close(), dynamo.close()]);
  });

  it('fails at init with a clear message when the routing table is missing', () => {
    process.env = { ...saved, ROUTING_TABLE: '' };
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(() => require('../../src/router/lambda-handler')).toThrow(
        'ROUTING_TABLE is not set; it is computed by the WebhookRouter construct from env/ at synth time: redeploy the tooling stack.',
      );
    });
  });

  it('answers an API Gateway event and starts the plan once per delivery', async () => {
    process.env = {
      ...saved,
      ROUTING_TABLE: serializeRoutingTable(sampleTable),
      WEBHOOK_SECRET_ARN: SECRET_ARN,
      IDEMPOTENCY_TABLE_NAME: 'router-idempotency',
      RELEASE_QUEUE_TABLE: 'router-release-queue',
      PREVIOUS_SECRET_WINDOW_SECONDS: '86400',
      AWS_REGION: FAKE_AWS.region,
      AWS_ACCESS_KEY_ID: FAKE_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_ENDPOINT_URL_CODEPIPELINE: codePipeline.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    let handler!: (e: APIGatewayProxyEvent, c: Context) => Promise<{ statusCode: number; body: string }>;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler = require('../../src/router/lambda-handler').handler;
    });
    const request = await signedRequest(githubFixtureText('push.develop-lambdas.json'), {
      delivery: 'lambda-delivery-1',
    });
    const event = {
      headers: request.headers,
      body: request.body.toString('utf8'),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent;
    const context = {
      functionName: 'router',
      awsRequestId: 'req-1',
      getRemainingTimeInMillis: () => 10_000,
    } as unknown as Context;

    const first = await handler(event, context);
    const second = await handler(event, context);
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({
      started: [{ pipeline: 'amzconnect-lambdas-develop', executionId: 'exec-1' }],
      replayed: false,
    });
    expect(JSON.parse(second.body)).toMatchObject({ replayed: true });
    expect(codePipeline.calls.filter((c) => c.target.endsWith('StartPipelineExecution'))).toHaveLength(1);
  });
});
