import { GuideAnswer } from './guide-answer';
import { GuideEvent } from './guide-event';
import { FieldProblem, NoticeFields, parseNoticeFields } from './notice-fields';
import { isE164, isEmailAddress } from './recipients';

/** A validated request to send the notice by e-mail, by SMS, or both, in one submission. */
export interface SendNoticeRequest {
  readonly contactId: string;
  /** `ToAddress`; absent when the agent left it empty (no e-mail). */
  readonly toAddress?: string;
  /** `ToNumber`, E.164; absent when the agent left it empty (no text). */
  readonly toNumber?: string;
  readonly fields: NoticeFields;
  /** `EmailSentKey` / `SmsSentKey`: the keys of the channels a previous submission sent. */
  readonly sentKeys: { readonly email: string; readonly sms: string };
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * Validates a both-channels submission (pure): at least one recipient, each given recipient
 * valid, and the notice fields; every wrong field is named in one `INVALID_INPUT` answer.
 */
export function parseSendNoticeRequest(
  event: GuideEvent,
): { ok: true; request: SendNoticeRequest } | { ok: false; answer: GuideAnswer } {
  const p = event.parameters;
  const toAddress = text(p.ToAddress);
  const toNumber = text(p.ToNumber).replace(/[\s().-]/g, '');
  const problems: FieldProblem[] = [];
  if (toAddress === '' && toNumber === '') {
    problems.push({ field: 'ToAddress', reason: 'or ToNumber is required' });
  }
  if (toAddress !== '' && !isEmailAddress(toAddress))
    problems.push({ field: 'ToAddress', reason: 'must be an e-mail address' });
  if (toNumber !== '' && !isE164(toNumber))
    problems.push({ field: 'ToNumber', reason: 'must be an E.164 number such as +12065550100' });
  const notice = parseNoticeFields(p);
  if (!notice.ok) problems.push(...notice.problems);
  if (problems.length > 0 || !notice.ok) {
    return {
      ok: false,
      answer: {
        result: 'INVALID_INPUT',
        fields: problems.map((x) => x.field),
        message: `Check the form: ${problems.map((x) => `${x.field} ${x.reason}`).join('; ')}.`,
      },
    };
  }
  return {
    ok: true,
    request: {
      contactId: event.contactId,
      ...(toAddress ? { toAddress } : {}),
      ...(toNumber ? { toNumber } : {}),
      fields: notice.fields,
      sentKeys: { email: text(p.EmailSentKey), sms: text(p.SmsSentKey) },
    },
  };
}
