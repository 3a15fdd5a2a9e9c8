import { parseRoutingTable, ROUTING_TABLE_ENV, RoutingTable } from '../router/routing-table';

/** Environment variables of the release-queue function, set by the `ReleaseQueue` construct. */
export const QUEUE_ENV = {
  routingTable: ROUTING_TABLE_ENV,
  table: 'RELEASE_QUEUE_TABLE',
  topicArn: 'NOTIFICATION_TOPIC_ARN',
} as const;

/** The queue function's settings, parsed once at init. */
export interface QueueLambdaEnvironment {
  readonly routingTable: RoutingTable;
  readonly table: string;
  readonly topicArn: string;
}

/**
 * Reads and checks the queue function's environment.
 * @throws Error naming the variable and the fix
 */
export function parseQueueEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): QueueLambdaEnvironment {
  const required = (name: string): string => {
    const v = env[name];
    if (!v)
      throw new Error(`${name} is not set; the ReleaseQueue construct sets it: redeploy the tooling stack.`);
    return v;
  };
  return {
    routingTable: parseRoutingTable(env[QUEUE_ENV.routingTable]),
    table: required(QUEUE_ENV.table),
    topicArn: required(QUEUE_ENV.topicArn),
  };
}
