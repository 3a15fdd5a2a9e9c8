import { GuideAnswer } from './guide-answer';

/**
 * The fields of the cancellation notice the agent fills in the Form view. The same names are the
 * SES template's variables (`{{CustomerName}}`, ...) and the SMS message template's placeholders.
 */
export interface NoticeFields {
  /** How the customer is addressed, 1-100 characters. */
  readonly CustomerName: string;
  /** When the cancellation takes effect, `YYYY-MM-DD`. */
  readonly CancellationDate: string;
  /** The booking or contract reference, 1-40 letters, digits or hyphens. */
  readonly Reference: string;
}

/** The notice's field names, in form order. */
export const NOTICE_FIELDS: readonly (keyof NoticeFields)[] = [
  'CustomerName',
  'CancellationDate',
  'Reference',
];

/** A field that is wrong, and why (the reason never repeats the value). */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

// Control characters (C0, DEL, C1) and the line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const REFERENCE = /^[A-Za-z0-9-]{1,40}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates the notice fields of `Details.Parameters` (pure); every wrong field is reported. */
export function parseNoticeFields(
  params: Readonly<Record<string, unknown>>,
): { ok: true; fields: NoticeFields } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (name: string): string => {
    const v = params[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  const name = text('CustomerName');
  if (name === '') problems.push({ field: 'CustomerName', reason: 'is required' });
  else if (name.length > 100)
    problems.push({ field: 'CustomerName', reason: 'is longer than 100 characters' });
  else if (CONTROL.test(name) || /[<>{}]/.test(name))
    problems.push({ field: 'CustomerName', reason: 'contains control characters, <, >, { or }' });
  const date = text('CancellationDate');
  if (!isCalendarDate(date))
    problems.push({ field: 'CancellationDate', reason: 'must be a date like 2026-12-31' });
  const reference = text('Reference');
  if (!REFERENCE.test(reference))
    problems.push({ field: 'Reference', reason: 'must be 1-40 letters, digits or hyphens' });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, fields: { CustomerName: name, CancellationDate: date, Reference: reference } };
}

/** Whether `value` is `YYYY-MM-DD` and a real day (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Fills `{{Field}}` placeholders of a message template with the notice fields (pure). */
export function renderNotice(template: string, fields: NoticeFields): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    (NOTICE_FIELDS as readonly string[]).includes(name) ? fields[name as keyof NoticeFields] : whole,
  );
}

/** The recipient parameter of a send request, already normalised, and whether it is valid. */
export interface RecipientCheck {
  readonly field: string;
  readonly valid: boolean;
  /** Why it is wrong, without repeating the value. */
  readonly reason: string;
}

/**
 * Validates a send request's recipients and notice fields together, so one `INVALID_INPUT` answer
 * names every wrong field (pure). `build` makes the request from the validated fields.
 */
export function parseNoticeRequest<R>(
  parameters: Readonly<Record<string, unknown>>,
  recipients: readonly RecipientCheck[],
  build: (fields: NoticeFields) => R,
): { ok: true; request: R } | { ok: false; answer: GuideAnswer } {
  const problems: FieldProblem[] = recipients
    .filter((r) => !r.valid)
    .map((r) => ({ field: r.field, reason: r.reason }));
  const notice = parseNoticeFields(parameters);
  if (!notice.ok) problems.push(...notice.problems);
  if (problems.length > 0 || !notice.ok) {
    return {
      ok: false,
      answer: {
        result: 'INVALID_INPUT',
        fields: problems.map((p) => p.field),
        message: `Check the form: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}.`,
      },
    };
  }
  return { ok: true, request: build(notice.fields) };
}
