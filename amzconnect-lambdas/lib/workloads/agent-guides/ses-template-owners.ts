import type { ConfigProblem } from '@amzconnect/env';
import { accountRegionOwnerProblems } from '../manifest/account-region-owners';
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
  return accountRegionOwnerProblems(
    parsed,
    ({ email }) => (email?.manageTemplate ? { name: email.template, field: 'email.template' } : undefined),
    (environment, template, clashes) =>
      `environment "${environment.name}" would create the SES template "${template}" in account ${environment.account} again in ${clashes}; a template name exists once per account and Region: name this environment's template differently (e.g. "${template}-${environment.name}"), or set "manageTemplate": false to use that one.`,
  );
}
