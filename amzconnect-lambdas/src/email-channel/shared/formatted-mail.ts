import { AttachmentSummary, InboundMail, MailAddress } from './inbound-mail';
import { MailInsights } from './mail-insights';

/**
 * The formatted mail the agent page shows (stored as JSON next to the original `.eml`):
 * version 1, the case, who wrote what, the new text without quoted history, the full text,
 * the attachments' names, and what Comprehend found.
 */
export interface FormattedMail {
  readonly version: 1;
  readonly caseId: string;
  readonly direction: 'INBOUND' | 'AGENT';
  readonly receivedAt: string;
  readonly date?: string;
  readonly messageId?: string;
  readonly from?: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  /** The new text, without headers or quoted history. */
  readonly body: string;
  /** The whole text part (or the HTML converted to text). */
  readonly fullText: string;
  readonly hadHtml: boolean;
  readonly attachments: readonly AttachmentSummary[];
  readonly insights: MailInsights;
  /** Key of the original `.eml` in the same bucket. */
  readonly originalKey: string;
}

/** Builds the formatted mail (pure). */
export function formatMail(input: {
  readonly caseId: string;
  readonly direction: FormattedMail['direction'];
  readonly mail: InboundMail;
  readonly body: string;
  readonly insights: MailInsights;
  readonly receivedAt: string;
  readonly originalKey: string;
}): FormattedMail {
  const { mail } = input;
  return {
    version: 1,
    caseId: input.caseId,
    direction: input.direction,
    receivedAt: input.receivedAt,
    ...(mail.date ? { date: mail.date } : {}),
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(mail.from ? { from: mail.from } : {}),
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    body: input.body,
    fullText: mail.text,
    hadHtml: mail.hasHtml,
    attachments: mail.attachments,
    insights: input.insights,
    originalKey: input.originalKey,
  };
}

/** Keys of a case's stored mail: `cases/<caseId>/<mailId>/{original.eml,formatted.json}`. Pure. */
export function caseMailKeys(caseId: string, mailId: string): { originalKey: string; formattedKey: string } {
  const base = `cases/${caseId}/${mailId}`;
  return { originalKey: `${base}/original.eml`, formattedKey: `${base}/formatted.json` };
}
