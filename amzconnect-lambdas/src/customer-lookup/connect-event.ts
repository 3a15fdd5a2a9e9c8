/** What the customer lookup needs from an Amazon Connect Lambda event. */
export interface LookupRequest {
  /** The contact, for log lines. */
  readonly contactId: string;
  /** The caller's number, E.164 (`Details.ContactData.CustomerEndpoint.Address`). */
  readonly phoneNumber: string;
}

/** Why an event cannot be looked up. */
export type EventProblem =
  /** Not the shape Connect sends: no `Details.ContactData`, or a non-string contact id. */
  | { readonly code: 'INVALID_EVENT'; readonly message: string; readonly contactId: string }
  /** A real contact without a usable caller number (withheld caller id, chat, e-mail). */
  | { readonly code: 'NO_PHONE_NUMBER'; readonly message: string; readonly contactId: string };

export type ParsedLookupEvent =
  | { readonly ok: true; readonly request: LookupRequest }
  | { readonly ok: false; readonly problem: EventProblem };

/** E.164: a plus sign and up to 15 digits, no leading zero. */
const E164 = /^\+[1-9]\d{1,14}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the standard Amazon Connect Lambda event (`{ Name: 'ContactFlowEvent', Details: {
 * ContactData: { ContactId, CustomerEndpoint: { Address, Type } }, Parameters } }`) into a lookup
 * request. Never throws: anything else becomes a problem the handler answers and logs.
 */
export function parseLookupEvent(event: unknown): ParsedLookupEvent {
  const details = isRecord(event) ? event.Details : undefined;
  const contactData = isRecord(details) ? details.ContactData : undefined;
  if (!isRecord(contactData)) {
    return {
      ok: false,
      problem: {
        code: 'INVALID_EVENT',
        contactId: '',
        message: 'event has no Details.ContactData; is the function invoked by a contact flow?',
      },
    };
  }
  const contactId = typeof contactData.ContactId === 'string' ? contactData.ContactId : '';
  if (!contactId) {
    return {
      ok: false,
      problem: {
        code: 'INVALID_EVENT',
        contactId: '',
        message: 'Details.ContactData.ContactId is missing or not a string.',
      },
    };
  }
  const endpoint = contactData.CustomerEndpoint;
  if (!isRecord(endpoint)) {
    return {
      ok: false,
      problem: {
        code: 'NO_PHONE_NUMBER',
        contactId,
        message: 'Details.ContactData.CustomerEndpoint is missing (no caller number on this contact).',
      },
    };
  }
  if (endpoint.Type !== undefined && endpoint.Type !== 'TELEPHONE_NUMBER') {
    return {
      ok: false,
      problem: {
        code: 'NO_PHONE_NUMBER',
        contactId,
        message: `CustomerEndpoint.Type is ${JSON.stringify(endpoint.Type)}, not TELEPHONE_NUMBER.`,
      },
    };
  }
  const address = endpoint.Address;
  if (typeof address !== 'string' || !E164.test(address)) {
    return {
      ok: false,
      problem: {
        code: 'NO_PHONE_NUMBER',
        contactId,
        message: `CustomerEndpoint.Address ${JSON.stringify(address)} is not an E.164 number.`,
      },
    };
  }
  return { ok: true, request: { contactId, phoneNumber: address } };
}
