import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';

/** One transactional text to send through AWS End User Messaging SMS. */
export interface TextMessage {
  /** E.164 number of the recipient. */
  readonly destination: string;
  /** Phone number or pool id (`phone-...`, `pool-...`) or ARN the text is sent from. */
  readonly originationIdentity: string;
  /** The text; End User Messaging splits it into segments (at most 1,600 characters). */
  readonly body: string;
  /** End User Messaging configuration set (event destinations). @default none */
  readonly configurationSet?: string;
}

/**
 * THE SMS sender of the platform (agent guides and messaging channels): `SendTextMessage` of the
 * SMS and Voice v2 API (AWS End User Messaging SMS), transactional, no Amazon Pinpoint application.
 * Shape: `SendTextMessageRequest`/`SendTextMessageResult` in
 * `@aws-sdk/client-pinpoint-sms-voice-v2/dist-types/models/models_0.d.ts`; API reference:
 * https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/API_SendTextMessage.html.
 * Returns the message id; throws the SDK's error (e.g. `ConflictException` with `Reason`
 * `DESTINATION_PHONE_NUMBER_OPTED_OUT`) for the caller to classify.
 */
export async function sendTextMessage(
  client: PinpointSMSVoiceV2Client,
  message: TextMessage,
  abortSignal?: AbortSignal,
): Promise<string> {
  const out = await client.send(
    new SendTextMessageCommand({
      DestinationPhoneNumber: message.destination,
      OriginationIdentity: message.originationIdentity,
      MessageBody: message.body,
      MessageType: 'TRANSACTIONAL',
      ...(message.configurationSet ? { ConfigurationSetName: message.configurationSet } : {}),
    }),
    { abortSignal },
  );
  return out.MessageId ?? '';
}
