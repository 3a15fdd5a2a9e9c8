/**
 * The normalizer's marker for an account-specific ARN of a kind the deployment cannot resolve by
 * name (an agent, a phone number, a quick connect...): `${unnamed:<service>:<resource>}`, with the
 * account and instance removed. The linter reports it as an error until someone replaces it.
 */
export const UNNAMED_KIND = 'unnamed';

/** `${unnamed:connect:phone-number/1234...}` */
export function unnamedPlaceholder(service: string, resource: string): string {
  return `\${${UNNAMED_KIND}:${service}:${resource}}`;
}
