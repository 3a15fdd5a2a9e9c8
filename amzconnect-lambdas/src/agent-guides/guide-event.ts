import { GuideAnswer } from './guide-answer';

/** The parts of an Amazon Connect Lambda event a send function uses. */
export interface GuideEvent {
  /** The contact, for log lines. */
  readonly contactId: string;
  /** `Details.Parameters`: what the flow's Invoke block passes (the Form view's fields). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads `{ Details: { ContactData: { ContactId }, Parameters } }` (pure). Anything else is an
 * `INVALID_INPUT` answer: the function was not invoked by a flow.
 */
export function parseGuideEvent(
  event: unknown,
): { ok: true; event: GuideEvent } | { ok: false; answer: GuideAnswer } {
  const details = isRecord(event) ? event.Details : undefined;
  const contactData = isRecord(details) ? details.ContactData : undefined;
  const contactId =
    isRecord(contactData) && typeof contactData.ContactId === 'string' ? contactData.ContactId : '';
  if (!isRecord(details) || contactId === '') {
    return {
      ok: false,
      answer: {
        result: 'INVALID_INPUT',
        message:
          'The request is not an Amazon Connect flow event (Details.ContactData.ContactId is missing).',
      },
    };
  }
  return {
    ok: true,
    event: { contactId, parameters: isRecord(details.Parameters) ? details.Parameters : {} },
  };
}
