import { LogSink } from '../shared/logger';
import { ActiveSession, CHAT_DURATION_MINUTES, decideSession } from './chat-session';
import { ChatEndedError, ChatGateway, clientTokenFor } from './connect-chat';
import {
  CHANNEL_ATTRIBUTE,
  conversationKey,
  InboundMessage,
  messageKey,
  REFERENCE_CHANNEL_ATTRIBUTE,
} from './inbound-message';
import { splitForConnect } from './message-limits';
import { SessionStore } from './session-store';

/** What processing one inbound message needs. */
export interface InboundDeps {
  readonly store: SessionStore;
  readonly chat: ChatGateway;
  readonly logger: LogSink;
  /** @default Date.now */
  readonly now?: () => number;
}

/** How an inbound message was handled. */
export type InboundOutcome = 'sent-to-new-chat' | 'sent-to-existing-chat' | 'duplicate';

/** Another invocation is starting this conversation's chat; the message is retried later. */
export class ConversationBusyError extends Error {
  constructor(key: string) {
    super(`A chat is being started for ${key}; retry the message later.`);
    this.name = 'ConversationBusyError';
  }
}

/**
 * Bridges one customer message to Connect chat: drops a redelivery (message id already recorded),
 * sends to the conversation's chat, or starts a chat (streaming to the outbound topic, customer
 * connected) and records the session. A chat found ended is replaced by a new one, once. On any
 * failure the message id is forgotten again, so the vendor's redelivery is processed.
 */
export async function processInboundMessage(
  message: InboundMessage,
  deps: InboundDeps,
): Promise<InboundOutcome> {
  const now = deps.now ?? Date.now;
  const mKey = messageKey(message);
  if (!(await deps.store.claimMessage(mKey, now()))) {
    deps.logger.info('Duplicate delivery ignored', {
      channel: message.channel,
      messageId: message.messageId,
    });
    return 'duplicate';
  }
  try {
    return await deliver(message, deps, now);
  } catch (err) {
    await deps.store.releaseMessage(mKey).catch(() => undefined);
    throw err;
  }
}

async function deliver(
  message: InboundMessage,
  deps: InboundDeps,
  now: () => number,
): Promise<InboundOutcome> {
  const key = conversationKey(message);
  const parts = splitForConnect(message.text);
  const decision = decideSession(await deps.store.getSession(key), now());
  if (decision.kind === 'wait') throw new ConversationBusyError(key);
  if (decision.kind === 'reuse') {
    try {
      await sendParts(deps.chat, decision.session.connectionToken, parts);
      deps.logger.info('Message sent to the chat', {
        channel: message.channel,
        contactId: decision.session.contactId,
      });
      return 'sent-to-existing-chat';
    } catch (err) {
      if (!(err instanceof ChatEndedError)) throw err;
      deps.logger.info('Chat had ended; starting a new one', {
        channel: message.channel,
        contactId: decision.session.contactId,
      });
      await deps.store.deleteSession(key, decision.session.contactId);
    }
  }
  const session = await startSession(message, key, deps, now);
  await sendParts(deps.chat, session.connectionToken, parts);
  deps.logger.info('Chat started', { channel: message.channel, contactId: session.contactId });
  return 'sent-to-new-chat';
}

async function startSession(
  message: InboundMessage,
  key: string,
  deps: InboundDeps,
  now: () => number,
): Promise<ActiveSession> {
  if (!(await deps.store.claimStart(key, now()))) throw new ConversationBusyError(key);
  try {
    const started = await deps.chat.startChat({
      displayName: displayName(message),
      attributes: {
        [REFERENCE_CHANNEL_ATTRIBUTE]: CHANNEL_ATTRIBUTE[message.channel],
        Channel: CHANNEL_ATTRIBUTE[message.channel],
        CustomerId: message.customerId,
        BusinessId: message.businessId,
      },
      clientToken: clientTokenFor(messageKey(message)),
    });
    const startedAt = now();
    const session: ActiveSession = {
      state: 'active',
      key,
      channel: message.channel,
      customerId: message.customerId,
      businessId: message.businessId,
      contactId: started.contactId,
      connectionToken: started.connectionToken,
      streamingId: started.streamingId,
      startedAt: new Date(startedAt).toISOString(),
      expiresAt: Math.floor(startedAt / 1000) + CHAT_DURATION_MINUTES * 60,
    };
    await deps.store.saveSession(session);
    return session;
  } catch (err) {
    await deps.store.releaseStart(key).catch(() => undefined);
    throw err;
  }
}

async function sendParts(
  chat: ChatGateway,
  connectionToken: string,
  parts: readonly string[],
): Promise<void> {
  for (const part of parts) await chat.sendMessage(connectionToken, part);
}

/** The name agents see: the number for SMS; Messenger ids mean nothing to a person. */
export function displayName(message: Pick<InboundMessage, 'channel' | 'customerId'>): string {
  return message.channel === 'sms' ? `SMS ${message.customerId}` : 'Messenger customer';
}
