import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SendEmailRequest } from './send-email-request';

/** What {@link sendNoticeEmail} needs from the configuration (checked complete by the handler). */
export interface EmailSender {
  readonly fromAddress: string;
  readonly template: string;
  readonly configurationSet?: string;
}

/**
 * Sends the cancellation notice with the SES template; the notice fields are the template data.
 * Returns the SES message id; throws the SDK's error.
 */
export async function sendNoticeEmail(
  client: SESv2Client,
  sender: EmailSender,
  request: SendEmailRequest,
  abortSignal?: AbortSignal,
): Promise<string> {
  const out = await client.send(
    new SendEmailCommand({
      FromEmailAddress: sender.fromAddress,
      Destination: { ToAddresses: [request.toAddress] },
      Content: { Template: { TemplateName: sender.template, TemplateData: JSON.stringify(request.fields) } },
      ...(sender.configurationSet ? { ConfigurationSetName: sender.configurationSet } : {}),
    }),
    { abortSignal },
  );
  return out.MessageId ?? '';
}
