/** E.164: a plus sign and up to 15 digits, no leading zero. */
const E164 = /^\+[1-9]\d{6,14}$/;

// A pragmatic address check: one @, a dot-atom local part of at most 64 characters, a domain of
// DNS labels with a top-level domain; no spaces, commas, quotes or angle brackets, so a value can
// never name a second recipient or inject a header.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Whether `value` is an e-mail address SES can deliver to (pure). */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1])
  );
}

/** Whether `value` is an E.164 phone number (pure). */
export function isE164(value: string): boolean {
  return E164.test(value);
}
