import { LogSink } from '../shared/logger';
import { FacebookSecretSource } from './facebook-secret';
import { isWellFormedSignature, verifyFacebookSignature } from './facebook-signature';
import { NotAPageEventError, parseFacebookWebhook } from './facebook-webhook-event';
import { fromHttpApiEvent, HttpResponse, isHttpApiEvent, jsonResponse } from './http-request';
import { InboundMessage } from './inbound-message';
import { ConversationBusyError, InboundOutcome } from './process-inbound-message';
import { isSnsEvent, ParsedInbound, parseSmsEvent } from './sms-inbound-event';

/** What the inbound handler is built from. */
export interface InboundHandlerDeps {
  readonly logger: LogSink;
  /** Bridges one message (processInboundMessage with its store and gateway); absent when misconfigured. */
  readonly process?: (message: InboundMessage) => Promise<InboundOutcome>;
  /** Why the function cannot process messages, when it cannot. */
  readonly configProblem?: string;
  /** Our SMS number, when SMS is on. */
  readonly smsNumber?: string;
  /** The Facebook app secret, when Messenger is on. */
  readonly facebookSecret?: FacebookSecretSource;
}

/**
 * The inbound function, for both channels: SNS deliveries of two-way SMS, and Messenger webhook
 * POSTs through the HTTP API. For Messenger, the signature is checked before anything else
 * (a malformed header is refused before the secret is even read), and bad input is answered
 * with a 4xx, never a 5xx; a 5xx only means a valid delivery could not be bridged yet, so that
 * Facebook redelivers it (redeliveries of processed messages are dropped by message id).
 */
export function createInboundHandler(deps: InboundHandlerDeps) {
  const { logger } = deps;

  async function bridge(parsed: ParsedInbound, channel: string) {
    for (const s of parsed.skipped) logger.info('Record skipped', { channel, ...s });
    const counts: Record<InboundOutcome, number> = {
      'sent-to-new-chat': 0,
      'sent-to-existing-chat': 0,
      duplicate: 0,
    };
    if (!deps.process)
      throw new Error(`Inbound function misconfigured: ${deps.configProblem ?? 'no processor'}`);
    for (const m of parsed.messages) counts[await deps.process(m)]++;
    return counts;
  }

  async function onSms(event: { Records: unknown[] }): Promise<void> {
    if (!deps.smsNumber) {
      logger.error('SMS event received but SMS is off for this environment', {});
      return;
    }
    const counts = await bridge(parseSmsEvent(event, deps.smsNumber), 'sms');
    logger.info('SMS event handled', counts);
  }

  async function onFacebook(event: unknown): Promise<HttpResponse> {
    const request = fromHttpApiEvent(event);
    if (request.method !== 'POST') return jsonResponse(405, { error: 'method not allowed' });
    const signature = request.headers['x-hub-signature-256'];
    if (!isWellFormedSignature(signature)) {
      logger.warn('Messenger request refused: signature missing or malformed', {});
      return jsonResponse(401, { error: 'invalid signature' });
    }
    if (!deps.facebookSecret) return jsonResponse(404, { error: 'Messenger is not enabled' });
    let secrets: string[];
    try {
      const s = await deps.facebookSecret();
      secrets = [s.appSecret, ...(s.previousAppSecret ? [s.previousAppSecret] : [])];
    } catch (err) {
      logger.error('Cannot read the Facebook secret', { error: (err as Error).message });
      return jsonResponse(500, { error: 'unavailable' });
    }
    if (!verifyFacebookSignature(request.body, signature, secrets)) {
      logger.warn('Messenger request refused: signature does not match', {});
      return jsonResponse(401, { error: 'invalid signature' });
    }
    let parsed: ParsedInbound;
    try {
      parsed = parseFacebookWebhook(request.body);
    } catch (err) {
      if (!(err instanceof NotAPageEventError)) throw err;
      logger.warn('Messenger request refused', { reason: err.message });
      return jsonResponse(400, { error: err.message });
    }
    try {
      const counts = await bridge(parsed, 'facebook');
      logger.info('Messenger delivery handled', counts);
      return jsonResponse(200, { ...counts, skipped: parsed.skipped.length });
    } catch (err) {
      const busy = err instanceof ConversationBusyError;
      logger[busy ? 'warn' : 'error']('Messenger delivery not bridged; Facebook will redeliver', {
        error: (err as Error).name,
        message: (err as Error).message,
      });
      return jsonResponse(busy ? 503 : 500, { error: 'not processed; retry' });
    }
  }

  return async (event: unknown): Promise<HttpResponse | void> => {
    if (isHttpApiEvent(event)) return onFacebook(event);
    if (isSnsEvent(event)) return onSms(event);
    logger.warn('Unknown event ignored', {});
  };
}
