import { LintRule, RuleFinding } from '../lint-rule';

/** Two actions with the same identifier make transitions ambiguous; Connect rejects the flow. */
export const duplicateIdentifier: LintRule = {
  id: 'duplicate-identifier',
  check(doc) {
    const counts = new Map<string, number>();
    for (const a of doc.content.Actions) counts.set(a.Identifier, (counts.get(a.Identifier) ?? 0) + 1);
    const findings: RuleFinding[] = [];
    for (const [id, n] of counts) {
      if (n > 1)
        findings.push({
          severity: 'error',
          message: `action identifier "${id}" is used by ${n} actions; identifiers must be unique`,
        });
    }
    return findings;
  },
};
