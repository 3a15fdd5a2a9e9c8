import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ReplyMessage } from './reply-message';

/** Sends an answer; returns SES's message id. */
export type SendReply = (message: ReplyMessage) => Promise<string>;

/**
 * Sends through SES v2 `SendEmail`: simple content with both a text and an HTML body (the
 * `Body` shape of the SESv2 model, `Text` and `Html`), UTF-8, threading headers.
 */
export function sesReplySender(ses: SESv2Client): SendReply {
  return async (m) => {
    const headers = m.inReplyTo
      ? [
          { Name: 'In-Reply-To', Value: m.inReplyTo },
          { Name: 'References', Value: m.inReplyTo },
        ]
      : undefined;
    const out = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: m.from,
        Destination: { ToAddresses: [m.to] },
        ReplyToAddresses: [m.from],
        Content: {
          Simple: {
            Subject: { Data: m.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: m.text, Charset: 'UTF-8' },
              Html: { Data: m.html, Charset: 'UTF-8' },
            },
            Headers: headers,
          },
        },
      }),
    );
    if (!out.MessageId) throw new Error('SES SendEmail returned no MessageId.');
    return out.MessageId;
  };
}
