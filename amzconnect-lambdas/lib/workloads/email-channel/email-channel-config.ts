import { ConfigError, ConfigProblem } from '@amzconnect/env';
import { EmailChannelSettings, RELAY_MAILBOXES } from './email-channel-settings';

/** Names of the channel's functions its flows invoke, as `${lambda:<name>}` (and SSM names). */
export const EMAIL_CHANNEL_FLOW_FUNCTIONS: readonly string[] = ['email-generate-url', 'email-whisper'];

/** The validated `config/workloads/email-channel.json`: the settings of each environment where the channel is on. */
export interface EmailChannelConfig {
  /** Settings by environment name; an environment not listed has the channel off. */
  readonly environments: ReadonlyMap<string, EmailChannelSettings>;
}

/** An environment's name and Regions, from `env/accountvars.json`. */
export interface EnvironmentRegions {
  readonly name: string;
  readonly regions: readonly string[];
}

/**
 * The channel's settings for one stack, or `undefined` where it is off. The channel is built in
 * every Region of an environment that enables it (the domain's MX record picks the Region that
 * receives), because the flow deployment turns workload flows on per environment, not per Region.
 */
export function emailChannelFor(
  config: EmailChannelConfig,
  envName: string,
  _region: string,
): EmailChannelSettings | undefined {
  return config.environments.get(envName);
}

const ENV_KEYS = [
  'enabled',
  'domain',
  'inquiryAddress',
  'taskFlow',
  'presignedUrlMinutes',
  'detectLanguage',
  'detectSentiment',
  'detectEntities',
  'disclaimer',
  'relaySenders',
  'agentPageOrigins',
  'ses',
] as const;
const SES_KEYS = ['manageIdentity'] as const;
const ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const LOCAL_PART = /^[a-z0-9][a-z0-9._-]{0,40}$/;
const FLOW_REF = /^\$\{flow:([^}]+)\}$/;
const MIN_URL_MINUTES = 2;
const MAX_URL_MINUTES = 60;
const DEFAULT_URL_MINUTES = 15;
const MAX_DISCLAIMER = 2000;

/**
 * Validates the parsed file. Every problem is collected (file, field, fix) and thrown once. The
 * channel is off unless an environment says `"enabled": true`; then every required setting must
 * be present.
 * @param environmentNames the environments of `env/accountvars.json`
 * @throws ConfigError
 */
export function parseEmailChannelConfig(
  raw: unknown,
  file: string,
  environments: readonly EnvironmentRegions[],
): EmailChannelConfig {
  const environmentNames = environments.map((e) => e.name);
  const problems: ConfigProblem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });
  if (!isObject(raw)) {
    add('', 'must be an object like { "environments": { "develop": { "enabled": true, ... } } }.');
    throw new ConfigError(problems);
  }
  for (const key of Object.keys(raw))
    if (key !== 'environments') add(key, 'is not a known key; remove it (the only key is "environments").');
  const listed = raw.environments ?? {};
  if (!isObject(listed)) {
    add(
      'environments',
      'must be an object keyed by environment name, e.g. { "develop": { "enabled": true, ... } }.',
    );
    throw new ConfigError(problems);
  }
  const settings = new Map<string, EmailChannelSettings>();
  for (const [name, value] of Object.entries(listed)) {
    const at = `environments.${name}`;
    if (!environmentNames.includes(name)) {
      add(
        at,
        `"${name}" is not an environment of env/accountvars.json; fix the name or remove it (known: ${environmentNames.join(', ')}).`,
      );
      continue;
    }
    if (!isObject(value)) {
      add(at, 'must be an object with "enabled" and, when enabled, the channel settings.');
      continue;
    }
    const parsed = parseEnvironment(value, at, add);
    if (parsed) settings.set(name, parsed);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { environments: settings };
}

function parseEnvironment(
  e: Record<string, unknown>,
  at: string,
  report: (field: string, message: string) => void,
): EmailChannelSettings | undefined {
  let found = 0;
  const add = (field: string, message: string) => {
    found += 1;
    report(field, message);
  };
  for (const key of Object.keys(e))
    if (!(ENV_KEYS as readonly string[]).includes(key))
      add(
        `${at}.${key}`,
        `is not a known key; remove it or fix its spelling (known keys: ${ENV_KEYS.join(', ')}).`,
      );
  // Required, so that this loader and the flow deployment (which deploys flows/email-channel/
  // where an environment is listed and not disabled) always agree.
  if (typeof e.enabled !== 'boolean')
    add(`${at}.enabled`, 'must be true (switch the channel on) or false (keep it off).');
  const booleans = ['detectLanguage', 'detectSentiment', 'detectEntities'] as const;
  for (const key of booleans)
    if (e[key] !== undefined && typeof e[key] !== 'boolean')
      add(`${at}.${key}`, 'must be true or false (default false).');
  if (e.enabled !== true) return undefined;

  const need = (key: string, fix: string) => add(`${at}.${key}`, `is required when enabled is true; ${fix}`);
  const domain = typeof e.domain === 'string' ? e.domain.trim().toLowerCase() : undefined;
  if (e.domain === undefined)
    need('domain', 'set the mail domain SES receives for, e.g. "mail.example.com".');
  else if (!domain || !DOMAIN.test(domain))
    add(`${at}.domain`, `${JSON.stringify(e.domain)} is not a domain name; use e.g. "mail.example.com".`);

  let inquiryAddress: string | undefined;
  if (e.inquiryAddress === undefined)
    need('inquiryAddress', 'set the address customers write to, e.g. "customerservice@mail.example.com".');
  else {
    const address = typeof e.inquiryAddress === 'string' ? e.inquiryAddress.trim().toLowerCase() : '';
    const [local, host, extra] = address.split('@');
    if (extra !== undefined || !local || !LOCAL_PART.test(local))
      add(
        `${at}.inquiryAddress`,
        `${JSON.stringify(e.inquiryAddress)} must be an address like "customerservice@<domain>" whose local part has letters, digits, ".", "_" or "-" (no "+": the channel adds "+<caseId>").`,
      );
    else if (domain && host !== domain)
      add(`${at}.inquiryAddress`, `"${address}" must be at the channel's domain "${domain}".`);
    else if ((RELAY_MAILBOXES as readonly string[]).includes(local))
      add(
        `${at}.inquiryAddress`,
        `"${local}" is a relay mailbox (${RELAY_MAILBOXES.join(', ')}); choose another local part.`,
      );
    else inquiryAddress = address;
  }

  let taskFlowName: string | undefined;
  if (e.taskFlow === undefined)
    need('taskFlow', 'reference the contact flow tasks start in, e.g. "${flow:EMAIL_inbound}".');
  else {
    const m = typeof e.taskFlow === 'string' ? FLOW_REF.exec(e.taskFlow.trim()) : null;
    if (!m)
      add(
        `${at}.taskFlow`,
        `${JSON.stringify(e.taskFlow)} must be a flow reference like "\${flow:EMAIL_inbound}".`,
      );
    else taskFlowName = m[1];
  }

  const minutes = e.presignedUrlMinutes ?? DEFAULT_URL_MINUTES;
  if (
    typeof minutes !== 'number' ||
    !Number.isInteger(minutes) ||
    minutes < MIN_URL_MINUTES ||
    minutes > MAX_URL_MINUTES
  )
    add(
      `${at}.presignedUrlMinutes`,
      `must be a whole number of minutes from ${MIN_URL_MINUTES} to ${MAX_URL_MINUTES} (the function's role credentials outlive at most an hour of URLs), not ${JSON.stringify(minutes)}.`,
    );

  if (e.disclaimer === undefined)
    need(
      'disclaimer',
      'set the text placed under every agent reply, e.g. "This message may contain confidential information.".',
    );
  else if (typeof e.disclaimer !== 'string' || e.disclaimer.trim() === '')
    add(`${at}.disclaimer`, 'must be a non-empty string.');
  else if (e.disclaimer.length > MAX_DISCLAIMER)
    add(`${at}.disclaimer`, `is ${e.disclaimer.length} characters; use at most ${MAX_DISCLAIMER}.`);

  const senders: string[] = [];
  if (e.relaySenders === undefined)
    need(
      'relaySenders',
      'list the agents\' mail domains or addresses allowed to use the relay addresses, e.g. ["example.com"].',
    );
  else if (!Array.isArray(e.relaySenders) || e.relaySenders.length === 0)
    add(`${at}.relaySenders`, 'must be a non-empty array of domains or addresses, e.g. ["example.com"].');
  else
    e.relaySenders.forEach((s: unknown, i: number) => {
      const value = typeof s === 'string' ? s.trim().toLowerCase() : '';
      const host = value.includes('@') ? value.slice(value.indexOf('@') + 1) : value;
      if (!DOMAIN.test(host) || value.split('@').length > 2)
        add(
          `${at}.relaySenders[${i}]`,
          `${JSON.stringify(s)} must be a domain ("example.com") or an address ("agent@example.com").`,
        );
      else senders.push(value);
    });

  const origins: string[] = [];
  if (e.agentPageOrigins !== undefined && !Array.isArray(e.agentPageOrigins))
    add(`${at}.agentPageOrigins`, 'must be an array of HTTPS origins, e.g. ["https://ccp.example.com"].');
  else
    ((e.agentPageOrigins as unknown[] | undefined) ?? []).forEach((o: unknown, i: number) => {
      if (typeof o !== 'string' || !ORIGIN.test(o))
        add(
          `${at}.agentPageOrigins[${i}]`,
          `${JSON.stringify(o)} must be an HTTPS origin without path, e.g. "https://ccp.example.com".`,
        );
      else origins.push(o);
    });

  let manageIdentity = true;
  if (e.ses !== undefined && !isObject(e.ses))
    add(`${at}.ses`, 'must be an object like { "manageIdentity": true }.');
  else if (isObject(e.ses)) {
    for (const key of Object.keys(e.ses))
      if (!(SES_KEYS as readonly string[]).includes(key))
        add(`${at}.ses.${key}`, `is not a known key; remove it (known keys: ${SES_KEYS.join(', ')}).`);
    if (e.ses.manageIdentity !== undefined && typeof e.ses.manageIdentity !== 'boolean')
      add(
        `${at}.ses.manageIdentity`,
        'must be true (the stack creates the domain identity with Easy DKIM) or false (the identity exists already in this account and Region).',
      );
    else if (e.ses.manageIdentity === false) manageIdentity = false;
  }

  if (found > 0) return undefined;
  return {
    domain: domain as string,
    inquiryAddress: inquiryAddress as string,
    taskFlowName: taskFlowName as string,
    presignedUrlMinutes: minutes as number,
    detectLanguage: e.detectLanguage === true,
    detectSentiment: e.detectSentiment === true,
    detectEntities: e.detectEntities === true,
    disclaimer: (e.disclaimer as string).trim(),
    relaySenders: senders,
    agentPageOrigins: origins,
    manageIdentity,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
