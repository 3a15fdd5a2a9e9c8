/**
 * Canonical JSON: object keys sorted at every depth, no whitespace. Two documents that differ
 * only in key order or formatting have the same canonical form, so comparing canonical strings
 * compares meaning, not layout.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * Canonical form of flow content given as a JSON string (as Connect returns it). Content that is
 * not valid JSON is returned unchanged, so it compares unequal to any valid desired content.
 */
export function canonicalContent(content: string | undefined): string {
  if (content === undefined) return '';
  try {
    return canonicalJson(JSON.parse(content));
  } catch {
    return content;
  }
}
