import { AddressObject, simpleParser } from 'mailparser';
import { InboundMail, MailAddress } from './inbound-mail';

/** The parsed mail, or why the bytes could not be used. */
export type ParseMailResult =
  { readonly ok: true; readonly mail: InboundMail } | { readonly ok: false; readonly reason: string };

/**
 * Parses raw RFC 5322 bytes with mailparser (MIME, encodings, charsets, HTML-to-text). Never
 * throws: unreadable input is a `{ ok: false }` result, so the caller keeps the original.
 */
export async function parseMail(raw: Buffer): Promise<ParseMailResult> {
  if (raw.length === 0) return { ok: false, reason: 'the message is empty' };
  try {
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    // A repeated header comes as a list, top first: SES prepends its own, so the first is SES's
    // (a sender cannot forge a verdict by adding the same header lower in the message).
    const header = (name: string): string | undefined => {
      const v = parsed.headers.get(name);
      const first = Array.isArray(v) ? (v as unknown[])[0] : v;
      return typeof first === 'string' ? first : undefined;
    };
    const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined;
    return {
      ok: true,
      mail: {
        messageId: parsed.messageId,
        date,
        subject: (parsed.subject ?? '').trim(),
        from: addresses(parsed.from)[0],
        to: addresses(parsed.to),
        cc: addresses(parsed.cc),
        text: (parsed.text ?? '').replace(/\r\n/g, '\n'),
        hasHtml: typeof parsed.html === 'string',
        attachments: parsed.attachments.map((a) => ({
          filename: a.filename ?? 'attachment',
          contentType: a.contentType,
          size: a.size,
        })),
        verdicts: {
          spam: header('x-ses-spam-verdict'),
          virus: header('x-ses-virus-verdict'),
          authenticationResults: header('authentication-results'),
        },
      },
    };
  } catch (err) {
    return { ok: false, reason: `cannot be parsed as MIME (${(err as Error).message})` };
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: MailAddress[] = [];
  const visit = (entries: readonly { address?: string; name: string; group?: unknown[] }[]) => {
    for (const e of entries) {
      if (e.address && e.address.includes('@'))
        out.push({ address: e.address.toLowerCase(), name: e.name ?? '' });
      if (Array.isArray(e.group)) visit(e.group as { address?: string; name: string }[]);
    }
  };
  for (const a of list) visit(a.value);
  return out;
}
