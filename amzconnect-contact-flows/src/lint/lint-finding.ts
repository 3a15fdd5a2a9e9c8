/** Identifiers of the lint rules, as printed. */
export type LintRuleId =
  | 'format'
  | 'duplicate-name'
  | 'duplicate-identifier'
  | 'identifier-syntax'
  | 'start-action'
  | 'transition-target'
  | 'unreachable-action'
  | 'unknown-reference'
  | 'unknown-external-key'
  | 'hard-coded-arn'
  | 'hard-coded-account-id'
  | 'hard-coded-region'
  | 'content-size'
  | 'unknown-placeholder'
  | 'guessed-type'
  | 'name-length'
  | 'block-type'
  | 'catalog';

/** How bad a finding is: errors fail the lint (exit 1), warnings do not. */
export type LintSeverity = 'error' | 'warning';

/** One problem found in one file. */
export interface LintFinding {
  readonly path: string;
  readonly severity: LintSeverity;
  readonly rule: LintRuleId;
  readonly message: string;
}

/** `PATH: error|warning: <rule>: <message>`, the linter's output line. */
export function formatFinding(f: LintFinding): string {
  return `${f.path}: ${f.severity}: ${f.rule}: ${f.message}`;
}
