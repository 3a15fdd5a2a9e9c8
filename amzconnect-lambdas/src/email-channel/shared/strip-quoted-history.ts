/**
 * Lines that start the quoted history a mail client appends under a reply, in the clients and
 * languages customers use most (Gmail, Outlook, Apple Mail, Thunderbird; en, de, fr, es, nl).
 */
const HISTORY_STARTS: readonly RegExp[] = [
  /^On .{1,200}wrote:\s*$/i,
  /^Am .{1,200}schrieb .{0,200}:\s*$/i,
  /^Le .{1,200}a écrit\s*:\s*$/i,
  /^El .{1,200}escribió:\s*$/i,
  /^Op .{1,200}schreef .{0,200}:\s*$/i,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|Von|De):\s.+$/,
];

/** A separator line (an HTML `<hr>` converted to text, a signature rule) left above the history. */
const SEPARATOR = /^[-_=*]{5,}$/;

/**
 * The new part of a mail body: everything above the quoted history, without trailing `>`-quoted
 * lines, separator rules and blank lines, with runs of blank lines collapsed to one. Pure. When the whole body is quoted, it is returned as is
 * (better too much than nothing).
 */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (HISTORY_STARTS.some((re) => re.test(lines[i].trim()))) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end);
  const trailing = (line: string) =>
    line.trim() === '' || line.startsWith('>') || SEPARATOR.test(line.trim());
  while (kept.length > 0 && trailing(kept[kept.length - 1])) kept.pop();
  const result = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return result === '' ? text.trim() : result;
}
