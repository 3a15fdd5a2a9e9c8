import { FlatStringMap } from '../shared/flat-map';
import { GuideSettings } from './agent-guides-config';

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

/**
 * What the guide flow reads first (pure): whether e-mail and SMS are configured (the cards say so
 * instead of failing later), whether Customer Profiles is enabled, the environment's links, and
 * the AWS-managed view ARNs of the Region the flow runs in, so the flow file names no Region.
 */
export function guideSettingsAnswer(settings: GuideSettings): FlatStringMap {
  const links = settings.links.slice(0, 3);
  const answer: Record<string, string> = {
    EmailConfigured: String(settings.emailConfigured),
    SmsConfigured: String(settings.smsConfigured),
    CustomerProfiles: String(settings.customerProfiles),
    EmailStatus: settings.emailConfigured ? 'Ready' : 'Not configured in this environment',
    SmsStatus: settings.smsConfigured ? 'Ready' : 'Not configured in this environment',
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
