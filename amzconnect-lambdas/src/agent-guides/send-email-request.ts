import { GuideAnswer } from './guide-answer';
import { GuideEvent } from './guide-event';
import { NoticeFields, parseNoticeFields } from './notice-fields';
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
  const problems = isEmailAddress(toAddress)
    ? []
    : [{ field: 'ToAddress', reason: 'must be an e-mail address' }];
  const notice = parseNoticeFields(event.parameters);
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
  return { ok: true, request: { contactId: event.contactId, toAddress, fields: notice.fields } };
}
