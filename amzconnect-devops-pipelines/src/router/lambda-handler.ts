import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { fromApiGatewayEvent, toApiGatewayResult } from './api-gateway-adapter';
import { createCodePipelineClient, createDynamoDbClient, createSecretsManagerClient } from './aws-clients';
import { createWebhookHandler } from './handle-webhook';
import { makeIdempotentStarter } from './idempotent-starter';
import { parseRouterEnvironment } from './lambda-environment';
import { createCodePipelineStarter } from './release-starter';
import { createWebhookSecretSource } from './webhook-secret-source';

// Init, once per execution environment: a bad environment fails here with a clear message.
const env = parseRouterEnvironment(process.env);
const logger = new Logger({ serviceName: 'webhook-router' });
const idempotent = makeIdempotentStarter(
  createCodePipelineStarter(createCodePipelineClient()),
  new DynamoDBPersistenceLayer({ tableName: env.idempotencyTable, awsSdkV3Client: createDynamoDbClient() }),
);
const handle = createWebhookHandler({
  routingTable: env.routingTable,
  secrets: createWebhookSecretSource({ client: createSecretsManagerClient(), secretId: env.secretArn }),
  startRelease: idempotent.start,
  logger,
});

/** API Gateway → router. */
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  idempotent.config.registerLambdaContext(context);
  logger.addContext(context);
  return toApiGatewayResult(await handle(fromApiGatewayEvent(event)));
}
