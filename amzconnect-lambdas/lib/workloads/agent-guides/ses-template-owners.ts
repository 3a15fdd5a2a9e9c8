import type { ConfigProblem } from '@amzconnect/env';
import type { ParsedWorkloadSettings } from '../manifest/workload-manifest';
import type { AgentGuidesEnvironment } from './agent-guides-config';

/**
 * Refuses two environments that would both create the SES template of one name in the same
 * account and Region. SES templates are named per account and Region (SES v2
 * `CreateEmailTemplate` answers `AlreadyExistsException` for a name in use; API reference:
 * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateEmailTemplate.html), so the
 * second stack's `AWS::SES::Template` would fail to create. The first environment (in the order
 * of `env/accountvars.json`) keeps it; every later one is told to name its own or adopt it.
 */
export function sesTemplateOwnerProblems(
  parsed: readonly ParsedWorkloadSettings<AgentGuidesEnvironment>[],
): ConfigProblem[] {
  const owners = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { environment, settings, file, field } of parsed) {
    const email = settings.email;
    if (!email?.manageTemplate) continue;
    const clashes: string[] = [];
    for (const region of environment.regions) {
      const key = `${environment.account}/${region}/${email.template}`;
      const owner = owners.get(key);
      if (owner) clashes.push(`${region} (created by "${owner}")`);
      else owners.set(key, environment.name);
    }
    if (clashes.length > 0)
      problems.push({
        file,
        field: `${field}.email.template`,
        message: `environment "${environment.name}" would create the SES template "${email.template}" in account ${environment.account} again in ${clashes.join(', ')}; a template name exists once per account and Region: name this environment's template differently (e.g. "${email.template}-${environment.name}"), or set "manageTemplate": false to use that one.`,
      });
  }
  return problems;
}
