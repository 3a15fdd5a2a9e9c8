import { asksForCustomerProfilesDomain, ConfigError, ConfigProblem, PlatformConfig } from '@amzconnect/env';

/** The workload's name: its config file, its flows folder and its registry entries' `workload`. */
export const AGENT_GUIDES_WORKLOAD = 'agent-guides';

/** SES sending settings of an environment (the same names in each of its Regions). */
export interface AgentGuidesEmail {
  /** The SES identity (domain or address) verified in each Region, e.g. `example.com`. */
  readonly identity: string;
  /** The sender address, inside `identity`. */
  readonly fromAddress: string;
  /** The SES template; its variables are `CustomerName`, `CancellationDate`, `Reference`. */
  readonly template: string;
  /**
   * Whether the stack creates the template (`AWS::SES::Template`, content from
   * `config/templates/agent-guides/cancellation-notice/`); then its name starts with `<app>-`.
   * `false` where the adopter keeps a template of their own under that name. @default true
   */
  readonly manageTemplate: boolean;
  /** SES configuration set. @default none */
  readonly configurationSet?: string;
}

/** AWS End User Messaging SMS settings of an environment. */
export interface AgentGuidesSms {
  /** Origination identity id per Region: a phone number (`phone-...`) or a pool (`pool-...`). */
  readonly originationIdentities: Readonly<Record<string, string>>;
  /** The text, with `{{CustomerName}}`, `{{CancellationDate}}`, `{{Reference}}` placeholders. */
  readonly messageTemplate: string;
  /** End User Messaging configuration set. @default none */
  readonly configurationSet?: string;
}

/** A link shown in the guide's views. */
export interface AgentGuidesLink {
  readonly label: string;
  readonly url: string;
}

/** The settings of one environment where the guide is enabled. */
export interface AgentGuidesEnvironment {
  /**
   * Whether the guide pre-fills its forms from the instance's Customer Profiles domain; `true`
   * needs the environment's `instance.customerProfiles` (the domain the instance stack creates or
   * adopts).
   */
  readonly customerProfilesEnabled: boolean;
  /** @default none: the send-email function answers NOT_CONFIGURED */
  readonly email?: AgentGuidesEmail;
  /** @default none: the send-SMS function answers NOT_CONFIGURED */
  readonly sms?: AgentGuidesSms;
  /** @default none */
  readonly links: readonly AgentGuidesLink[];
}

/** The validated file: the environments where the guide is enabled, by name. */
export interface AgentGuidesConfig {
  readonly environments: Readonly<Record<string, AgentGuidesEnvironment>>;
}

/** What the stack of one (environment, Region) receives when the guide is enabled there. */
export interface AgentGuidesTarget {
  readonly customerProfilesEnabled: boolean;
  readonly email?: AgentGuidesEmail;
  /** The SMS settings with this Region's origination identity; absent when the Region has none. */
  readonly sms?: Omit<AgentGuidesSms, 'originationIdentities'> & { readonly originationIdentity: string };
  readonly links: readonly AgentGuidesLink[];
}

const ENV_KEYS = ['enabled', 'customerProfilesEnabled', 'email', 'sms', 'links'];
const EMAIL_KEYS = ['identity', 'fromAddress', 'template', 'manageTemplate', 'configurationSet'];
const SMS_KEYS = ['originationIdentities', 'messageTemplate', 'configurationSet'];
const SES_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const ADDRESS = /^[A-Za-z0-9._%+-]{1,64}@([a-z0-9.-]+)$/;
const ORIGINATION_ID = /^(phone|pool)-[0-9a-f]{32}$/;
const SMS_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const FIELDS = ['CustomerName', 'CancellationDate', 'Reference'];
/** Longest text End User Messaging sends (10 GSM-7 parts). */
const MAX_SMS = 1600;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates the file's parsed JSON against the platform's environments. Every problem is
 * collected with its field and fix and thrown once. An environment that is not listed, or has
 * `"enabled": false`, does not get the guide (off by default).
 * @throws ConfigError
 */
export function parseAgentGuidesConfig(
  raw: unknown,
  file: string,
  platform: Pick<PlatformConfig, 'environments'>,
): AgentGuidesConfig {
  const problems: ConfigProblem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });
  if (!isObject(raw) || !isObject(raw.environments)) {
    add(
      'environments',
      'must be an object keyed by environment name, e.g. { "develop": { "enabled": true, ... } }.',
    );
    throw new ConfigError(problems);
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'environments') add(key, 'is not a known key; remove it (the only key is "environments").');
  }
  const environments: Record<string, AgentGuidesEnvironment> = {};
  for (const [name, value] of Object.entries(raw.environments)) {
    const at = `environments.${name}`;
    const environment = platform.environments.find((e) => e.name === name);
    if (!environment) {
      add(
        at,
        `is not an environment of env/accountvars.json; use one of ${platform.environments.map((e) => e.name).join(', ')} or remove it.`,
      );
      continue;
    }
    if (!isObject(value)) {
      add(
        at,
        'must be an object like { "enabled": true, "customerProfilesEnabled": true, "email": {...}, "sms": {...} }.',
      );
      continue;
    }
    const before = problems.length;
    unknownKeys(value, ENV_KEYS, at, add);
    if (typeof value.enabled !== 'boolean')
      add(`${at}.enabled`, 'must be true (deploy the guide here) or false.');
    if (value.enabled !== true) continue;
    if (typeof value.customerProfilesEnabled !== 'boolean')
      add(
        `${at}.customerProfilesEnabled`,
        'must be true when Customer Profiles is enabled on the instance (the guide pre-fills its forms from it), else false.',
      );
    else if (value.customerProfilesEnabled && !asksForCustomerProfilesDomain(environment.settings))
      add(
        `${at}.customerProfilesEnabled`,
        `is true, but environment "${name}" has no Customer Profiles domain, so the guide's profile lookup would always fail; add "customerProfiles": {} to the "instance" section of ${environment.settings.file} (the instance stack then creates the domain and integrates it with the instance), or "customerProfiles": { "existingDomainName": "<domain>" } to adopt one, or set customerProfilesEnabled to false.`,
      );
    const email =
      value.email === undefined ? undefined : parseEmail(value.email, `${at}.email`, environment.app, add);
    const sms =
      value.sms === undefined ? undefined : parseSms(value.sms, `${at}.sms`, environment.regions, add);
    const links = value.links === undefined ? [] : parseLinks(value.links, `${at}.links`, add);
    if (problems.length === before) {
      environments[name] = {
        customerProfilesEnabled: value.customerProfilesEnabled as boolean,
        ...(email ? { email } : {}),
        ...(sms ? { sms } : {}),
        links,
      };
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { environments };
}

function unknownKeys(
  value: Json,
  known: readonly string[],
  at: string,
  add: (f: string, m: string) => void,
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      add(
        `${at}.${key}`,
        `is not a known key; remove it or fix its spelling (known keys: ${known.join(', ')}).`,
      );
  }
}

function parseEmail(
  value: unknown,
  at: string,
  app: string,
  add: (f: string, m: string) => void,
): AgentGuidesEmail | undefined {
  if (!isObject(value)) {
    add(
      at,
      'must be an object with "identity", "fromAddress" and "template" (and optionally "configurationSet").',
    );
    return undefined;
  }
  unknownKeys(value, EMAIL_KEYS, at, add);
  const { identity, fromAddress, template, manageTemplate, configurationSet } = value;
  const ok: boolean[] = [];
  const check = (cond: boolean, field: string, message: string) => {
    ok.push(cond);
    if (!cond) add(`${at}.${field}`, message);
  };
  const identityOk = typeof identity === 'string' && (DOMAIN.test(identity) || ADDRESS.test(identity));
  check(
    identityOk,
    'identity',
    'must be the SES identity verified in each Region of the environment: a lowercase domain ("example.com") or an address.',
  );
  const domain = typeof fromAddress === 'string' ? ADDRESS.exec(fromAddress)?.[1] : undefined;
  check(
    domain !== undefined &&
      (!identityOk ||
        identity === fromAddress ||
        domain === identity ||
        domain.endsWith(`.${String(identity)}`)),
    'fromAddress',
    `must be an address of the identity "${String(identity)}" (SES sends only from verified identities), e.g. "cancellations@${identityOk && DOMAIN.test(String(identity)) ? String(identity) : 'example.com'}".`,
  );
  check(
    typeof template === 'string' && SES_NAME.test(template),
    'template',
    'must be an SES template name: 1-64 letters, digits, _ or -.',
  );
  check(
    manageTemplate === undefined || typeof manageTemplate === 'boolean',
    'manageTemplate',
    'must be true (the stack creates the template from config/templates/agent-guides/cancellation-notice/) or false (a template you keep yourself), or be left out (true).',
  );
  const managed = manageTemplate !== false;
  // The deploy role may create SES templates only under the app's prefix (the execution policy
  // of amzconnect-devops-pipelines scopes them to `template/<app>-*`).
  if (managed && typeof template === 'string' && SES_NAME.test(template))
    check(
      template.startsWith(`${app}-`),
      'template',
      `is "${template}", which the stack would create ("manageTemplate" is true): start it with "${app}-" (e.g. "${app}-cancellation-notice"), or set "manageTemplate": false to use a template you keep yourself.`,
    );
  check(
    configurationSet === undefined ||
      (typeof configurationSet === 'string' && SES_NAME.test(configurationSet)),
    'configurationSet',
    'must be an SES configuration set name (1-64 letters, digits, _ or -), or be left out.',
  );
  if (ok.includes(false)) return undefined;
  return {
    identity: identity as string,
    fromAddress: fromAddress as string,
    template: template as string,
    manageTemplate: managed,
    ...(configurationSet ? { configurationSet: configurationSet as string } : {}),
  };
}

function parseSms(
  value: unknown,
  at: string,
  regions: readonly string[],
  add: (f: string, m: string) => void,
): AgentGuidesSms | undefined {
  if (!isObject(value)) {
    add(
      at,
      'must be an object with "originationIdentities" and "messageTemplate" (and optionally "configurationSet").',
    );
    return undefined;
  }
  unknownKeys(value, SMS_KEYS, at, add);
  let bad = false;
  const fail = (field: string, message: string) => {
    bad = true;
    add(`${at}.${field}`, message);
  };
  const ids = value.originationIdentities;
  if (!isObject(ids)) {
    fail(
      'originationIdentities',
      'must be an object of Region to origination identity id, e.g. { "us-east-1": "phone-<32 hex>" }.',
    );
  } else {
    for (const [region, id] of Object.entries(ids)) {
      if (!regions.includes(region))
        fail(
          `originationIdentities.${region}`,
          `is not a Region of this environment (${regions.join(', ')}); remove it or fix the Region.`,
        );
      else if (typeof id !== 'string' || !ORIGINATION_ID.test(id))
        fail(
          `originationIdentities.${region}`,
          'must be a phone number id ("phone-" and 32 hex digits) or a pool id ("pool-" and 32 hex digits) from AWS End User Messaging SMS in that Region.',
        );
    }
  }
  const template = value.messageTemplate;
  if (typeof template !== 'string' || template.trim() === '') {
    fail(
      'messageTemplate',
      'must be the text to send, with {{CustomerName}}, {{CancellationDate}} and {{Reference}} placeholders.',
    );
  } else {
    const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !FIELDS.includes(n));
    if (unknown.length > 0)
      fail(
        'messageTemplate',
        `uses unknown placeholders ${unknown.map((u) => `{{${u}}}`).join(', ')}; the fields are ${FIELDS.map((f) => `{{${f}}}`).join(', ')}.`,
      );
    else if (template.length > MAX_SMS - 160)
      fail(
        'messageTemplate',
        `is ${template.length} characters; keep it under ${MAX_SMS - 160} so the filled text fits ${MAX_SMS}.`,
      );
  }
  const cs = value.configurationSet;
  if (cs !== undefined && (typeof cs !== 'string' || !SMS_NAME.test(cs)))
    fail(
      'configurationSet',
      'must be an End User Messaging configuration set name (1-64 letters, digits, _ or -), or be left out.',
    );
  if (bad) return undefined;
  return {
    originationIdentities: ids as Record<string, string>,
    messageTemplate: template as string,
    ...(cs ? { configurationSet: cs as string } : {}),
  };
}

function parseLinks(value: unknown, at: string, add: (f: string, m: string) => void): AgentGuidesLink[] {
  if (!Array.isArray(value)) {
    add(at, 'must be a list of { "label", "url" } objects.');
    return [];
  }
  if (value.length > 3) add(at, `has ${value.length} links; the views show at most 3.`);
  const links: AgentGuidesLink[] = [];
  value.forEach((l: unknown, i: number) => {
    const label = isObject(l) ? l.label : undefined;
    const url = isObject(l) ? l.url : undefined;
    if (typeof label !== 'string' || label.trim() === '' || label.length > 60)
      add(`${at}[${i}].label`, 'must be a text of 1-60 characters.');
    if (typeof url !== 'string' || !isHttpsUrl(url)) add(`${at}[${i}].url`, 'must be an https:// URL.');
    else if (typeof label === 'string') links.push({ label, url });
  });
  return links;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The settings the stack of (`envName`, `region`) receives, or `undefined` when the guide is off there. */
export function agentGuidesTarget(
  config: AgentGuidesConfig,
  envName: string,
  region: string,
): AgentGuidesTarget | undefined {
  const e = config.environments[envName];
  if (!e) return undefined;
  const id = e.sms?.originationIdentities[region];
  return {
    customerProfilesEnabled: e.customerProfilesEnabled,
    ...(e.email ? { email: e.email } : {}),
    ...(e.sms && id
      ? {
          sms: {
            originationIdentity: id,
            messageTemplate: e.sms.messageTemplate,
            ...(e.sms.configurationSet ? { configurationSet: e.sms.configurationSet } : {}),
          },
        }
      : {}),
    links: e.links,
  };
}
