import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { sendTextMessage } from '../shared/send-text-message';
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
 * Sends the cancellation notice as a transactional text from the configured origination identity
 * (the platform's one SMS sender). Returns the message id; throws the SDK's error.
 */
export function sendNoticeSms(
  client: PinpointSMSVoiceV2Client,
  sender: SmsSender,
  request: SendSmsRequest,
  abortSignal?: AbortSignal,
): Promise<string> {
  return sendTextMessage(
    client,
    {
      destination: request.toNumber,
      originationIdentity: sender.originationIdentity,
      body: renderNotice(sender.messageTemplate, request.fields),
      configurationSet: sender.configurationSet,
    },
    abortSignal,
  );
}
