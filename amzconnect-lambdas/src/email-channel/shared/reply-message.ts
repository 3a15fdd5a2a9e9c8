import { FormattedMail } from './formatted-mail';

/** An answer to the customer, ready for SES. */
export interface ReplyMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The same answer as HTML (the agent's paragraphs, the disclaimer, the quoted mail in a blockquote). */
  readonly html: string;
  /** `In-Reply-To` / `References`: the customer's mail, so their client threads the answer. */
  readonly inReplyTo?: string;
}

/** `Re: <subject>`, without stacking prefixes. Pure. */
export function replySubject(subject: string): string {
  const s = subject.trim() || '(no subject)';
  return /^(re|aw|sv|antw):/i.test(s) ? s : `Re: ${s}`;
}

/**
 * The agent's answer: their text, the disclaimer, then the customer's latest mail quoted under
 * a "wrote" line (the reply prepended to the latest inbound mail). Pure.
 */
export function composeReply(input: {
  readonly replyText: string;
  readonly disclaimer: string;
  readonly latest: Pick<FormattedMail, 'from' | 'subject' | 'body' | 'receivedAt' | 'date' | 'messageId'>;
  readonly from: string;
  readonly to: string;
}): ReplyMessage {
  const { latest } = input;
  const who = latest.from
    ? latest.from.name
      ? `${latest.from.name} <${latest.from.address}>`
      : latest.from.address
    : input.to;
  const quoted = latest.body
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
  const text = [
    input.replyText.trim(),
    '',
    '--',
    input.disclaimer,
    '',
    `On ${latest.date ?? latest.receivedAt}, ${who} wrote:`,
    quoted,
    '',
  ].join('\n');
  const paragraphs = (value: string) =>
    value
      .trim()
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html><body>',
    paragraphs(input.replyText),
    '<hr>',
    `<p style="color:#555;font-size:small">${escapeHtml(input.disclaimer)}</p>`,
    `<p>On ${escapeHtml(latest.date ?? latest.receivedAt)}, ${escapeHtml(who)} wrote:</p>`,
    `<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${paragraphs(latest.body)}</blockquote>`,
    '</body></html>',
    '',
  ].join('\n');
  return {
    from: input.from,
    to: input.to,
    subject: replySubject(latest.subject),
    text,
    html,
    ...(latest.messageId ? { inReplyTo: latest.messageId } : {}),
  };
}

/** Escapes text for HTML element content and attribute values. Pure. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
