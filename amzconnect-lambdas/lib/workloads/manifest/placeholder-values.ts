/** A value in the settings that is a known placeholder, never a real one. */
export interface PlaceholderValue {
  /** Path inside the workload's settings, e.g. `sms.originationNumber`. */
  readonly path: string;
  readonly value: string;
  /** What kind of placeholder it is, for the message. */
  readonly kind: string;
}

/**
 * Reserved and fictional values: the example domains of RFC 2606 section 3, the North American
 * 555 numbers used in fiction and documentation (NANPA reserves 555-0100 to 555-0199), and
 * all-zero account ids and resource ids as the examples use.
 */
const PATTERNS: readonly { readonly kind: string; readonly test: RegExp }[] = [
  {
    kind: 'an example.com/.net/.org domain (RFC 2606)',
    test: /(^|[@./])example\.(com|net|org)(?![a-z0-9-])/i,
  },
  { kind: 'a fictional 555 phone number', test: /^\+1\d{3}555\d{4}$/ },
  { kind: 'an all-zero account id', test: /(^|:)0{12}(:|$)/ },
  { kind: 'an all-zero resource id', test: /(^|[-/:])0{32}$/ },
];

/** Every known placeholder among the strings of a raw settings object (pure). */
export function placeholderValues(value: unknown, at = ''): PlaceholderValue[] {
  const join = (key: string | number) =>
    typeof key === 'number' ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`;
  if (typeof value === 'string') {
    const hit = PATTERNS.find((p) => p.test.test(value));
    return hit ? [{ path: at, value, kind: hit.kind }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholderValues(v, join(i)));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => placeholderValues(v, join(k)));
  return [];
}
