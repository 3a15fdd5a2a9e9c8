import { GuideSettings } from './agent-guides-config';
import { Lookup, ReadinessFacts } from './readiness-facts';

/** Why a channel is not ready; the settings view shows the sentence of the first one. */
export type NotReadyReason =
  | 'NOT_CONFIGURED'
  | 'PLACEHOLDER'
  | 'SES_SENDING_DISABLED'
  | 'SES_SANDBOX'
  | 'SES_IDENTITY_NOT_FOUND'
  | 'SES_IDENTITY_NOT_VERIFIED'
  | 'SES_TEMPLATE_NOT_FOUND'
  | 'SES_CONFIGURATION_SET_NOT_FOUND'
  | 'SES_CONFIGURATION_SET_SENDING_DISABLED'
  | 'SMS_ORIGINATION_IDENTITY_NOT_FOUND'
  | 'SMS_ORIGINATION_IDENTITY_NOT_ACTIVE'
  | 'SMS_CONFIGURATION_SET_NOT_FOUND'
  | 'CHECK_FAILED';

/** One channel's readiness: ready only when `reasons` is empty. */
export interface ChannelReadiness {
  readonly ready: boolean;
  /** Every prerequisite that is missing, in the order an administrator fixes them. */
  readonly reasons: readonly { readonly code: NotReadyReason; readonly text: string }[];
}

/** Both channels' readiness. */
export interface Readiness {
  readonly email: ChannelReadiness;
  readonly sms: ChannelReadiness;
}

type Reason = ChannelReadiness['reasons'][number];

const channel = (reasons: Reason[]): ChannelReadiness => ({ ready: reasons.length === 0, reasons });

const NOT_CONFIGURED: Reason = {
  code: 'NOT_CONFIGURED',
  text: 'no sender is configured for this environment',
};

/** A failed look-up: nothing is known, so the channel is not called ready. */
function checkFailed(what: string, lookup: Lookup<unknown>): Reason[] {
  return lookup.status === 'error'
    ? [{ code: 'CHECK_FAILED', text: `${what} could not be checked (${lookup.error}); try again later` }]
    : [];
}

function placeholders(settings: GuideSettings, prefix: string): Reason[] {
  return settings.placeholders
    .filter((p) => p.startsWith(prefix))
    .map((p) => ({ code: 'PLACEHOLDER' as const, text: `${p} is a placeholder value, not a real one` }));
}

/**
 * Whether each channel can really send (pure): e-mail needs SES sending enabled and production
 * access in the Region (in the sandbox SES delivers only to verified addresses, so customers would
 * not get the notice), a verified identity, the template and the configuration set; SMS needs an
 * ACTIVE phone number or pool and the configuration set. A configured value that is a known
 * placeholder is never ready. A look-up that failed counts as not ready.
 */
export function decideReadiness(settings: GuideSettings, facts: ReadinessFacts): Readiness {
  return { email: emailReadiness(settings, facts), sms: smsReadiness(settings, facts) };
}

function emailReadiness(settings: GuideSettings, facts: ReadinessFacts): ChannelReadiness {
  const f = facts.email;
  if (!settings.email || !f) return channel([NOT_CONFIGURED]);
  const reasons: Reason[] = [...placeholders(settings, 'email.')];
  if (f.account.status === 'found') {
    if (!f.account.value.sendingEnabled)
      reasons.push({
        code: 'SES_SENDING_DISABLED',
        text: 'Amazon SES sending is paused for the account in this Region',
      });
    if (!f.account.value.productionAccess)
      reasons.push({
        code: 'SES_SANDBOX',
        text: 'the Amazon SES account is in the sandbox in this Region (request production access)',
      });
  }
  reasons.push(...checkFailed('the Amazon SES account', f.account));
  if (f.identity.status === 'missing')
    reasons.push({ code: 'SES_IDENTITY_NOT_FOUND', text: 'the SES identity does not exist in this Region' });
  else if (f.identity.status === 'found' && !f.identity.value.verifiedForSending)
    reasons.push({ code: 'SES_IDENTITY_NOT_VERIFIED', text: 'the SES identity is not verified for sending' });
  reasons.push(...checkFailed('the SES identity', f.identity));
  if (f.template.status === 'missing')
    reasons.push({ code: 'SES_TEMPLATE_NOT_FOUND', text: 'the SES template does not exist in this Region' });
  reasons.push(...checkFailed('the SES template', f.template));
  const cs = f.configurationSet;
  if (cs?.status === 'missing')
    reasons.push({
      code: 'SES_CONFIGURATION_SET_NOT_FOUND',
      text: 'the SES configuration set does not exist in this Region',
    });
  else if (cs?.status === 'found' && !cs.value.sendingEnabled)
    reasons.push({
      code: 'SES_CONFIGURATION_SET_SENDING_DISABLED',
      text: 'sending is disabled on the SES configuration set',
    });
  if (cs) reasons.push(...checkFailed('the SES configuration set', cs));
  return channel(reasons);
}

function smsReadiness(settings: GuideSettings, facts: ReadinessFacts): ChannelReadiness {
  const f = facts.sms;
  if (!settings.sms || !f) return channel([NOT_CONFIGURED]);
  const reasons: Reason[] = [...placeholders(settings, 'sms.')];
  const id = f.originationIdentity;
  if (id.status === 'missing')
    reasons.push({
      code: 'SMS_ORIGINATION_IDENTITY_NOT_FOUND',
      text: 'the SMS phone number or pool does not exist in this Region',
    });
  else if (id.status === 'found' && id.value.status !== 'ACTIVE')
    reasons.push({
      code: 'SMS_ORIGINATION_IDENTITY_NOT_ACTIVE',
      text: `the SMS phone number or pool is ${id.value.status}, not ACTIVE`,
    });
  reasons.push(...checkFailed('the SMS phone number or pool', id));
  const cs = f.configurationSet;
  if (cs?.status === 'missing')
    reasons.push({
      code: 'SMS_CONFIGURATION_SET_NOT_FOUND',
      text: 'the SMS configuration set does not exist in this Region',
    });
  if (cs) reasons.push(...checkFailed('the SMS configuration set', cs));
  return channel(reasons);
}

/** The status line a card shows: `Ready`, or `Not ready: <first reason>` (and how many more). */
export function readinessStatus(readiness: ChannelReadiness): string {
  if (readiness.ready) return 'Ready';
  const [first, ...rest] = readiness.reasons;
  return `Not ready: ${first.text}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`;
}
