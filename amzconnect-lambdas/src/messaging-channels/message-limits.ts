/**
 * Size limits of each side of the bridge, and splitting text to fit them. Text is never truncated:
 * a long message becomes several, cut at a space or line break when one is near the limit, never
 * inside a character (surrogate pairs stay together).
 */

/** ConnectParticipant `SendMessage`: at most 1,024 characters of `text/plain`. */
export const CONNECT_TEXT_LIMIT = 1024;

/** Facebook Messenger Send API: at most 2,000 characters of text per message. */
export const MESSENGER_TEXT_LIMIT = 2000;

/** At most this many SMS segments per text sent; longer replies are sent as several texts. */
export const MAX_SMS_SEGMENTS = 6;

/** GSM 03.38 default alphabet (one septet each). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** GSM 03.38 extension table (escape + character: two septets each). */
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How an SMS is encoded: GSM-7 when every character is in the GSM alphabet, else UCS-2. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** The encoding a text needs. */
export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (!GSM_BASIC.includes(ch) && !GSM_EXTENDED.includes(ch)) return 'UCS-2';
  return 'GSM-7';
}

/** Length in the encoding's units: septets (GSM-7) or UTF-16 code units (UCS-2). */
export function smsUnits(text: string, encoding: SmsEncoding = smsEncoding(text)): number {
  if (encoding === 'UCS-2') return text.length;
  let n = 0;
  for (const ch of text) n += GSM_EXTENDED.includes(ch) ? 2 : 1;
  return n;
}

/** Number of segments a text takes: 160/153 septets (GSM-7) or 70/67 code units (UCS-2) per segment. */
export function smsSegments(text: string): number {
  const encoding = smsEncoding(text);
  const units = smsUnits(text, encoding);
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  if (units <= single) return 1;
  return Math.ceil(units / multi);
}

/**
 * Splits `text` into parts whose `measure` is at most `limit`, preferring to cut after the last
 * whitespace in the second half of a part. Empty or whitespace-only text gives no part.
 */
export function splitText(text: string, limit: number, measure: (s: string) => number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    if (measure(rest) <= limit) {
      parts.push(rest);
      break;
    }
    const chars = Array.from(rest);
    let end = 0;
    let units = 0;
    while (end < chars.length && units + measure(chars[end]) <= limit) {
      units += measure(chars[end]);
      end++;
    }
    let cut = end;
    for (let i = end; i > end / 2; i--) {
      if (/\s/.test(chars[i - 1] ?? '')) {
        cut = i;
        break;
      }
    }
    parts.push(chars.slice(0, cut).join('').trimEnd());
    rest = chars.slice(cut).join('').trimStart();
  }
  return parts.filter((p) => p.length > 0);
}

/** Parts of a customer message for Connect chat. */
export function splitForConnect(text: string): string[] {
  return splitText(text, CONNECT_TEXT_LIMIT, (s) => s.length);
}

/** Parts of an agent reply for Messenger (characters counted as Unicode code points). */
export function splitForMessenger(text: string): string[] {
  return splitText(text, MESSENGER_TEXT_LIMIT, (s) => Array.from(s).length);
}

/** Parts of an agent reply for SMS, each at most {@link MAX_SMS_SEGMENTS} segments in its own encoding. */
export function splitForSms(text: string): string[] {
  const encoding = smsEncoding(text);
  const perSegment = encoding === 'GSM-7' ? 153 : 67;
  return splitText(text, MAX_SMS_SEGMENTS * perSegment, (s) => smsUnits(s, encoding));
}
