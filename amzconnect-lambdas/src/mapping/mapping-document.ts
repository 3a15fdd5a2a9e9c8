/**
 * The mapping document the flow deployment publishes and the mapping function returns:
 *
 *   { "version": 1, "entries": { "<Key>": "<arn>", ... } }
 *
 * Flows read `$.External.<Key>`. Connect accepts only a flat map of strings and at most 32 KB
 * of attributes, which this module checks, so a bad document is refused before a call uses it.
 */
export interface MappingDocument {
  readonly version: 1;
  readonly entries: Readonly<Record<string, string>>;
}

/** Connect's limit on the size of a Lambda response (contact attributes), in bytes. */
export const MAPPING_SIZE_LIMIT_BYTES = 32 * 1024;

/** Keys the mapping function uses for its own error answers; entries may not use them. */
export const RESERVED_MAPPING_KEYS: readonly string[] = ['Error', 'ErrorMessage'];

/** Attribute keys Connect can address as `$.External.<Key>` without quoting. */
const KEY = /^[A-Za-z0-9_.-]{1,128}$/;
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/;

export type ParsedMapping =
  | { readonly ok: true; readonly document: MappingDocument }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Size of the entries as Connect receives them (UTF-8 JSON). */
export function mappingSizeBytes(entries: Readonly<Record<string, string>>): number {
  return Buffer.byteLength(JSON.stringify(entries), 'utf8');
}

/** Validates a mapping document's text; every problem is reported. Pure. */
export function parseMappingDocument(text: string): ParsedMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [`is not JSON (${(err as Error).message}).`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, problems: ['must be an object { "version": 1, "entries": {...} }.'] };
  const doc = raw as Record<string, unknown>;
  const problems: string[] = [];
  if (doc.version !== 1) problems.push(`version must be 1, not ${JSON.stringify(doc.version)}.`);
  const entries = doc.entries;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    problems.push('entries must be an object of key → ARN strings.');
    return { ok: false, problems };
  }
  for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
    if (!KEY.test(key))
      problems.push(`entries key ${JSON.stringify(key)} must be 1-128 letters, digits, "_", "." or "-".`);
    else if (RESERVED_MAPPING_KEYS.includes(key))
      problems.push(`entries key "${key}" is reserved for the function's error answer; rename it.`);
    if (typeof value !== 'string')
      problems.push(
        `entries.${key} must be a string ARN, not ${value === null ? 'null' : typeof value} (Connect accepts only flat string maps).`,
      );
    else if (!ARN.test(value)) problems.push(`entries.${key} ${JSON.stringify(value)} is not an ARN.`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const typed = entries as Record<string, string>;
  const size = mappingSizeBytes(typed);
  if (size > MAPPING_SIZE_LIMIT_BYTES) {
    return {
      ok: false,
      problems: [
        `entries are ${size} bytes; Connect accepts at most ${MAPPING_SIZE_LIMIT_BYTES} bytes of attributes from a function. Split the mapping or shorten keys.`,
      ],
    };
  }
  return { ok: true, document: { version: 1, entries: typed } };
}
