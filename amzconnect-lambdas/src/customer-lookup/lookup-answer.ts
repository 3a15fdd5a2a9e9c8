import { FlatStringMap } from '../shared/flat-map';
import { EventProblem } from './connect-event';

/** A customer as the table stores it (`firstName`, `lastName`, `lastCalledDate`). */
export interface Customer {
  readonly firstName: string;
  readonly lastName: string;
  /** When the customer last called before this call (ISO 8601), or empty on their first recorded call. */
  readonly lastCalledDate: string;
}

/** What happened when the table was asked. */
export type LookupOutcome =
  | { readonly kind: 'found'; readonly customer: Customer }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'failed'; readonly errorName: string };

/** Error codes a flow may branch on (`$.External.Error`). */
export type LookupErrorCode = EventProblem['code'] | 'TIMEOUT' | 'LOOKUP_FAILED' | 'CONFIGURATION';

/**
 * The flat string map returned to the flow. Every answer has the same keys, so flows can read
 * `$.External.FirstName` without checking first; `Error` is added when the answer is not a
 * plain found / not found.
 */
export function lookupAnswer(phoneNumber: string, outcome: LookupOutcome): FlatStringMap {
  if (outcome.kind === 'found') {
    const c = outcome.customer;
    return {
      Found: 'true',
      CalledNumber: phoneNumber,
      FirstName: c.firstName,
      LastName: c.lastName,
      LastCalledDate: c.lastCalledDate,
    };
  }
  const base = { Found: 'false', CalledNumber: phoneNumber, FirstName: '', LastName: '', LastCalledDate: '' };
  if (outcome.kind === 'timed-out') return { ...base, Error: 'TIMEOUT' };
  if (outcome.kind === 'failed') return { ...base, Error: 'LOOKUP_FAILED' };
  return base;
}

/** The answer when no lookup could be made: "not found", with the reason. */
export function errorAnswer(code: LookupErrorCode, phoneNumber = ''): FlatStringMap {
  return {
    Found: 'false',
    CalledNumber: phoneNumber,
    FirstName: '',
    LastName: '',
    LastCalledDate: '',
    Error: code,
  };
}

/** Reads a customer from an item of unknown shape; missing names become empty strings. */
export function customerFromItem(item: Readonly<Record<string, unknown>>): Customer {
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  return {
    firstName: text(item.firstName),
    lastName: text(item.lastName),
    lastCalledDate: text(item.lastCalledDate),
  };
}
