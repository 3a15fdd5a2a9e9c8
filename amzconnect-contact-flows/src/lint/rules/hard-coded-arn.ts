import { accountArns } from '../../normalize/arn';
import { strings } from '../flow-walk';
import { LintRule, RuleFinding } from '../lint-rule';

/** ARNs with an account id tie the flow to one environment: use placeholders or $.External keys. */
export const hardCodedArn: LintRule = {
  id: 'hard-coded-arn',
  check(doc) {
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    const report = (where: string, values: string[]): void => {
      for (const value of values) {
        for (const arn of accountArns(value)) {
          const key = `${where} ${arn}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push({
            severity: 'error',
            message: `${where} has the hard-coded ARN "${arn}"; use a placeholder such as \${queue:Name} or a $.External key (\`npm run flows -- normalize FILE\` rewrites it)`,
          });
        }
      }
    };
    for (const action of doc.content.Actions)
      report(`action "${action.Identifier}"`, strings(action.Parameters));
    const rest = Object.entries(doc.content).filter(([k]) => k !== 'Actions');
    report('the flow metadata', strings(Object.fromEntries(rest)));
    return findings;
  },
};
