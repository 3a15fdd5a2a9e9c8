import { AGENT_GUIDES_ENV as E } from './environment-names';

type Env = Readonly<Record<string, string | undefined>>;

/** Per-attempt timeout of SES / End User Messaging calls when `SEND_TIMEOUT_MS` is not set. */
export const DEFAULT_SEND_TIMEOUT_MS = 2000;

/** Settings of the send-email function; `undefined` fields mean "not configured". */
export interface EmailConfig {
  readonly fromAddress?: string;
  readonly template?: string;
  readonly configurationSet?: string;
  readonly requestTimeoutMs: number;
}

/** Settings of the send-SMS function; `undefined` fields mean "not configured". */
export interface SmsConfig {
  readonly originationIdentity?: string;
  readonly messageTemplate?: string;
  readonly configurationSet?: string;
  readonly requestTimeoutMs: number;
}

/** A link shown in the guide's views. */
export interface GuideLink {
  readonly label: string;
  readonly url: string;
}

/** The e-mail sender the settings function checks before it calls the channel ready. */
export interface EmailReadinessSettings {
  /** The SES identity (domain or address) `fromAddress` belongs to. */
  readonly identity: string;
  readonly template: string;
  /** @default none: no configuration set to check */
  readonly configurationSet?: string;
}

/** The SMS sender the settings function checks before it calls the channel ready. */
export interface SmsReadinessSettings {
  /** Phone number id (`phone-...`) or pool id (`pool-...`). */
  readonly originationIdentity: string;
  /** @default none: no configuration set to check */
  readonly configurationSet?: string;
}

/** What the settings function reports to the guide flow. */
export interface GuideSettings {
  readonly emailConfigured: boolean;
  readonly smsConfigured: boolean;
  /** The e-mail sender to check; absent when e-mail is not configured (or its identity is unknown). */
  readonly email?: EmailReadinessSettings;
  /** The SMS sender to check; absent when SMS is not configured. */
  readonly sms?: SmsReadinessSettings;
  /** Settings whose values are known placeholders, e.g. `email.identity` (found at synthesis). */
  readonly placeholders: readonly string[];
  /**
   * Whether the guide pre-fills its forms from Customer Profiles: the environment says so and the
   * instance's domain is known (its name is published by the instance stack).
   */
  readonly customerProfiles: boolean;
  /** Name of the instance's Customer Profiles domain; absent when the guide does not use one. */
  readonly customerProfilesDomain?: string;
  readonly links: readonly GuideLink[];
  /** The Region the flow runs in, for the AWS-managed view ARNs. */
  readonly region: string;
}

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

function timeout(env: Env): number {
  const n = Number(value(env, E.requestTimeoutMs) ?? DEFAULT_SEND_TIMEOUT_MS);
  return Number.isInteger(n) && n >= 100 && n <= 5000 ? n : DEFAULT_SEND_TIMEOUT_MS;
}

/** Reads the send-email settings (pure; called once, at cold start). */
export function readEmailConfig(env: Env): EmailConfig {
  return {
    fromAddress: value(env, E.emailFromAddress),
    template: value(env, E.emailTemplate),
    configurationSet: value(env, E.emailConfigurationSet),
    requestTimeoutMs: timeout(env),
  };
}

/** Reads the send-SMS settings (pure; called once, at cold start). */
export function readSmsConfig(env: Env): SmsConfig {
  return {
    originationIdentity: value(env, E.smsOriginationIdentity),
    messageTemplate: value(env, E.smsMessageTemplate),
    configurationSet: value(env, E.smsConfigurationSet),
    requestTimeoutMs: timeout(env),
  };
}

/** Reads what the settings function reports (pure). Malformed links are left out. */
export function readGuideSettings(env: Env): GuideSettings {
  const email = readEmailConfig(env);
  const sms = readSmsConfig(env);
  const emailConfigured = email.fromAddress !== undefined && email.template !== undefined;
  const smsConfigured = sms.originationIdentity !== undefined && sms.messageTemplate !== undefined;
  const identity = value(env, E.emailIdentity);
  const profilesDomain = value(env, E.customerProfilesDomain);
  return {
    emailConfigured,
    smsConfigured,
    ...(emailConfigured && identity
      ? {
          email: {
            identity,
            template: email.template as string,
            ...(email.configurationSet ? { configurationSet: email.configurationSet } : {}),
          },
        }
      : {}),
    ...(smsConfigured
      ? {
          sms: {
            originationIdentity: sms.originationIdentity as string,
            ...(sms.configurationSet ? { configurationSet: sms.configurationSet } : {}),
          },
        }
      : {}),
    placeholders: (value(env, E.placeholders) ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    customerProfiles: value(env, E.customerProfiles) === 'true' && profilesDomain !== undefined,
    ...(profilesDomain ? { customerProfilesDomain: profilesDomain } : {}),
    links: parseLinks(value(env, E.links)),
    region: value(env, 'AWS_REGION') ?? '',
  };
}

function parseLinks(raw: string | undefined): GuideLink[] {
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    if (!Array.isArray(list)) return [];
    return list.filter(
      (l): l is GuideLink =>
        typeof l === 'object' && l !== null && typeof l.label === 'string' && typeof l.url === 'string',
    );
  } catch {
    return [];
  }
}

/** Settings the send-email function lacks in this environment (pure); empty when it can send. */
export function missingEmailSettings(config: EmailConfig): string[] {
  return [...(config.fromAddress ? [] : [E.emailFromAddress]), ...(config.template ? [] : [E.emailTemplate])];
}

/** Settings the send-SMS function lacks in this environment (pure); empty when it can send. */
export function missingSmsSettings(config: SmsConfig): string[] {
  return [
    ...(config.originationIdentity ? [] : [E.smsOriginationIdentity]),
    ...(config.messageTemplate ? [] : [E.smsMessageTemplate]),
  ];
}
