/** One item Connect streamed to the outbound topic, as the outbound function needs it. */
export interface StreamedItem {
  /** `MESSAGE` or `EVENT` (SNS attribute `Type`). */
  readonly type: string;
  /** e.g. `text/plain`, `application/vnd.amazonaws.connect.event.chat.ended`. */
  readonly contentType: string;
  /** `AGENT`, `CUSTOMER`, `SYSTEM`, `CUSTOM_BOT` (SNS attribute `ParticipantRole`). */
  readonly participantRole: string;
  /** `CUSTOMER`, `AGENT` or `ALL` (SNS attribute `MessageVisibility`); empty when absent. */
  readonly visibility: string;
  /** The chat's first contact: the one the session was recorded under. */
  readonly initialContactId: string;
  readonly contactId: string;
  /** The message text (`Content` of the SNS message body). */
  readonly content: string;
}

/** What to do with a streamed item. */
export type OutboundDecision =
  | { readonly kind: 'deliver'; readonly contactId: string; readonly text: string }
  | { readonly kind: 'end'; readonly contactId: string }
  | { readonly kind: 'ignore'; readonly reason: string };

/** Content type of the event Connect streams when a chat ends. */
export const CHAT_ENDED = 'application/vnd.amazonaws.connect.event.chat.ended';

const DELIVERED_CONTENT_TYPES = ['text/plain', 'text/markdown'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an SNS record of the streaming topic; undefined when it is not shaped like one. */
export function parseStreamedRecord(record: unknown): StreamedItem | undefined {
  const sns = isRecord(record) && isRecord(record.Sns) ? record.Sns : undefined;
  if (!sns) return undefined;
  const attrs = isRecord(sns.MessageAttributes) ? sns.MessageAttributes : {};
  const attr = (name: string) => {
    const a = attrs[name];
    return isRecord(a) && typeof a.Value === 'string' ? a.Value : '';
  };
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = typeof sns.Message === 'string' ? JSON.parse(sns.Message) : undefined;
    if (isRecord(parsed)) body = parsed;
  } catch {
    return undefined;
  }
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const initialContactId = attr('InitialContactId') || text('InitialContactId');
  const contactId = attr('ContactId') || text('ContactId');
  if (!initialContactId && !contactId) return undefined;
  return {
    type: attr('Type') || text('Type'),
    contentType: attr('ContentType') || text('ContentType'),
    participantRole: attr('ParticipantRole') || text('ParticipantRole'),
    visibility: attr('MessageVisibility'),
    initialContactId: initialContactId || contactId,
    contactId: contactId || initialContactId,
    content: text('Content'),
  };
}

/**
 * Connect's rule for customer-facing code: deliver messages visible to the customer
 * (`MessageVisibility` CUSTOMER or ALL) that the customer did not write; end the session on the
 * chat-ended event; ignore the rest (typing, joins, the customer's own messages echoed back).
 */
export function decideOutbound(item: StreamedItem): OutboundDecision {
  if (item.type === 'EVENT' && item.contentType === CHAT_ENDED)
    return { kind: 'end', contactId: item.initialContactId };
  if (item.type !== 'MESSAGE')
    return { kind: 'ignore', reason: `${item.type || 'untyped'} ${item.contentType}` };
  if (item.participantRole === 'CUSTOMER') return { kind: 'ignore', reason: "the customer's own message" };
  if (item.visibility !== '' && item.visibility !== 'CUSTOMER' && item.visibility !== 'ALL')
    return { kind: 'ignore', reason: `visible to ${item.visibility} only` };
  if (!DELIVERED_CONTENT_TYPES.includes(item.contentType))
    return { kind: 'ignore', reason: `content type ${item.contentType} is not sent to the channel` };
  if (item.content.trim() === '') return { kind: 'ignore', reason: 'empty message' };
  return { kind: 'deliver', contactId: item.initialContactId, text: item.content };
}
