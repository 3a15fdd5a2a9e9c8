import { decidePullRequest } from './decide-pull-request';
import type { LoggerLike } from './logger-like';
import { parsePullRequestEvent } from './pull-request-event';
import type { RoutingTable } from './routing-table';
import type { WebhookResponse } from './webhook-request';

/**
 * The router's answer to a verified `pull_request` delivery: the decision, logged, and 202. The
 * router starts nothing for pull requests: the check is a CodeBuild pull-request build that
 * GitHub triggers through CodeBuild's own webhook (see `lib/pull-request-checks.ts`). The
 * decision is still computed here, so the router's log and its answer (the webhook's Recent
 * Deliveries) say what the check does with a delivery and why a fork waits for a maintainer.
 * 400 for a malformed payload.
 */
export function pullRequestResponse(
  payload: unknown,
  table: RoutingTable,
  deliveryId: string,
  logger: LoggerLike,
): WebhookResponse {
  const parsed = parsePullRequestEvent(payload);
  if (!parsed.ok)
    return { statusCode: 400, body: { message: `pull_request payload is invalid: ${parsed.problem}` } };
  const decision = decidePullRequest(parsed.event, table);
  logger.info('Pull-request decision', { deliveryId, decision });
  return { statusCode: 202, body: { ...decision } };
}
