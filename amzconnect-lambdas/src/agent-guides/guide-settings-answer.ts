import { FlatStringMap } from '../shared/flat-map';
import { GuideSettings } from './agent-guides-config';
import { Readiness, readinessStatus } from './decide-readiness';

/** The partition of a Region, for ARNs. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** ARN of an AWS-managed step-by-step guide view (`cards`, `form`, `confirmation`) in `region`. */
export function managedViewArn(region: string, view: string): string {
  return `arn:${partitionOf(region)}:connect:${region}:aws:view/${view}`;
}

/** The status of the both-channels card: `Ready` only when both channels are. */
function bothStatus(readiness: Readiness): string {
  const notReady = (
    [
      ['e-mail', readiness.email],
      ['SMS', readiness.sms],
    ] as const
  ).filter(([, r]) => !r.ready);
  if (notReady.length === 0) return 'Ready';
  return `Not ready: ${notReady.map(([name, r]) => `${name}: ${r.reasons[0].text}`).join('; ')}`;
}

/**
 * What the guide flow reads first (pure): whether e-mail and SMS are configured and really ready
 * (the cards show `Ready` or the first missing prerequisite instead of failing later), whether
 * Customer Profiles is enabled (and the name of the instance's domain), the environment's links, and the AWS-managed view ARNs of the
 * Region the flow runs in, so the flow file names no Region.
 */
export function guideSettingsAnswer(settings: GuideSettings, readiness: Readiness): FlatStringMap {
  const links = settings.links.slice(0, 3);
  const answer: Record<string, string> = {
    EmailConfigured: String(settings.emailConfigured),
    SmsConfigured: String(settings.smsConfigured),
    CustomerProfiles: String(settings.customerProfiles),
    CustomerProfilesDomain: settings.customerProfiles ? (settings.customerProfilesDomain ?? '') : '',
    EmailReady: String(readiness.email.ready),
    SmsReady: String(readiness.sms.ready),
    EmailStatus: readinessStatus(readiness.email),
    SmsStatus: readinessStatus(readiness.sms),
    BothStatus: bothStatus(readiness),
    EmailNotReady: readiness.email.reasons.map((r) => r.code).join(','),
    SmsNotReady: readiness.sms.reasons.map((r) => r.code).join(','),
    CardsView: managedViewArn(settings.region, 'cards'),
    FormView: managedViewArn(settings.region, 'form'),
    ConfirmationView: managedViewArn(settings.region, 'confirmation'),
    LinkCount: String(links.length),
  };
  [0, 1, 2].forEach((i) => {
    answer[`Link${i + 1}Label`] = links[i]?.label ?? '';
    answer[`Link${i + 1}Url`] = links[i]?.url ?? '';
  });
  return answer;
}
