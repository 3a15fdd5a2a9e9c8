import type { ConfigProblem } from '@amzconnect/env';
import { accountRegionOwnerProblems } from '../manifest/account-region-owners';
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
  return accountRegionOwnerProblems(
    parsed,
    (settings) =>
      settings.manageIdentity ? { name: settings.domain, field: 'ses.manageIdentity' } : undefined,
    (environment, domain, clashes) =>
      `environment "${environment.name}" would create the SES identity "${domain}" in account ${environment.account} again in ${clashes}; one identity exists per account and Region: set "ses": { "manageIdentity": false } here to use the existing one.`,
  );
}
