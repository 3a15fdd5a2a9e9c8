import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { sendTextMessage } from '../shared/send-text-message';
import { FacebookSecretSource } from './facebook-secret';
import { splitForMessenger, splitForSms } from './message-limits';

/** Sends a reply to a customer on one channel (already split to the channel's limit by the sender). */
export type ReplySender = (customerId: string, text: string) => Promise<void>;

/** A channel refused or failed to deliver a reply. */
export class DeliveryError extends Error {
  constructor(channel: string, detail: string) {
    super(`${channel} delivery failed: ${detail}`);
    this.name = 'DeliveryError';
  }
}

/** Options of {@link smsSender}. */
export interface SmsSenderOptions {
  readonly client: PinpointSMSVoiceV2Client;
  /** The End User Messaging phone number id (`phone-...`) replies are sent from. */
  readonly phoneNumberId: string;
}

/**
 * SMS through AWS End User Messaging SMS with the platform's one sender (`SendTextMessage`,
 * transactional), one text per part of at most `MAX_SMS_SEGMENTS` segments, from the number
 * customers texted. A refusal (opted out, throttled, unknown number) throws a {@link DeliveryError}
 * naming the service's error, so Lambda retries the streamed item.
 */
export function smsSender(options: SmsSenderOptions): ReplySender {
  return async (customerId, text) => {
    for (const part of splitForSms(text)) {
      try {
        await sendTextMessage(options.client, {
          destination: customerId,
          originationIdentity: options.phoneNumberId,
          body: part,
        });
      } catch (err) {
        const e = err as { name?: string; Reason?: string; message?: string };
        throw new DeliveryError('SMS', [e.name, e.Reason, e.message].filter(Boolean).join(' '));
      }
    }
  };
}

/** Options of {@link messengerSender}. */
export interface MessengerSenderOptions {
  /** e.g. `https://graph.facebook.com/v21.0`. */
  readonly graphApiUrl: string;
  readonly secret: FacebookSecretSource;
  /** @default global fetch */
  readonly fetch?: typeof fetch;
  /** Per-request timeout. @default 5000 */
  readonly timeoutMs?: number;
}

/**
 * Messenger through the Send API (`POST /me/messages`, `messaging_type: RESPONSE`), one message
 * per part of at most 2,000 characters. The Page token goes in the Authorization header, never
 * in the URL (URLs end up in logs).
 */
export function messengerSender(options: MessengerSenderOptions): ReplySender {
  const doFetch = options.fetch ?? fetch;
  return async (customerId, text) => {
    const { pageAccessToken } = await options.secret();
    for (const part of splitForMessenger(text)) {
      const res = await doFetch(`${options.graphApiUrl}/me/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${pageAccessToken}` },
        body: JSON.stringify({
          recipient: { id: customerId },
          messaging_type: 'RESPONSE',
          message: { text: part },
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!res.ok) {
        const detail = await res.text().catch(() => '');
        throw new DeliveryError('Messenger', `HTTP ${res.status} ${detail.slice(0, 300)}`);
      }
    }
  };
}
