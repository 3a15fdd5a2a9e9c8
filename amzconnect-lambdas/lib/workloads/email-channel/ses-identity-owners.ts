import type { ConfigProblem } from '@amzconnect/env';
import type { ParsedWorkloadSettings } from '../manifest/workload-manifest';
import type { EmailChannelSettings } from './email-channel-settings';

/**
 * Refuses two environments that would both create the SES identity of one domain in the same
 * account and Region. An SES identity is a per-account, per-Region resource (SES v2
 * `CreateEmailIdentity` answers `AlreadyExistsException` for a second one; API reference:
 * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateEmailIdentity.html), so the
 * second stack's `AWS::SES::EmailIdentity` would fail to create. The first environment (in the
 * order of `env/accountvars.json`) keeps it; every later one is told to adopt it.
 */
export function sesIdentityOwnerProblems(
  parsed: readonly ParsedWorkloadSettings<EmailChannelSettings>[],
): ConfigProblem[] {
  const owners = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { environment, settings, file, field } of parsed) {
    if (!settings.manageIdentity) continue;
    const clashes: string[] = [];
    for (const region of environment.regions) {
      const key = `${environment.account}/${region}/${settings.domain}`;
      const owner = owners.get(key);
      if (owner) clashes.push(`${region} (created by "${owner}")`);
      else owners.set(key, environment.name);
    }
    if (clashes.length > 0)
      problems.push({
        file,
        field: `${field}.ses.manageIdentity`,
        message: `environment "${environment.name}" would create the SES identity "${settings.domain}" in account ${environment.account} again in ${clashes.join(', ')}; one identity exists per account and Region: set "ses": { "manageIdentity": false } here to use the existing one.`,
      });
  }
  return problems;
}
