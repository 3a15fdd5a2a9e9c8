import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { fromApiGatewayEvent, toApiGatewayResult } from './api-gateway-adapter';
import { createCodePipelineClient, createDynamoDbClient, createSecretsManagerClient } from './aws-clients';
import { createWebhookHandler } from './handle-webhook';
import { makeIdempotentStarter } from './idempotent-starter';
import { parseRouterEnvironment } from './lambda-environment';
import { createReleaseQueue } from '../release-queue/release-queue';
import { createCodePipelineOperations } from '../release-queue/pipeline-operations';
import { createDynamoDbQueueStore } from '../release-queue/queue-store';
import { createQueueingStarter } from './release-starter';
import { createWebhookSecretSource } from './webhook-secret-source';

// Init, once per execution environment: a bad environment fails here with a clear message.
const env = parseRouterEnvironment(process.env);
const logger = new Logger({ serviceName: 'webhook-router' });
const codePipeline = createCodePipelineClient();
const dynamoDb = createDynamoDbClient();
const queue = createReleaseQueue({
  store: createDynamoDbQueueStore(dynamoDb, env.queueTable),
  pipelines: createCodePipelineOperations(codePipeline),
  logger,
});
const idempotent = makeIdempotentStarter(
  createQueueingStarter({ client: codePipeline, queue, routingTable: env.routingTable }),
  new DynamoDBPersistenceLayer({ tableName: env.idempotencyTable, awsSdkV3Client: dynamoDb }),
);
const handle = createWebhookHandler({
  routingTable: env.routingTable,
  secrets: createWebhookSecretSource({
    client: createSecretsManagerClient(),
    secretId: env.secretArn,
    previousWindowMs: env.previousSecretWindowMs,
  }),
  startRelease: idempotent.start,
  logger,
});

/** API Gateway → router. */
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  idempotent.config.registerLambdaContext(context);
  logger.addContext(context);
  return toApiGatewayResult(await handle(fromApiGatewayEvent(event)));
}
