import { IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { decideRoute, RouteDecision } from './decide-route';
import type { LoggerLike } from './logger-like';
import type { ReleaseStarter } from './release-starter';
import { pullRequestResponse } from './pull-request-response';
import { routeInputFor } from './route-input';
import type { RoutingTable } from './routing-table';
import { verifySignature } from './verify-signature';
import type { WebhookSecretSource } from './webhook-secret-source';
import { headerValue, WebhookRequest, WebhookResponse } from './webhook-request';

/** Largest body the router accepts, in bytes. Lambda's synchronous payload limit is 6 MB. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** What the webhook handler needs; every dependency is passed in. */
export interface WebhookHandlerDeps {
  readonly routingTable: RoutingTable;
  readonly secrets: WebhookSecretSource;
  readonly startRelease: ReleaseStarter;
  readonly logger: LoggerLike;
  /** @default DEFAULT_MAX_BODY_BYTES */
  readonly maxBodyBytes?: number;
}

/** Handles one verified-or-not webhook request. Never throws. */
export type WebhookHandler = (request: WebhookRequest) => Promise<WebhookResponse>;

const reply = (statusCode: number, body: Record<string, unknown>): WebhookResponse => ({ statusCode, body });
const problem = (statusCode: number, message: string): WebhookResponse => reply(statusCode, { message });

/**
 * Builds the webhook handler: verify the signature on the raw body first (401 without parsing
 * anything), then size (413), JSON or form-encoded `payload=` (400), headers (400), routing; `ping` gets
 * 200, ignored deliveries 202 with the reason, started releases 200 with plan, commit and reason.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandler {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { logger } = deps;

  return async (request) => {
    try {
      const signature = headerValue(request, 'x-hub-signature-256');
      if (!signature) {
        return problem(401, 'Missing X-Hub-Signature-256 header: set a secret on the GitHub webhook.');
      }
      let secrets: readonly string[];
      try {
        secrets = await deps.secrets();
      } catch (err) {
        logger.error('Cannot read the webhook secret', { error: String(err) });
        return problem(
          503,
          'The webhook secret cannot be read right now; GitHub can redeliver this delivery later.',
        );
      }
      if (secrets.length === 0) {
        logger.error('The webhook secret is empty');
        return problem(503, 'The webhook secret is not set; see amzconnect-devops-pipelines/ROUTER.md.');
      }
      const text = request.body.toString('utf8');
      if (!(await verifySignature(text, signature, secrets))) {
        logger.warn('Rejected a delivery with an invalid signature', {
          deliveryId: headerValue(request, 'x-github-delivery') ?? null,
        });
        return problem(
          401,
          'Signature does not match: the GitHub webhook secret differs from the router secret (Secrets Manager, or GITHUB_WEBHOOK_SECRET locally).',
        );
      }

      // Verified: from here on the sender is GitHub (or someone holding the secret).
      if (request.body.length > maxBodyBytes) {
        return problem(
          413,
          `Payload of ${request.body.length} bytes exceeds the ${maxBodyBytes}-byte limit.`,
        );
      }
      const contentType = headerValue(request, 'content-type') ?? '';
      let json = text;
      if (/application\/x-www-form-urlencoded/i.test(contentType)) {
        // GitHub's form content type sends the JSON as the `payload` field; the signature covers the
        // raw form body, which was verified above (docs.github.com, "Creating webhooks": content type).
        const field = new URLSearchParams(text).get('payload');
        if (field === null) return problem(400, 'Form-encoded body has no "payload" field.');
        json = field;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(json);
      } catch {
        return problem(400, 'Body is not JSON: set the webhook content type to application/json.');
      }
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
        return problem(400, 'Body must be a JSON object.');
      }
      const eventName = headerValue(request, 'x-github-event');
      if (!eventName) return problem(400, 'Missing X-GitHub-Event header.');
      const deliveryId = headerValue(request, 'x-github-delivery');
      if (!deliveryId) return problem(400, 'Missing X-GitHub-Delivery header.');

      if (eventName === 'pull_request')
        return pullRequestResponse(payload, deps.routingTable, deliveryId, logger);
      const input = routeInputFor(eventName, payload);
      if (!input.ok) return problem(400, input.problem);
      const decision = decideRoute(input.input, deps.routingTable);
      logger.info('Routing decision', { deliveryId, decision });
      return await act(decision, deliveryId, deps);
    } catch (err) {
      logger.error('Unexpected error while handling a webhook', { error: String(err) });
      return problem(500, 'Unexpected error; see the router logs.');
    }
  };
}

async function act(
  decision: RouteDecision,
  deliveryId: string,
  deps: WebhookHandlerDeps,
): Promise<WebhookResponse> {
  if (decision.action === 'pong') return reply(200, { ...decision });
  if (decision.action === 'ignore' || decision.commit === null) return reply(202, { ...decision });
  try {
    const result = await deps.startRelease({
      deliveryId,
      commit: decision.commit,
      before: decision.before ?? '',
      pushedAt: decision.pushedAt,
      environment: decision.environment,
      subprojects: decision.subprojects,
      order: decision.order,
      selfUpdate: decision.selfUpdate,
    });
    deps.logger.info(
      result.replayed ? 'Delivery already handled; nothing started again' : 'Release started',
      {
        deliveryId,
        commit: decision.commit,
        started: result.started,
      },
    );
    // A push the release queue refused (late or replayed) and that starts nothing else: 202.
    const refused = result.queue?.outcome === 'refused' && result.started.length === 0;
    return reply(refused ? 202 : 200, {
      ...decision,
      ...(refused ? { action: 'ignore' } : {}),
      started: result.started,
      replayed: result.replayed,
      ...(result.queue ? { queue: result.queue } : {}),
    });
  } catch (err) {
    if (err instanceof IdempotencyAlreadyInProgressError) {
      return problem(409, `Delivery ${deliveryId} is already being handled.`);
    }
    deps.logger.error('Starting pipelines failed', { deliveryId, error: String(err) });
    return reply(503, {
      ...decision,
      message: `Starting pipelines failed (${err instanceof Error ? err.name : 'error'}); redeliver the delivery from GitHub to retry.`,
    });
  }
}
