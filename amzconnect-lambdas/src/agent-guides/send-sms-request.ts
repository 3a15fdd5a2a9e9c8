import { GuideAnswer } from './guide-answer';
import { GuideEvent } from './guide-event';
import { NoticeFields, parseNoticeRequest } from './notice-fields';
import { isE164 } from './recipients';

/** A validated request to text the cancellation notice. */
export interface SendSmsRequest {
  readonly contactId: string;
  /** The customer's mobile number, E.164 (`ToNumber`). */
  readonly toNumber: string;
  readonly fields: NoticeFields;
}

/**
 * Validates the parameters the flow passes (`ToNumber`, `CustomerName`, `CancellationDate`,
 * `Reference`) (pure). Spaces, dots, dashes and parentheses in the number are ignored; the rest
 * must be E.164.
 */
export function parseSendSmsRequest(
  event: GuideEvent,
): { ok: true; request: SendSmsRequest } | { ok: false; answer: GuideAnswer } {
  const raw = event.parameters.ToNumber;
  const toNumber = typeof raw === 'string' ? raw.replace(/[\s().-]/g, '') : '';
  return parseNoticeRequest(
    event.parameters,
    [{ field: 'ToNumber', valid: isE164(toNumber), reason: 'must be an E.164 number such as +12065550100' }],
    (fields) => ({ contactId: event.contactId, toNumber, fields }),
  );
}
