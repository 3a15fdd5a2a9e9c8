import { mappingKey } from '../model/mapping-key';
import { PLACEHOLDER_KINDS, PlaceholderKind } from '../model/placeholders';
import { CATALOG_LIST, RepoCatalog } from './repo-catalog';

/** A resource the mapping function returns. */
export interface MappingEntry {
  readonly kind: PlaceholderKind;
  readonly name: string;
}

/**
 * Every `$.External` key the mapping function returns for what the repository defines, with the
 * resource behind it (default prompts are not included: reference them with `${prompt:Name}`).
 */
export function catalogMappingKeys(catalog: RepoCatalog): Map<string, MappingEntry> {
  const keys = new Map<string, MappingEntry>();
  for (const kind of PLACEHOLDER_KINDS) {
    for (const name of catalog[CATALOG_LIST[kind]] ?? []) {
      const key = mappingKey(kind, name);
      if (!keys.has(key)) keys.set(key, { kind, name });
    }
  }
  return keys;
}
