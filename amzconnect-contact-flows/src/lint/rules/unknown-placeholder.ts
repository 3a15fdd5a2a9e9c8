import { LintRule } from '../lint-rule';

const ANY_INTERPOLATION = /\$\{[^}]*\}/g;
const OURS = /^\$\{(?:(?:queue|prompt|hours|flow|module|lambda|lex):[^}]+|mapping-function)\}$/;

/**
 * Any `${...}` that is not one of our placeholders (`${queue:Name}`, ..., `${mapping-function}`)
 * is an error: e.g. a Terraform interpolation (`${var.queues_map["x"]}`) copied from another
 * tool would reach Connect unresolved.
 */
export const unknownPlaceholder: LintRule = {
  id: 'unknown-placeholder',
  check(doc) {
    const text = JSON.stringify(doc.content);
    const unknown = [...new Set([...text.matchAll(ANY_INTERPOLATION)].map((m) => m[0]))].filter(
      (p) => !OURS.test(p),
    );
    return unknown.map((p) => ({
      severity: 'error' as const,
      message: `${JSON.parse(`"${p}"`) as string} is not a placeholder this platform resolves; use \${queue:Name}, \${prompt:Name}, \${hours:Name}, \${flow:Name}, \${module:Name}, \${lambda:Name}, \${lex:Bot} or \${mapping-function}`,
    }));
  },
};
