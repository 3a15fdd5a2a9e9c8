import { PinpointClient, SendMessagesCommand } from '@aws-sdk/client-pinpoint';
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
  readonly client: PinpointClient;
  readonly applicationId: string;
  readonly originationNumber: string;
}

/**
 * SMS through End User Messaging (Pinpoint `SendMessages`, transactional), one text per part of
 * at most `MAX_SMS_SEGMENTS` segments. A per-address status other than SUCCESSFUL is an error.
 */
export function smsSender(options: SmsSenderOptions): ReplySender {
  return async (customerId, text) => {
    for (const part of splitForSms(text)) {
      const out = await options.client.send(
        new SendMessagesCommand({
          ApplicationId: options.applicationId,
          MessageRequest: {
            Addresses: { [customerId]: { ChannelType: 'SMS' } },
            MessageConfiguration: {
              SMSMessage: {
                Body: part,
                MessageType: 'TRANSACTIONAL',
                OriginationNumber: options.originationNumber,
              },
            },
          },
        }),
      );
      const result = out.MessageResponse?.Result?.[customerId];
      if (result?.DeliveryStatus !== 'SUCCESSFUL')
        throw new DeliveryError(
          'SMS',
          `${result?.DeliveryStatus ?? 'no result'} ${result?.StatusCode ?? ''} ${result?.StatusMessage ?? ''}`.trim(),
        );
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
