import { accountArns } from '../../normalize/arn';
import { actionStrings, describeAction } from '../flow-walk';
import { LintRule, RuleFinding } from '../lint-rule';

const ACCOUNT_RE = /(?<![+\d])\d{12}(?!\d)/g;

/** A bare 12-digit account id in a parameter (outside an ARN, reported by hard-coded-arn). */
export const hardCodedAccountId: LintRule = {
  id: 'hard-coded-account-id',
  check(doc) {
    const findings: RuleFinding[] = [];
    for (const { action, value } of actionStrings(doc.content.Actions)) {
      let rest = value;
      for (const arn of accountArns(value)) rest = rest.split(arn).join(' ');
      for (const m of rest.matchAll(ACCOUNT_RE)) {
        findings.push({
          severity: 'warning',
          message: `${describeAction(action)} has what looks like an account id, "${m[0]}"; account ids differ per environment, take it from a $.External key`,
        });
      }
    }
    return findings;
  },
};
