import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { sign } from '@octokit/webhooks-methods';
import type { Context } from 'aws-lambda';
import { createCodePipelineClient, createSecretsManagerClient } from '../../../src/router/aws-clients';
import { createWebhookHandler, WebhookHandler } from '../../../src/router/handle-webhook';
import { makeIdempotentStarter } from '../../../src/router/idempotent-starter';
import { silentLogger } from '../../../src/router/logger-like';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { createCodePipelineOperations } from '../../../src/release-queue/pipeline-operations';
import { createDynamoDbQueueStore, QueueStore } from '../../../src/release-queue/queue-store';
import { createReleaseQueue } from '../../../src/release-queue/release-queue';
import { createQueueingStarter } from '../../../src/router/release-starter';
import { createWebhookSecretSource } from '../../../src/router/webhook-secret-source';
import type { WebhookRequest } from '../../../src/router/webhook-request';
import { FAKE_AWS, FakeAwsJsonService, startFakeAwsJsonService } from './fake-aws-json-service';
import { SECRET_ARN, SecretsState, startFakeSecretsManager } from './fake-secrets-manager';
import { createReleaseQueueTable, LocalDynamoDb, startLocalDynamoDb } from './local-dynamodb';
import { sampleTable } from './test-config';

export const TEST_SECRET = 'test-webhook-secret';

/** Behaviour of the fake CodePipeline: how many next start calls are throttled (Infinity: all). */
export interface CodePipelineState {
  throttleNext: number;
  executions: number;
}

/**
 * The production wiring of the router handler against local services: a fake Secrets Manager
 * and a fake CodePipeline (JSON protocol), dynalite for the idempotency table, real SDK clients.
 */
export interface RouterHarness {
  readonly handle: WebhookHandler;
  readonly secrets: SecretsState;
  readonly codePipeline: FakeAwsJsonService;
  readonly codePipelineState: CodePipelineState;
  /** StartPipelineExecution calls received, in order. */
  starts(): Record<string, unknown>[];
  /** The release queues (dynalite), as the router wrote them. */
  readonly queues: QueueStore;
  /** Empties the release queues (each test starts from environments never released). */
  resetQueues(): Promise<void>;
  close(): Promise<void>;
}

export async function startRouterHarness(options: { maxBodyBytes?: number } = {}): Promise<RouterHarness> {
  const secrets: SecretsState = { stages: { AWSCURRENT: TEST_SECRET }, unavailable: false };
  const codePipelineState: CodePipelineState = { throttleNext: 0, executions: 0 };
  const secretsManager = await startFakeSecretsManager(secrets);
  const codePipeline = await startFakeAwsJsonService((operation) => {
    if (operation !== 'StartPipelineExecution')
      return { error: 'ValidationException', message: `unexpected ${operation}` };
    if (codePipelineState.throttleNext > 0) {
      codePipelineState.throttleNext--;
      return { error: 'ThrottlingException', message: 'Rate exceeded' };
    }
    codePipelineState.executions++;
    return {
      body: {
        pipelineExecutionId: `00000000-0000-4000-8000-${String(codePipelineState.executions).padStart(12, '0')}`,
      },
    };
  });
  const dynamo: LocalDynamoDb = await startLocalDynamoDb();
  await createReleaseQueueTable(dynamo.client, 'release-queue');
  const queues = createDynamoDbQueueStore(dynamo.client, 'release-queue');
  const codePipelineClient = createCodePipelineClient({ ...FAKE_AWS, endpoint: codePipeline.endpoint });
  const queue = createReleaseQueue({
    store: queues,
    pipelines: createCodePipelineOperations(codePipelineClient),
    logger: silentLogger,
  });
  const idempotent = makeIdempotentStarter(
    createQueueingStarter({ client: codePipelineClient, queue, routingTable: sampleTable }),
    new DynamoDBPersistenceLayer({ tableName: dynamo.tableName, awsSdkV3Client: dynamo.client }),
  );
  // As the Lambda entry point does on every invocation: in-progress records expire with the invocation.
  idempotent.config.registerLambdaContext({ getRemainingTimeInMillis: () => 10_000 } as unknown as Context);
  const handle = createWebhookHandler({
    routingTable: sampleTable,
    secrets: createWebhookSecretSource({
      client: createSecretsManagerClient({ ...FAKE_AWS, endpoint: secretsManager.endpoint, maxAttempts: 1 }),
      secretId: SECRET_ARN,
      ttlMs: 0,
    }),
    startRelease: idempotent.start,
    logger: silentLogger,
    maxBodyBytes: options.maxBodyBytes,
  });
  return {
    handle,
    secrets,
    codePipeline,
    codePipelineState,
    queues,
    resetQueues: async () => {
      for (const state of await queues.list()) {
        await dynamo.client.send(
          new DeleteItemCommand({ TableName: 'release-queue', Key: { env: { S: state.env } } }),
        );
      }
    },
    starts: () =>
      codePipeline.calls
        .filter((c) => c.target === 'CodePipeline_20150709.StartPipelineExecution')
        .map((c) => c.body),
    close: async () => {
      await Promise.all([secretsManager.close(), codePipeline.close(), dynamo.close()]);
    },
  };
}

let deliveries = 0;
/** A fresh GitHub-style delivery id. */
export function newDeliveryId(): string {
  deliveries++;
  return `72d3162e-cc78-11e3-81ab-${String(deliveries).padStart(12, '0')}`;
}

/** A request as GitHub sends it: body signed with `secret`, standard headers (overridable). */
export async function signedRequest(
  body: string,
  options: { event?: string; delivery?: string; secret?: string; headers?: Record<string, string> } = {},
): Promise<WebhookRequest> {
  return {
    headers: {
      'content-type': 'application/json',
      'x-github-event': options.event ?? 'push',
      'x-github-delivery': options.delivery ?? newDeliveryId(),
      'x-hub-signature-256': await sign({ secret: options.secret ?? TEST_SECRET, algorithm: 'sha256' }, body),
      'user-agent': 'GitHub-Hookshot/test',
      ...options.headers,
    },
    body: Buffer.from(body, 'utf8'),
  };
}
