import { FlowDocument } from '../model/flow-document';
import { isMappingKeyShaped, MAPPING_KEY_PREFIXES } from '../model/mapping-key';

const EXTERNAL_RE = /\$\.External\.([A-Za-z0-9_-]+)/g;

/**
 * Every mapping key the documents read at run time (`$.External.<Key>` shaped like a mapping
 * key), sorted. The published mapping holds exactly these, so its size grows with what flows
 * use, not with the size of the instance (Connect caps a Lambda result at 32 KB).
 */
export function referencedMappingKeys(documents: readonly FlowDocument[]): string[] {
  const keys = new Set<string>();
  for (const d of documents) {
    for (const m of JSON.stringify(d.content).matchAll(EXTERNAL_RE))
      if (isMappingKeyShaped(m[1])) keys.add(m[1]);
  }
  return [...keys].sort();
}

/** Names after the `Lambda_` / `Lex_` prefix of referenced keys, as candidates for SSM lookups. */
export function namesOfKind(keys: readonly string[], kind: 'lambda' | 'lex'): string[] {
  const prefix = `${MAPPING_KEY_PREFIXES[kind]}_`;
  return keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}
