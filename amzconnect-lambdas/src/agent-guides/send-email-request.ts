import { GuideAnswer } from './guide-answer';
import { GuideEvent } from './guide-event';
import { NoticeFields, parseNoticeRequest } from './notice-fields';
import { isEmailAddress } from './recipients';

/** A validated request to e-mail the cancellation notice. */
export interface SendEmailRequest {
  readonly contactId: string;
  /** The customer's address (`ToAddress`). */
  readonly toAddress: string;
  readonly fields: NoticeFields;
}

/**
 * Validates the parameters the flow passes (`ToAddress`, `CustomerName`, `CancellationDate`,
 * `Reference`) (pure). Every wrong field is named in one `INVALID_INPUT` answer.
 */
export function parseSendEmailRequest(
  event: GuideEvent,
): { ok: true; request: SendEmailRequest } | { ok: false; answer: GuideAnswer } {
  const raw = event.parameters.ToAddress;
  const toAddress = typeof raw === 'string' ? raw.trim() : '';
  return parseNoticeRequest(
    event.parameters,
    [{ field: 'ToAddress', valid: isEmailAddress(toAddress), reason: 'must be an e-mail address' }],
    (fields) => ({ contactId: event.contactId, toAddress, fields }),
  );
}
