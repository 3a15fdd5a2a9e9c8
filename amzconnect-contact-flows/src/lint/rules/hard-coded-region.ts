import { accountArns } from '../../normalize/arn';
import { actionStrings, describeAction } from '../flow-walk';
import { LintRule, RuleFinding } from '../lint-rule';

const REGION_RE =
  /(?<![A-Za-z0-9-])(?:us-gov|us|eu|ap|ca|sa|me|af|il|mx|cn)-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d(?![A-Za-z0-9-])/g;

/** A Region code in a parameter: the flow runs in more than one Region; `$.AwsRegion` is the current one. */
export const hardCodedRegion: LintRule = {
  id: 'hard-coded-region',
  check(doc) {
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const { action, value } of actionStrings(doc.content.Actions)) {
      let rest = value;
      for (const arn of accountArns(value)) rest = rest.split(arn).join(' ');
      for (const m of rest.matchAll(REGION_RE)) {
        const key = `${action.Identifier} ${m[0]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          severity: 'warning',
          message: `${describeAction(action)} has the hard-coded Region "${m[0]}"; use $.AwsRegion so the flow works in every Region it is deployed to`,
        });
      }
    }
    return findings;
  },
};
