import { CATALOG_LIST, CATALOG_SOURCE } from '../../catalog/repo-catalog';
import { DEFAULT_PROMPTS } from '../../model/default-prompts';
import { findPlaceholders, PLACEHOLDER_KINDS, PlaceholderKind } from '../../model/placeholders';
import { UNNAMED_KIND } from '../../normalize/unnamed-placeholder';
import { closestMatch, didYouMean } from '../did-you-mean';
import { strings } from '../flow-walk';
import { LintRule, RuleFinding } from '../lint-rule';

const KIND_NOUN: Readonly<Record<PlaceholderKind, string>> = {
  queue: 'queue',
  prompt: 'prompt',
  hours: 'hours of operation',
  flow: 'contact flow',
  module: 'flow module',
  lambda: 'Lambda function',
  lex: 'Lex bot',
};

const ANY_PLACEHOLDER_RE = /\$\{([A-Za-z][A-Za-z0-9-]*)(?::([^}]*))?\}/g;

/**
 * Every deploy-time placeholder must name something the repository defines (default prompts
 * count as defined), and be spelled with a known kind.
 */
export const unknownReference: LintRule = {
  id: 'unknown-reference',
  check(doc, { catalog }) {
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    const texts = strings(doc.content);
    for (const text of texts) {
      for (const p of findPlaceholders(text)) {
        if (p.kind === 'mapping-function' || seen.has(p.text)) continue;
        seen.add(p.text);
        const list = CATALOG_LIST[p.kind];
        const known = catalog[list];
        if (known === undefined) continue;
        const candidates = p.kind === 'prompt' ? [...known, ...DEFAULT_PROMPTS] : known;
        if (candidates.includes(p.name)) continue;
        findings.push({
          severity: 'error',
          message: `"${p.text}" names no ${KIND_NOUN[p.kind]} defined in ${CATALOG_SOURCE[list]}${didYouMean(p.name, candidates)}`,
        });
      }
      for (const m of text.matchAll(ANY_PLACEHOLDER_RE)) {
        const [whole, kind, name] = m;
        if (seen.has(whole)) continue;
        if (kind === 'mapping-function' && name === undefined) continue;
        if ((PLACEHOLDER_KINDS as readonly string[]).includes(kind) && name !== undefined && name !== '')
          continue;
        seen.add(whole);
        findings.push({ severity: 'error', message: describeBadPlaceholder(whole, kind, name) });
      }
    }
    return findings;
  },
};

function describeBadPlaceholder(whole: string, kind: string, name: string | undefined): string {
  if (kind === UNNAMED_KIND) {
    return `"${whole}" is an ARN the normalizer could not name and the deployment cannot resolve; replace it with a placeholder such as \${queue:Name} or a $.External key`;
  }
  if ((PLACEHOLDER_KINDS as readonly string[]).includes(kind)) {
    return `"${whole}" has no name; write \${${kind}:Name}`;
  }
  if (kind.startsWith('mapping'))
    return `"${whole}" is not a placeholder; did you mean "\${mapping-function}"?`;
  const suggestion = closestMatch(kind, PLACEHOLDER_KINDS);
  const hint = suggestion === undefined ? '' : `; did you mean "\${${suggestion}:${name ?? ''}}"?`;
  return `"${whole}" is not a placeholder (kinds: ${PLACEHOLDER_KINDS.join(', ')}, mapping-function)${hint}`;
}
