import { LogSink } from '../shared/logger';
import { ReplySender } from './channel-senders';
import { Channel } from './inbound-message';
import { SessionStore } from './session-store';
import { decideOutbound, parseStreamedRecord } from './streamed-item';

/** What the outbound handler is built from. */
export interface OutboundHandlerDeps {
  readonly logger: LogSink;
  /** Absent when misconfigured. */
  readonly store?: SessionStore;
  readonly configProblem?: string;
  /** A sender per channel that is on. */
  readonly senders: Partial<Record<Channel, ReplySender>>;
}

/** One SNS event of the streaming topic. */
export interface StreamingEvent {
  readonly Records?: readonly unknown[];
}

/**
 * The outbound function: for each item Connect streamed, delivers agent (and flow) messages to
 * the customer's channel, and deletes the session when the chat ends. Items for chats this
 * bridge does not know are logged and dropped. A failed delivery throws after every record was
 * tried, so Lambda retries the event.
 */
export function createOutboundHandler(deps: OutboundHandlerDeps) {
  const { logger } = deps;
  return async (event: StreamingEvent): Promise<void> => {
    const store = deps.store;
    if (!store)
      throw new Error(`Outbound function misconfigured: ${deps.configProblem ?? 'no session store'}`);
    const failures: string[] = [];
    for (const record of event.Records ?? []) {
      const item = parseStreamedRecord(record);
      if (!item) {
        logger.warn('Streamed record not understood; dropped', {});
        continue;
      }
      const decision = decideOutbound(item);
      if (decision.kind === 'ignore') continue;
      try {
        const session = await store.findByContactId(decision.contactId);
        if (!session) {
          logger.warn('No session for the contact; dropped', {
            contactId: decision.contactId,
            kind: decision.kind,
          });
          continue;
        }
        if (decision.kind === 'end') {
          await store.deleteSession(session.key, session.contactId);
          logger.info('Chat ended; session deleted', {
            contactId: session.contactId,
            channel: session.channel,
          });
          continue;
        }
        const send = deps.senders[session.channel];
        if (!send) {
          logger.error('Reply for a channel that is off; dropped', { channel: session.channel });
          continue;
        }
        await send(session.customerId, decision.text);
        logger.info('Reply delivered', { contactId: session.contactId, channel: session.channel });
      } catch (err) {
        logger.error('Reply not delivered', { contactId: decision.contactId, error: (err as Error).message });
        failures.push((err as Error).message);
      }
    }
    if (failures.length > 0)
      throw new Error(`${failures.length} streamed item(s) failed: ${failures.join('; ')}`);
  };
}
