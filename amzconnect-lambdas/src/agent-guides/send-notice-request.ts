import { GuideAnswer } from './guide-answer';
import { GuideEvent } from './guide-event';
import { NoticeFields, parseNoticeRequest } from './notice-fields';
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
  return parseNoticeRequest(
    p,
    [
      { field: 'ToAddress', valid: toAddress !== '' || toNumber !== '', reason: 'or ToNumber is required' },
      {
        field: 'ToAddress',
        valid: toAddress === '' || isEmailAddress(toAddress),
        reason: 'must be an e-mail address',
      },
      {
        field: 'ToNumber',
        valid: toNumber === '' || isE164(toNumber),
        reason: 'must be an E.164 number such as +12065550100',
      },
    ],
    (fields) => ({
      contactId: event.contactId,
      ...(toAddress ? { toAddress } : {}),
      ...(toNumber ? { toNumber } : {}),
      fields,
      sentKeys: { email: text(p.EmailSentKey), sms: text(p.SmsSentKey) },
    }),
  );
}
