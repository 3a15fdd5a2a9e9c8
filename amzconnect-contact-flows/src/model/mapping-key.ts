import { PlaceholderKind } from './placeholders';

/** Prefix of each kind's keys in the run-time mapping, e.g. `Queue_ACME_Sales`. */
export const MAPPING_KEY_PREFIXES: Readonly<Record<PlaceholderKind, string>> = {
  queue: 'Queue',
  prompt: 'Prompt',
  hours: 'Hours',
  flow: 'Flow',
  module: 'Module',
  lambda: 'Lambda',
  lex: 'Lex',
};

/**
 * Key of a resource in the run-time mapping the mapping function returns to flows
 * (`$.External.<key>`): `<Prefix>_<name>`, every character of the name other than a letter,
 * digit, `_` or `-` replaced by `_`.
 */
export function mappingKey(kind: PlaceholderKind, name: string): string {
  return `${MAPPING_KEY_PREFIXES[kind]}_${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Whether a `$.External` key looks like a mapping key (starts with a kind prefix and `_`). */
export function isMappingKeyShaped(key: string): boolean {
  return Object.values(MAPPING_KEY_PREFIXES).some((p) => key.startsWith(`${p}_`));
}
