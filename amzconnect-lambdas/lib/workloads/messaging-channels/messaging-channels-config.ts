import { ConfigError, ConfigProblem, deployedFlowName, Environment, PlatformConfig } from '@amzconnect/env';

/**
 * Two-way SMS through AWS End User Messaging SMS: customers text the number, End User Messaging
 * publishes each message to the workload's topic, replies go out with `SendTextMessage` from the
 * same number. No Amazon Pinpoint application is involved.
 */
export interface SmsChannelSettings {
  /** The E.164 number customers text and replies come from, e.g. `+12065550100`. */
  readonly originationNumber: string;
  /**
   * The End User Messaging phone number id (`phone-` and 32 hex digits) of that number, as
   * `SendTextMessage`'s origination identity and the resource the functions may send from.
   */
  readonly phoneNumberId: string;
}

/** Facebook Messenger through a Facebook app subscribed to a Page. */
export interface FacebookChannelSettings {
  /**
   * ARN of the Secrets Manager secret, a JSON object `{ "appSecret", "pageAccessToken",
   * "verifyToken" }` (optionally `"previousAppSecret"` during a rotation). Created by hand: the
   * values come from Facebook.
   */
  readonly secretArn: string;
}

/** The contact flow chats start in, as written in the file and as it is named in Connect. */
export interface MessagingContactFlow {
  /** The reference as written, e.g. `${flow:ACME_messaging_chat}`. */
  readonly reference: string;
  /** The repository flow name, e.g. `ACME_messaging_chat`. */
  readonly name: string;
  /** Its name in Connect (`<app>-<name>`, the flow deployment's naming), resolved to an id at run time. */
  readonly deployedName: string;
}

/** The validated settings of one environment where at least one channel is on. */
export interface MessagingChannelsSettings {
  /** The one Region of the environment the channels deploy to. */
  readonly region: string;
  /** The flow chats start in. */
  readonly contactFlow: MessagingContactFlow;
  /** SMS settings; absent when SMS is off. */
  readonly sms?: SmsChannelSettings;
  /** Facebook Messenger settings; absent when Messenger is off. */
  readonly facebook?: FacebookChannelSettings;
}

/** The validated file: settings by environment name, only for environments with a channel on. */
export interface MessagingChannelsConfig {
  readonly environments: ReadonlyMap<string, MessagingChannelsSettings>;
}

const ENV_KEYS = ['enabled', 'region', 'contactFlow', 'sms', 'facebook'];
const SMS_KEYS = ['enabled', 'originationNumber', 'phoneNumberId'];
const FACEBOOK_KEYS = ['enabled', 'secretArn'];
const FLOW_REFERENCE = /^\$\{flow:([^}]+)\}$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const PHONE_NUMBER_ID = /^phone-[0-9a-f]{32}$/;
/** The workload's own chat flow (`flows/messaging-channels/`), used when `contactFlow` is left out. */
export const MESSAGING_DEFAULT_CONTACT_FLOW = '${flow:ACME_messaging_chat}';
const SECRET_ARN =
  /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

/** The settings of the (environment, Region) pair, or undefined when the workload is off there. */
export function messagingChannelsFor(
  config: MessagingChannelsConfig,
  envName: string,
  region: string,
): MessagingChannelsSettings | undefined {
  const settings = config.environments.get(envName);
  return settings && settings.region === region ? settings : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the parsed file against the platform configuration (environment names, accounts,
 * Regions) and the repository's flows. Every problem is collected with file, field and fix, and
 * thrown once. An environment without an entry, or whose channels are all off, deploys nothing.
 * @throws ConfigError
 */
export function parseMessagingChannelsConfig(
  raw: unknown,
  file: string,
  platform: Pick<PlatformConfig, 'environments'>,
): MessagingChannelsConfig {
  const problems: ConfigProblem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });
  if (!isRecord(raw)) {
    add(
      '',
      'must be an object like { "environments": { "develop": { "contactFlow": "${flow:...}", "sms": { ... } } } }.',
    );
    throw new ConfigError(problems);
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'environments') add(key, 'is not a known key; remove it (the only key is "environments").');
  }
  const environments = raw.environments ?? {};
  if (!isRecord(environments)) {
    add('environments', 'must be an object keyed by environment name, e.g. { "develop": { ... } }.');
    throw new ConfigError(problems);
  }
  const known = platform.environments.map((e) => e.name);
  const result = new Map<string, MessagingChannelsSettings>();
  for (const [name, entry] of Object.entries(environments)) {
    const at = `environments.${name}`;
    const environment = platform.environments.find((e) => e.name === name);
    if (!environment) {
      add(
        at,
        `"${name}" is not an environment of env/accountvars.json (known: ${known.join(', ')}); fix the name or remove the entry.`,
      );
      continue;
    }
    const settings = parseEnvironment(entry, at, environment, add);
    if (settings) result.set(name, settings);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { environments: result };
}

type Add = (field: string, message: string) => void;

function parseEnvironment(
  entry: unknown,
  at: string,
  environment: Environment,
  add: Add,
): MessagingChannelsSettings | undefined {
  if (!isRecord(entry)) {
    add(at, 'must be an object with "contactFlow", "sms" and/or "facebook" (and optionally "region").');
    return undefined;
  }
  unknownKeys(entry, at, ENV_KEYS, add);
  const switchedOn = parseEnabled(
    entry.enabled ?? true,
    `${at}.enabled`,
    add,
    'false switches every channel of the environment off; leave it out otherwise',
  );
  if (switchedOn === false) return undefined;
  const region = parseRegion(entry.region, `${at}.region`, environment, add);
  const sms = parseSms(entry.sms, `${at}.sms`, add);
  const facebook = parseFacebook(entry.facebook, `${at}.facebook`, environment, region, add);
  const anyOn = sms.on || facebook.on;
  const contactFlow = parseContactFlow(
    entry.contactFlow ?? MESSAGING_DEFAULT_CONTACT_FLOW,
    `${at}.contactFlow`,
    environment,
    add,
  );
  if (!anyOn || !region || !contactFlow || sms.invalid || facebook.invalid) return undefined;
  return {
    region,
    contactFlow,
    ...(sms.settings ? { sms: sms.settings } : {}),
    ...(facebook.settings ? { facebook: facebook.settings } : {}),
  };
}

function unknownKeys(entry: Record<string, unknown>, at: string, keys: readonly string[], add: Add): void {
  for (const key of Object.keys(entry)) {
    if (!keys.includes(key))
      add(
        `${at}.${key}`,
        `is not a known key; remove it or fix its spelling (known keys: ${keys.join(', ')}).`,
      );
  }
}

function parseRegion(value: unknown, field: string, environment: Environment, add: Add): string | undefined {
  if (value === undefined) return environment.regions[0];
  if (typeof value !== 'string' || !environment.regions.includes(value)) {
    add(
      field,
      `${JSON.stringify(value)} is not a Region of environment "${environment.name}" (${environment.regions.join(', ')}); use one of them, or leave it out for ${environment.regions[0]}.`,
    );
    return undefined;
  }
  return value;
}

function parseEnabled(
  value: unknown,
  field: string,
  add: Add,
  fix = 'false, the default, leaves the channel off',
): boolean | undefined {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    add(field, `must be true or false (${fix}).`);
    return undefined;
  }
  return value;
}

interface ChannelResult<T> {
  readonly on: boolean;
  readonly invalid: boolean;
  readonly settings?: T;
}

function parseSms(value: unknown, at: string, add: Add): ChannelResult<SmsChannelSettings> {
  if (value === undefined) return { on: false, invalid: false };
  if (!isRecord(value)) {
    add(
      at,
      'must be an object like { "enabled": true, "originationNumber": "+12065550100", "phoneNumberId": "phone-<32 hex>" }.',
    );
    return { on: false, invalid: true };
  }
  unknownKeys(value, at, SMS_KEYS, add);
  const enabled = parseEnabled(value.enabled, `${at}.enabled`, add);
  if (!enabled) return { on: false, invalid: enabled === undefined };
  let invalid = false;
  const { originationNumber, phoneNumberId } = value;
  if (originationNumber === undefined) {
    add(
      `${at}.originationNumber`,
      'is required when sms.enabled is true; set the E.164 number of the End User Messaging phone number, e.g. "+12065550100".',
    );
    invalid = true;
  } else if (typeof originationNumber !== 'string' || !E164.test(originationNumber)) {
    add(
      `${at}.originationNumber`,
      `${JSON.stringify(originationNumber)} is not an E.164 number (a "+" and up to 15 digits, no spaces), e.g. "+12065550100".`,
    );
    invalid = true;
  }
  if (phoneNumberId === undefined) {
    add(
      `${at}.phoneNumberId`,
      'is required when sms.enabled is true; set the End User Messaging SMS phone number id of that number ("phone-" and 32 hex digits, console: Phone numbers).',
    );
    invalid = true;
  } else if (typeof phoneNumberId !== 'string' || !PHONE_NUMBER_ID.test(phoneNumberId)) {
    add(
      `${at}.phoneNumberId`,
      `${JSON.stringify(phoneNumberId)} is not an End User Messaging SMS phone number id: "phone-" and 32 lowercase hexadecimal characters.`,
    );
    invalid = true;
  }
  if (invalid) return { on: true, invalid };
  return {
    on: true,
    invalid,
    settings: { originationNumber: originationNumber as string, phoneNumberId: phoneNumberId as string },
  };
}

function parseFacebook(
  value: unknown,
  at: string,
  environment: Environment,
  region: string | undefined,
  add: Add,
): ChannelResult<FacebookChannelSettings> {
  if (value === undefined) return { on: false, invalid: false };
  if (!isRecord(value)) {
    add(at, 'must be an object like { "enabled": true, "secretArn": "arn:aws:secretsmanager:..." }.');
    return { on: false, invalid: true };
  }
  unknownKeys(value, at, FACEBOOK_KEYS, add);
  const enabled = parseEnabled(value.enabled, `${at}.enabled`, add);
  if (!enabled) return { on: false, invalid: enabled === undefined };
  const { secretArn } = value;
  const field = `${at}.secretArn`;
  if (secretArn === undefined) {
    add(
      field,
      'is required when facebook.enabled is true; set the ARN of the Secrets Manager secret holding { "appSecret", "pageAccessToken", "verifyToken" }.',
    );
    return { on: true, invalid: true };
  }
  const m = typeof secretArn === 'string' ? SECRET_ARN.exec(secretArn) : null;
  if (!m) {
    add(
      field,
      `${JSON.stringify(secretArn)} is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>).`,
    );
    return { on: true, invalid: true };
  }
  const [, , secretRegion, account] = m;
  if (account !== environment.account || (region !== undefined && secretRegion !== region)) {
    add(
      field,
      `is in account ${account}, Region ${secretRegion}, but environment "${environment.name}" deploys the channels to account ${environment.account}, Region ${region ?? '?'}; use a secret of that account and Region.`,
    );
    return { on: true, invalid: true };
  }
  return { on: true, invalid: false, settings: { secretArn: secretArn as string } };
}

function parseContactFlow(
  value: unknown,
  field: string,
  environment: Environment,
  add: Add,
): MessagingContactFlow | undefined {
  const m = typeof value === 'string' ? FLOW_REFERENCE.exec(value) : null;
  if (!m) {
    add(
      field,
      `${JSON.stringify(value)} must be a flow reference like "\${flow:ACME_messaging_chat}", or be left out for the workload's own chat flow.`,
    );
    return undefined;
  }
  const name = m[1];
  return { reference: value as string, name, deployedName: deployedFlowName(environment.app, name) };
}
