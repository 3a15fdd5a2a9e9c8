import { InboundMessage } from './inbound-message';

/** A record that was not turned into a message, and why. */
export interface SkippedRecord {
  readonly reason: string;
  readonly messageId?: string;
}

/** Messages and skipped records of one event. */
export interface ParsedInbound {
  readonly messages: readonly InboundMessage[];
  readonly skipped: readonly SkippedRecord[];
}

const E164 = /^\+[1-9]\d{1,14}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a Lambda event is an SNS delivery (`Records[].EventSource === 'aws:sns'`). */
export function isSnsEvent(event: unknown): event is { Records: unknown[] } {
  return (
    isRecord(event) &&
    Array.isArray(event.Records) &&
    event.Records.length > 0 &&
    event.Records.every((r) => isRecord(r) && r.EventSource === 'aws:sns')
  );
}

/**
 * Parses the two-way SMS messages End User Messaging publishes to the inbound topic (one JSON
 * object per SNS message: `originationNumber` is the customer, `destinationNumber` ours,
 * `messageBody`, `inboundMessageId`). Messages to another number than `ourNumber`, blank
 * messages and anything malformed are skipped with a reason, never thrown.
 */
export function parseSmsEvent(event: { Records: unknown[] }, ourNumber: string): ParsedInbound {
  const messages: InboundMessage[] = [];
  const skipped: SkippedRecord[] = [];
  for (const record of event.Records) {
    const text = isRecord(record) && isRecord(record.Sns) ? record.Sns.Message : undefined;
    let body: unknown;
    try {
      body = typeof text === 'string' ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!isRecord(body)) {
      skipped.push({ reason: 'SNS message is not a JSON object' });
      continue;
    }
    const { originationNumber, destinationNumber, messageBody, inboundMessageId } = body;
    const messageId = typeof inboundMessageId === 'string' ? inboundMessageId : undefined;
    if (!messageId) skipped.push({ reason: 'no inboundMessageId' });
    else if (typeof originationNumber !== 'string' || !E164.test(originationNumber))
      skipped.push({ reason: 'originationNumber is not an E.164 number', messageId });
    else if (destinationNumber !== ourNumber)
      skipped.push({ reason: `sent to ${String(destinationNumber)}, not to ${ourNumber}`, messageId });
    else if (typeof messageBody !== 'string' || messageBody.trim() === '')
      skipped.push({ reason: 'empty message body', messageId });
    else
      messages.push({
        channel: 'sms',
        customerId: originationNumber,
        businessId: ourNumber,
        messageId,
        text: messageBody,
      });
  }
  return { messages, skipped };
}
