import { LogSink } from '../shared/logger';
import { FacebookSecretSource } from './facebook-secret';
import { fromHttpApiEvent, HttpResponse, jsonResponse, textResponse } from './http-request';
import { decideChallenge } from './verification-challenge';

/** What the health-check handler is built from. */
export interface HealthCheckDeps {
  readonly logger: LogSink;
  /** The Facebook secret (for `verifyToken`), when Messenger is on. */
  readonly facebookSecret?: FacebookSecretSource;
}

/**
 * GET on the Facebook endpoint: answers Facebook's subscription verification with the challenge
 * when the verify token matches (403 otherwise), and a plain health check (no `hub.*`) with 200.
 */
export function createHealthCheckHandler(deps: HealthCheckDeps) {
  return async (event: unknown): Promise<HttpResponse> => {
    const request = fromHttpApiEvent(event);
    const hasHub = Object.keys(request.query).some((k) => k.startsWith('hub.'));
    if (!hasHub) return jsonResponse(200, { status: 'ok' });
    if (!deps.facebookSecret) return jsonResponse(404, { error: 'Messenger is not enabled' });
    let verifyToken: string;
    try {
      verifyToken = (await deps.facebookSecret()).verifyToken;
    } catch (err) {
      deps.logger.error('Cannot read the Facebook secret', { error: (err as Error).message });
      return jsonResponse(503, { status: 'unavailable' });
    }
    const answer = decideChallenge(request.query, verifyToken);
    if (answer.kind === 'challenge') {
      deps.logger.info('Webhook subscription verified', {});
      return textResponse(200, answer.challenge);
    }
    deps.logger.warn('Webhook verification refused', { mode: request.query['hub.mode'] ?? '' });
    return jsonResponse(403, { error: 'verification refused' });
  };
}
