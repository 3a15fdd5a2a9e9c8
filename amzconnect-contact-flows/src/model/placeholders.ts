/**
 * Deploy-time placeholders: references by name that the deployment resolves per environment,
 * so a flow file never carries an account-specific ARN.
 *
 *   ${queue:Name} ${prompt:Name} ${hours:Name} ${flow:Name} ${module:Name} ${lambda:Name} ${lex:Bot}
 *   ${mapping-function}   (the original sample's <<ARNREPLACE>> is an alias, every occurrence)
 */

/** Kinds of named references. */
export const PLACEHOLDER_KINDS = ['queue', 'prompt', 'hours', 'flow', 'module', 'lambda', 'lex'] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];

/** A placeholder found in flow content. */
export type Placeholder =
  | { readonly kind: PlaceholderKind; readonly name: string; readonly text: string }
  | { readonly kind: 'mapping-function'; readonly name: ''; readonly text: string };

/** The original sample's marker for the mapping function's ARN. */
export const LEGACY_MAPPING_MARKER = '<<ARNREPLACE>>';

const PLACEHOLDER_RE =
  /\$\{(queue|prompt|hours|flow|module|lambda|lex):([^}]+)\}|\$\{mapping-function\}|<<ARNREPLACE>>/g;

/** Every placeholder occurrence in a string, in order. */
export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    if (m[1]) found.push({ kind: m[1] as PlaceholderKind, name: m[2], text: m[0] });
    else found.push({ kind: 'mapping-function', name: '', text: m[0] });
  }
  return found;
}

/** Builds the placeholder text for a reference, e.g. `${queue:ACME_Sales}`. */
export function placeholder(kind: PlaceholderKind | 'mapping-function', name = ''): string {
  return kind === 'mapping-function' ? '${mapping-function}' : `\${${kind}:${name}}`;
}

/**
 * Replaces every placeholder in `text` with `resolve(p)`. `resolve` returns `undefined` for an
 * unknown reference, which is collected and returned instead of being replaced.
 */
export function replacePlaceholders(
  text: string,
  resolve: (p: Placeholder) => string | undefined,
): { readonly text: string; readonly unresolved: readonly Placeholder[] } {
  const unresolved: Placeholder[] = [];
  const out = text.replace(PLACEHOLDER_RE, (whole: string, kind?: string, name?: string) => {
    const p: Placeholder = kind
      ? { kind: kind as PlaceholderKind, name: name as string, text: whole }
      : { kind: 'mapping-function', name: '', text: whole };
    const value = resolve(p);
    if (value === undefined) {
      unresolved.push(p);
      return whole;
    }
    return value;
  });
  return { text: out, unresolved };
}
