import * as crypto from 'crypto';
import { canonicalJson } from './canonical-json';

/** SHA-256 (hex) of a content string exactly as sent to or returned by Connect. */
export function contentSha256(content: string): string {
  return crypto.createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * Flow content with Connect's known re-serializations undone, as canonical JSON: `Metadata`
 * dropped (Connect rewrites the layout), empty `Errors`/`Conditions` and empty `NextAction`
 * dropped (Connect adds them), numeric strings turned into numbers (Connect coerces them), keys
 * sorted. Used only where the engine has no record of what it wrote (flows created before
 * records existed, adoption); a record always wins.
 */
export function normalizedContent(content: string | undefined): string | undefined {
  if (content === undefined) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return content;
  }
  return canonicalJson(normalize(doc, ''));
}

function normalize(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, ''));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'Metadata' && key === '') continue;
      if ((k === 'Errors' || k === 'Conditions') && Array.isArray(v) && v.length === 0) continue;
      if (k === 'NextAction' && v === '') continue;
      out[k] = normalize(v, k);
    }
    return out;
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && value.length < 16) return Number(value);
  return value;
}
