/**
 * Masking for log lines: enough to correlate a complaint with a log line, never the whole
 * address or number.
 */

/** `jane.doe@example.com` → `j***@e***.com`; anything unusable → `***`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${address[0]}***@${domain[0] ?? ''}***${tld}`;
}

/** `+12065550100` → `+1*******0100` (country code and last four digits kept); short ones → `***`. */
export function maskPhone(number: string): string {
  if (number.length < 8) return '***';
  return `${number.slice(0, 2)}${'*'.repeat(number.length - 6)}${number.slice(-4)}`;
}
