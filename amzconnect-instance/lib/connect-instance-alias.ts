/*
 * Source: Amazon Connect API Reference, `CreateInstance` / `Instance`, `InstanceAlias`: "Length
 * Constraints: Minimum length of 1. Maximum length of 45. Pattern: ^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$"
 * (https://docs.aws.amazon.com/connect/latest/APIReference/API_Instance.html). The SDK's shape for
 * it, `DirectoryAlias` in `@aws-sdk/client-connect` (3.1136.0, `dist-cjs/index.js`), is only a
 * sensitive string: v3 clients ship no length or pattern traits, so the rule is restated here.
 */

/** Maximum length of an Amazon Connect instance alias (API `CreateInstance`, `InstanceAlias`). */
export const CONNECT_INSTANCE_ALIAS_MAX_LENGTH = 45;

/** Amazon Connect's pattern for an instance alias: letters and digits, single or repeated hyphens inside, no `d-` prefix. */
const INSTANCE_ALIAS = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;

/**
 * Checks a (final) instance alias against Amazon Connect's rules and returns what is wrong and how
 * to fix it, or `undefined` when the alias is valid. The alias also becomes the instance's access
 * URL (`https://<alias>.my.connect.aws`), which must be unique across all AWS customers; that can
 * only be checked at deployment.
 */
export function connectInstanceAliasProblem(alias: string): string | undefined {
  if (alias.length > CONNECT_INSTANCE_ALIAS_MAX_LENGTH) {
    return `gives the instance alias "${alias}" (${alias.length} characters), longer than Amazon Connect's ${CONNECT_INSTANCE_ALIAS_MAX_LENGTH}; shorten the base name by at least ${characters(alias.length - CONNECT_INSTANCE_ALIAS_MAX_LENGTH)}.`;
  }
  if (alias.startsWith('d-')) {
    return `gives the instance alias "${alias}", which starts with "d-" (reserved for directory ids); choose a base name that does not start with "d-".`;
  }
  if (!INSTANCE_ALIAS.test(alias)) {
    return `gives the instance alias "${alias}", which Amazon Connect rejects; use only letters, digits and hyphens, starting and ending with a letter or digit.`;
  }
  return undefined;
}

function characters(n: number): string {
  return `${n} character${n === 1 ? '' : 's'}`;
}
