import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { renderNotice } from './notice-fields';
import { SendSmsRequest } from './send-sms-request';

/** What {@link sendNoticeSms} needs from the configuration (checked complete by the handler). */
export interface SmsSender {
  /** Id or ARN of the phone number or pool the text is sent from. */
  readonly originationIdentity: string;
  readonly messageTemplate: string;
  readonly configurationSet?: string;
}

/**
 * Sends the cancellation notice as a transactional text from the configured origination identity.
 * Returns the message id; throws the SDK's error.
 */
export async function sendNoticeSms(
  client: PinpointSMSVoiceV2Client,
  sender: SmsSender,
  request: SendSmsRequest,
  abortSignal?: AbortSignal,
): Promise<string> {
  const out = await client.send(
    new SendTextMessageCommand({
      DestinationPhoneNumber: request.toNumber,
      OriginationIdentity: sender.originationIdentity,
      MessageBody: renderNotice(sender.messageTemplate, request.fields),
      MessageType: 'TRANSACTIONAL',
      ...(sender.configurationSet ? { ConfigurationSetName: sender.configurationSet } : {}),
    }),
    { abortSignal },
  );
  return out.MessageId ?? '';
}
