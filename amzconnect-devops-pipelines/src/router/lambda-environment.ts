import { parseRoutingTable, ROUTING_TABLE_ENV, RoutingTable } from './routing-table';

/** Environment variables of the router Lambda, set by the `WebhookRouter` construct. */
export const ROUTER_ENV = {
  routingTable: ROUTING_TABLE_ENV,
  secretArn: 'WEBHOOK_SECRET_ARN',
  idempotencyTable: 'IDEMPOTENCY_TABLE_NAME',
} as const;

/** The router Lambda's settings, parsed once at init. */
export interface RouterLambdaEnvironment {
  readonly routingTable: RoutingTable;
  readonly secretArn: string;
  readonly idempotencyTable: string;
}

/**
 * Reads and checks the router Lambda's environment.
 * @throws Error naming the variable and the fix
 */
export function parseRouterEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): RouterLambdaEnvironment {
  const required = (name: string): string => {
    const v = env[name];
    if (!v)
      throw new Error(`${name} is not set; the WebhookRouter construct sets it: redeploy the tooling stack.`);
    return v;
  };
  return {
    routingTable: parseRoutingTable(env[ROUTER_ENV.routingTable]),
    secretArn: required(ROUTER_ENV.secretArn),
    idempotencyTable: required(ROUTER_ENV.idempotencyTable),
  };
}
