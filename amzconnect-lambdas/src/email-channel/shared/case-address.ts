import { createHash } from 'crypto';
import { MailAddress } from './inbound-mail';

/** Case ids: lowercase letters and digits, safe in an address's local part. */
export const CASE_ID = /^[a-z0-9]{8,32}$/;

/**
 * The id of a case opened by the mail stored at `sourceKey` (SES names each object after its
 * unique message id): 16 base-36 characters of its SHA-256. Derived rather than random, so a
 * retried delivery of the same mail finds the same case instead of opening a second one. Pure.
 */
export function caseIdForMail(sourceKey: string): string {
  const digest = createHash('sha256').update(sourceKey).digest();
  return Array.from(digest.subarray(0, 16), (b) => (b % 36).toString(36)).join('');
}

/** `customerservice+<caseId>@domain`: the address replies are sent from and customers answer to. */
export function caseAddress(inquiryAddress: string, caseId: string): string {
  const [local, domain] = inquiryAddress.split('@');
  return `${local}+${caseId}@${domain}`;
}

/** Splits `local+tag@domain`; the tag is absent without `+`. */
function split(address: string): { local: string; tag?: string; domain: string } {
  const at = address.lastIndexOf('@');
  const localPart = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  const plus = localPart.indexOf('+');
  return plus < 0
    ? { local: localPart, domain }
    : { local: localPart.slice(0, plus), tag: localPart.slice(plus + 1), domain };
}

/**
 * The case a customer's mail belongs to: the `+<caseId>` tag of the inquiry address among the
 * recipients, when well-formed. Pure.
 */
export function caseIdFromRecipients(
  recipients: readonly MailAddress[],
  inquiryAddress: string,
): string | undefined {
  const inquiry = split(inquiryAddress);
  for (const r of recipients) {
    const a = split(r.address);
    if (a.local === inquiry.local && a.domain === inquiry.domain && a.tag && CASE_ID.test(a.tag))
      return a.tag;
  }
  return undefined;
}

/** The relay mailbox an agent wrote to and the case it names. */
export interface RelayTarget {
  readonly mailbox: 'agentrelay' | 'queuerelay' | 'relay' | 'rejectrelay';
  readonly caseId?: string;
}

/**
 * Which relay address (`agentrelay`, `queuerelay`, `relay`, `rejectrelay`, with `+<caseId>`) at `domain`
 * the mail was sent to; the first one among the recipients wins. Pure.
 */
export function relayTargetFromRecipients(
  recipients: readonly MailAddress[],
  domain: string,
): RelayTarget | undefined {
  for (const r of recipients) {
    const a = split(r.address);
    if (a.domain !== domain.toLowerCase()) continue;
    if (
      a.local === 'agentrelay' ||
      a.local === 'queuerelay' ||
      a.local === 'relay' ||
      a.local === 'rejectrelay'
    )
      return a.tag && CASE_ID.test(a.tag) ? { mailbox: a.local, caseId: a.tag } : { mailbox: a.local };
  }
  return undefined;
}

/** Whether `address` is one of the allowed relay senders (an exact address, or any address at a domain). Pure. */
export function isAllowedRelaySender(address: string, allowed: readonly string[]): boolean {
  const a = address.toLowerCase();
  const domain = a.slice(a.lastIndexOf('@') + 1);
  return allowed.some((s) => (s.includes('@') ? s === a : s === domain));
}
