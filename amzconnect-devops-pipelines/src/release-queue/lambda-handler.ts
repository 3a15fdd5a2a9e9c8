import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { createCodePipelineClient, createDynamoDbClient, createSnsClient } from '../router/aws-clients';
import { createQueueEventHandler } from './handle-queue-event';
import { parseQueueEnvironment } from './lambda-environment';
import { createSnsNotifier } from './notifier';
import { createCodePipelineOperations } from './pipeline-operations';
import { createReleaseQueue } from './release-queue';
import { createDynamoDbQueueStore } from './queue-store';

// Init, once per execution environment: a bad environment fails here with a clear message.
const env = parseQueueEnvironment(process.env);
const logger = new Logger({ serviceName: 'release-queue' });
const handle = createQueueEventHandler({
  queue: createReleaseQueue({
    store: createDynamoDbQueueStore(createDynamoDbClient(), env.table),
    pipelines: createCodePipelineOperations(createCodePipelineClient()),
    notify: createSnsNotifier(createSnsClient(), env.topicArn),
    logger,
  }),
  routingTable: env.routingTable,
  logger,
  writeMetric: (line) => process.stdout.write(`${line}\n`),
  now: Date.now,
});

/** EventBridge (pipeline state changes, the periodic check) → the environment's release queue. */
export async function handler(event: unknown, context: Context): Promise<unknown> {
  logger.addContext(context);
  return handle(event);
}
