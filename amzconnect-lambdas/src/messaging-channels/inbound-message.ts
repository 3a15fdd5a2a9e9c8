/** The two messaging channels bridged to Amazon Connect chat. */
export type Channel = 'sms' | 'facebook';

/**
 * The value of the channel attribute chats are started with, by channel. The attribute is set
 * twice: `chatframework_Channel`, the name of the reference solution (flows written for it branch
 * on `$.Attributes.chatframework_Channel`), and `Channel` beside it.
 */
/** The reference solution's name of the channel attribute. */
export const REFERENCE_CHANNEL_ATTRIBUTE = 'chatframework_Channel';

export const CHANNEL_ATTRIBUTE: Readonly<Record<Channel, string>> = { sms: 'SMS', facebook: 'FACEBOOK' };

/** One customer message received on a channel, in the form every channel is parsed into. */
export interface InboundMessage {
  readonly channel: Channel;
  /** The customer on the channel: an E.164 number (SMS) or a page-scoped id (Messenger PSID). */
  readonly customerId: string;
  /** Our side of the conversation: the origination number (SMS) or the Facebook Page id. */
  readonly businessId: string;
  /** The vendor's id of this message (`inboundMessageId`, Messenger `mid`), used to drop redeliveries. */
  readonly messageId: string;
  /** The text the customer wrote. */
  readonly text: string;
}

/** The session key of a conversation: one chat at a time per channel, business side and customer. */
export function conversationKey(m: Pick<InboundMessage, 'channel' | 'businessId' | 'customerId'>): string {
  return `session#${m.channel}#${m.businessId}#${m.customerId}`;
}

/** The key that marks a vendor message id as received. */
export function messageKey(m: Pick<InboundMessage, 'channel' | 'messageId'>): string {
  return `message#${m.channel}#${m.messageId}`;
}
