import { LintRule, RuleFinding } from '../lint-rule';

/** Characters Connect does not allow in an action identifier. */
const FORBIDDEN = ['%', ':', '(', '\\', '/', ')', '=', '$', ',', ';', '[', ']', '{', '}'];

/** Strings Connect does not allow as an action identifier. */
const RESERVED = [
  '__proto__',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
];

/** Connect's rules for action identifiers: at most 50 characters, no forbidden characters or names. */
export const identifierSyntax: LintRule = {
  id: 'identifier-syntax',
  check(doc) {
    const findings: RuleFinding[] = [];
    for (const { Identifier: id } of doc.content.Actions) {
      const bad = FORBIDDEN.filter((c) => id.includes(c));
      if ([...id].length > 50) {
        findings.push({
          severity: 'error',
          message: `action identifier "${id}" is longer than Connect's 50 characters`,
        });
      }
      if (bad.length > 0) {
        findings.push({
          severity: 'error',
          message: `action identifier "${id}" contains ${bad.map((c) => `"${c}"`).join(', ')}, which Connect does not allow`,
        });
      }
      if (RESERVED.includes(id)) {
        findings.push({
          severity: 'error',
          message: `action identifier "${id}" is a name Connect does not allow`,
        });
      }
    }
    return findings;
  },
};
