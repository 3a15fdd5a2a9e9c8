import { parseRoutingTable, ROUTING_TABLE_ENV, RoutingTable } from './routing-table';

/** Environment variables of the router Lambda, set by the `WebhookRouter` construct. */
export const ROUTER_ENV = {
  routingTable: ROUTING_TABLE_ENV,
  secretArn: 'WEBHOOK_SECRET_ARN',
  idempotencyTable: 'IDEMPOTENCY_TABLE_NAME',
  queueTable: 'RELEASE_QUEUE_TABLE',
  previousSecretWindowSeconds: 'PREVIOUS_SECRET_WINDOW_SECONDS',
} as const;

/** The router Lambda's settings, parsed once at init. */
export interface RouterLambdaEnvironment {
  readonly routingTable: RoutingTable;
  readonly secretArn: string;
  readonly idempotencyTable: string;
  readonly queueTable: string;
  /** How long after a rotation the previous secret is still accepted, in ms. */
  readonly previousSecretWindowMs: number;
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
  const seconds = (name: string): number => {
    const v = Number(required(name));
    if (!Number.isInteger(v) || v < 0)
      throw new Error(
        `${name} must be a whole number of seconds; the WebhookRouter construct sets it: redeploy the tooling stack.`,
      );
    return v;
  };
  return {
    routingTable: parseRoutingTable(env[ROUTER_ENV.routingTable]),
    secretArn: required(ROUTER_ENV.secretArn),
    idempotencyTable: required(ROUTER_ENV.idempotencyTable),
    queueTable: required(ROUTER_ENV.queueTable),
    previousSecretWindowMs: seconds(ROUTER_ENV.previousSecretWindowSeconds) * 1000,
  };
}
