import { InboundMessage } from './inbound-message';
import { ParsedInbound, SkippedRecord } from './sms-inbound-event';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a verified body is not a Messenger webhook. */
export class NotAPageEventError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotAPageEventError';
  }
}

/**
 * Parses a verified Messenger webhook body (`{ "object": "page", "entry": [{ "id": <page id>,
 * "messaging": [{ "sender": { "id": <PSID> }, "recipient": { "id": <page id> }, "message": {
 * "mid", "text" } }] }] }`) into messages. Echoes of the page's own replies, deliveries, reads and
 * messages without text (attachments, stickers) are skipped with a reason.
 * @throws NotAPageEventError when the body is not JSON or not a page event
 */
export function parseFacebookWebhook(rawBody: Buffer): ParsedInbound {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new NotAPageEventError('body is not JSON');
  }
  if (!isRecord(body) || body.object !== 'page' || !Array.isArray(body.entry))
    throw new NotAPageEventError('not a Messenger page event ("object": "page" with "entry")');
  const messages: InboundMessage[] = [];
  const skipped: SkippedRecord[] = [];
  for (const entry of body.entry) {
    const events = isRecord(entry) && Array.isArray(entry.messaging) ? entry.messaging : [];
    for (const ev of events) {
      const parsed = parseMessagingEvent(ev);
      if ('reason' in parsed) skipped.push(parsed);
      else messages.push(parsed);
    }
  }
  return { messages, skipped };
}

function parseMessagingEvent(ev: unknown): InboundMessage | SkippedRecord {
  if (!isRecord(ev)) return { reason: 'messaging event is not an object' };
  const sender = isRecord(ev.sender) ? ev.sender.id : undefined;
  const recipient = isRecord(ev.recipient) ? ev.recipient.id : undefined;
  const message = isRecord(ev.message) ? ev.message : undefined;
  if (!message) return { reason: 'not a message (delivery, read or postback)' };
  const mid = typeof message.mid === 'string' ? message.mid : undefined;
  if (!mid) return { reason: 'message without mid' };
  if (message.is_echo === true) return { reason: 'echo of a page message', messageId: mid };
  if (typeof sender !== 'string' || typeof recipient !== 'string')
    return { reason: 'sender or recipient id missing', messageId: mid };
  if (typeof message.text !== 'string' || message.text.trim() === '')
    return { reason: 'message without text (attachment or sticker)', messageId: mid };
  return {
    channel: 'facebook',
    customerId: sender,
    businessId: recipient,
    messageId: mid,
    text: message.text,
  };
}
