import { didYouMean } from '../did-you-mean';
import { describeAction, transitionsOf } from '../flow-walk';
import { LintRule, RuleFinding } from '../lint-rule';

/** Every transition must point to an action of the flow. */
export const transitionTarget: LintRule = {
  id: 'transition-target',
  check(doc) {
    const ids = new Set(doc.content.Actions.map((a) => a.Identifier));
    const findings: RuleFinding[] = [];
    for (const action of doc.content.Actions) {
      for (const { target, via } of transitionsOf(action)) {
        if (!ids.has(target)) {
          findings.push({
            severity: 'error',
            message: `${describeAction(action)} goes to "${target}" on ${via}, which is not an action${didYouMean(target, ids)}`,
          });
        }
      }
    }
    return findings;
  },
};
