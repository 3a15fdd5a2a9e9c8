import * as path from 'path';
import {
  ConfigError,
  enabledEnvironments,
  existingInstanceIn,
  parseWithProblems,
  readJsonFile,
  type ConfigProblem,
  type Environment,
  type PlatformConfig,
  withoutMovedEnvironments,
} from '@amzconnect/env';
import { connectInstanceAliasProblem } from './connect-instance-alias';
import { CONNECT_DOMAIN_PREFIX } from './customer-profiles-domain';
import { parseEnvironmentSection } from './environment-section';
import type { InstanceConfig, InstanceEnvironmentSettings } from './instance-config';
import {
  ADMIN_OBJECT_KINDS,
  instanceConfigSchema,
  instanceEnvironmentSettingsSchema,
} from './instance-config-schema';
import { lifecycleOverrideProblems } from './lifecycle-override-problems';
import { s3BucketNameProblem } from './s3-bucket-name';
import { targetResourceName } from './target-resource-name';

/** Default location of the instance configuration, relative to the sub-project. */
export const INSTANCE_CONFIG_FILE = path.join(__dirname, '..', 'config', 'instance.json');

/** Options for {@link loadInstanceConfig}. */
export interface LoadInstanceConfigOptions {
  /** Directory used to shorten the file name in messages. @default process.cwd() */
  readonly cwd?: string;
  /**
   * The platform configuration: when given, the `instance` section of every environment's
   * settings is validated and merged in, and the instance alias and bucket name derived for every
   * managed instance are checked against Amazon Connect's and Amazon S3's rules.
   * @default no environment settings, no cross-checks
   */
  readonly platform?: PlatformConfig;
}

const EXAMPLES: Record<string, string> = {
  instanceAlias: '"acme"',
  identityManagementType: '"CONNECT_MANAGED"',
  attributes: '{ "inboundCalls": true, "outboundCalls": true }',
  inboundCalls: 'true',
  outboundCalls: 'true',
  storage: '{ "bucketName": "acme-connect", ... }',
  bucketName: '"acme-connect"',
  callRecordingsPrefix: '"connect/call-recordings"',
  chatTranscriptsPrefix: '"connect/chat-transcripts"',
  scheduledReportsPrefix: '"connect/reports"',
  hoursOfOperation: '[{ "name": "ACME_Hours", "timeZone": "America/New_York", "schedule": [...] }]',
  queues: '[{ "name": "ACME_Sales", "hoursOfOperation": "ACME_Hours" }]',
  name: '"ACME_Sales"',
  timeZone: '"America/New_York"',
  schedule: '[{ "day": "MONDAY", "start": "09:00", "end": "17:00" }]',
  day: '"MONDAY"',
  start: '"09:00"',
  end: '"17:00"',
  description: '"Sales line"',
  defaultOutboundQueue: '"ACME_Sales"',
  media: '[{ "channel": "VOICE", "concurrency": 1 }]',
  channel: '"VOICE"',
  concurrency: '1',
  queue: '"ACME_Sales"',
  priority: '1',
  delay: '0',
  phoneNumber: '"+15555550100"',
};

/** Reports a second use of a name within one list. */
function duplicateNames(file: string, list: string, items: readonly { name: string }[]): ConfigProblem[] {
  const first = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  items.forEach((item, i) => {
    const seen = first.get(item.name);
    if (seen !== undefined) {
      problems.push({
        file,
        field: `${list}[${i}].name`,
        message: `"${item.name}" is already used by ${list}[${seen}]; give each entry its own name.`,
      });
    } else first.set(item.name, i);
  });
  return problems;
}

/** Checks that need more than one field: references by name, uniqueness, time slots. */
function crossChecks(file: string, c: InstanceConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (c.identityManagementType === 'EXISTING_DIRECTORY' && !c.directoryId) {
    problems.push({
      file,
      field: 'directoryId',
      message: 'is missing; EXISTING_DIRECTORY needs the id of the directory, e.g. "d-1234567890".',
    });
  }
  if (c.identityManagementType !== 'EXISTING_DIRECTORY' && c.directoryId) {
    problems.push({
      file,
      field: 'directoryId',
      message: `is only used with EXISTING_DIRECTORY, not ${c.identityManagementType}; remove it.`,
    });
  }
  problems.push(...duplicateNames(file, 'hoursOfOperation', c.hoursOfOperation));
  problems.push(...duplicateNames(file, 'queues', c.queues));
  problems.push(...duplicateNames(file, 'routingProfiles', c.routingProfiles));
  problems.push(...duplicateNames(file, 'quickConnects', c.quickConnects));

  c.hoursOfOperation.forEach((h, i) =>
    h.schedule.forEach((slot, j) => {
      if (slot.end <= slot.start) {
        problems.push({
          file,
          field: `hoursOfOperation[${i}].schedule[${j}].end`,
          message: `"${slot.end}" is not after start "${slot.start}"; closing time must be later than opening time on the same day.`,
        });
        return;
      }
      const overlapped = h.schedule.findIndex(
        (other, k) => k < j && other.day === slot.day && other.start < slot.end && slot.start < other.end,
      );
      if (overlapped >= 0) {
        problems.push({
          file,
          field: `hoursOfOperation[${i}].schedule[${j}]`,
          message: `${slot.day} ${slot.start}-${slot.end} overlaps schedule[${overlapped}]; merge the two slots or make them disjoint.`,
        });
      }
    }),
  );
  const hours = c.hoursOfOperation.map((h) => h.name);
  c.queues.forEach((q, i) => {
    if (!hours.includes(q.hoursOfOperation)) {
      problems.push({
        file,
        field: `queues[${i}].hoursOfOperation`,
        message: `"${q.hoursOfOperation}" names no entry of hoursOfOperation; use one of ${hours.join(', ')}.`,
      });
    }
  });
  const queues = [...new Set(c.queues.map((q) => q.name))];
  c.routingProfiles.forEach((p, i) => {
    if (!queues.includes(p.defaultOutboundQueue)) {
      problems.push({
        file,
        field: `routingProfiles[${i}].defaultOutboundQueue`,
        message: `"${p.defaultOutboundQueue}" names no entry of queues; use one of ${queues.join(', ')}.`,
      });
    }
    const channels = p.media.map((m) => m.channel);
    const mediaChannels = [...new Set(channels)];
    p.media.forEach((m, j) => {
      if (channels.indexOf(m.channel) !== j) {
        problems.push({
          file,
          field: `routingProfiles[${i}].media[${j}].channel`,
          message: `"${m.channel}" is already listed in media; list each channel once.`,
        });
      }
    });
    const pairs = p.queues.map((q) => `${q.queue}/${q.channel}`);
    p.queues.forEach((q, j) => {
      if (pairs.indexOf(`${q.queue}/${q.channel}`) !== j) {
        problems.push({
          file,
          field: `routingProfiles[${i}].queues[${j}]`,
          message: `repeats queue "${q.queue}" on channel ${q.channel}; list each queue and channel pair once.`,
        });
      }
      if (!queues.includes(q.queue)) {
        problems.push({
          file,
          field: `routingProfiles[${i}].queues[${j}].queue`,
          message: `"${q.queue}" names no entry of queues; use one of ${queues.join(', ')}.`,
        });
      }
      if (!channels.includes(q.channel)) {
        problems.push({
          file,
          field: `routingProfiles[${i}].queues[${j}].channel`,
          message: `"${q.channel}" is not in the profile's media; add { "channel": "${q.channel}", "concurrency": 1 } to media or use one of ${mediaChannels.join(', ')}.`,
        });
      }
    });
  });
  return problems;
}

/** Checks the `instance` section of every environment and returns the valid ones by name. */
function environmentSettings(
  platform: PlatformConfig,
  instance:
    Pick<InstanceConfig, 'hoursOfOperation' | 'queues' | 'routingProfiles' | 'quickConnects'> | undefined,
  problems: ConfigProblem[],
): Record<string, InstanceEnvironmentSettings> {
  const result: Record<string, InstanceEnvironmentSettings> = {};
  for (const environment of platform.environments) {
    const { file, instance: raw } = environment.settings;
    const settings = parseEnvironmentSection(
      instanceEnvironmentSettingsSchema,
      'instance',
      raw,
      file,
      problems,
      EXAMPLES,
    );
    if (!settings) continue;
    problems.push(...lifecycleOverrideProblems(file, 'instance', environment, platform.tooling, settings));
    const existing = settings.existingObjects;
    if (existing && Object.keys(environment.existingInstances).length === 0) {
      problems.push({
        file,
        field: 'instance.existingObjects',
        message: `applies only to existing instances, and environment "${environment.name}" has none; add "existingInstances" to its entry in accountvars.json or remove existingObjects.`,
      });
    }
    if (existing && instance) {
      for (const kind of ADMIN_OBJECT_KINDS) {
        const declared = instance[kind].map((o) => o.name);
        (existing[kind] ?? []).forEach((name, i) => {
          if (!declared.includes(name)) {
            problems.push({
              file,
              field: `instance.existingObjects.${kind}[${i}]`,
              message: `"${name}" is not declared in ${kind} of config/instance.json; list only declared objects (${declared.join(', ') || 'none declared'}), or declare it there first.`,
            });
          }
        });
      }
    }
    const profiles = settings.customerProfiles;
    if (profiles?.existingDomainName !== undefined && profiles.expirationDays !== undefined) {
      problems.push({
        file,
        field: 'instance.customerProfiles.expirationDays',
        message: `applies only to a domain the stack creates; the existing domain "${profiles.existingDomainName}" keeps its own expiration, so remove expirationDays (or remove existingDomainName to have the stack create the domain).`,
      });
    }
    result[environment.name] = settings;
  }
  return result;
}

/** Longest Customer Profiles domain name (API Reference, CreateDomain, DomainName: 1-64). */
const MAX_DOMAIN_NAME = 64;

/**
 * Name of the Customer Profiles domain the stack creates for `environment` in `region`:
 * `amazon-connect-<instance alias>` (the prefix Connect's service-linked role can reach; see
 * {@link CONNECT_DOMAIN_PREFIX}). One per instance, so unique per account and Region like the alias.
 */
export function customerProfilesDomainNameFor(
  config: InstanceConfig,
  environment: Pick<Environment, 'name' | 'account' | 'app' | 'accountUniqueNames'>,
  region: string,
): string {
  return `${CONNECT_DOMAIN_PREFIX}${instanceAliasFor(config, environment, region)}`;
}

/**
 * The final alias of the instance the platform manages for `environment` in `region`:
 * `<alias>-<region>` when the environment's settings give an `alias` (kept as written, for
 * adopters whose aliases already exist), else `<instanceAlias>-<env>-<region>`, with
 * `-<accountUniqueSuffix>` when the environment has `accountUniqueNames`; lowercased.
 */
export function instanceAliasFor(
  config: InstanceConfig,
  environment: Pick<Environment, 'name' | 'account' | 'app' | 'accountUniqueNames'>,
  region: string,
): string {
  const alias = config.environments[environment.name]?.alias;
  return alias
    ? `${alias}-${region}`.toLowerCase()
    : targetResourceName(config.instanceAlias, environment, region);
}

/** Every enabled environment and Region (managed or existing instance). */
function deploymentTargetsOf(platform: PlatformConfig) {
  return enabledEnvironments(platform).flatMap((environment) =>
    environment.regions.map((region) => ({ environment, region })),
  );
}

/** Targets whose instance the platform creates (Regions without an existing instance). */
function managedTargets(platform: PlatformConfig) {
  return enabledEnvironments(platform).flatMap((environment) =>
    environment.regions
      .filter((region) => existingInstanceIn(environment, region) === undefined)
      .map((region) => ({ environment, region })),
  );
}

/**
 * Loads `config/instance.json` (or `file`), validates it, and returns the typed configuration.
 * With the platform configuration, the `instance` section of every environment's settings
 * (`env/environments/<env>.json`) is validated and merged in as `environments`, and the names
 * derived for every managed instance are checked. Every problem is collected before anything is
 * thrown.
 * @throws ConfigError listing every problem as `file: field: fix`
 */
export function loadInstanceConfig(
  file: string = INSTANCE_CONFIG_FILE,
  options: LoadInstanceConfigOptions = {},
): InstanceConfig {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const display = path.relative(cwd, absolute) || absolute;
  const problems: ConfigProblem[] = [];
  const raw = readJsonFile(absolute, display, 'see amzconnect-instance/README.md, "Configuration"');
  if (!raw.ok) throw new ConfigError([raw.problem]);

  const moved = withoutMovedEnvironments(
    raw.value,
    display,
    'instance',
    '{ "instance": { "retainOnDelete": false } }',
  );
  const value = moved.value;
  if (moved.problem) problems.push(moved.problem);
  const parsed = parseWithProblems(instanceConfigSchema, value, display, problems, EXAMPLES);
  if (parsed) problems.push(...crossChecks(display, { ...parsed, environments: {} }));
  const environments = options.platform ? environmentSettings(options.platform, parsed, problems) : {};
  const config: InstanceConfig | undefined = parsed ? { ...parsed, environments } : undefined;
  if (config && options.platform) {
    for (const { environment, region } of managedTargets(options.platform)) {
      const aliasProblem = connectInstanceAliasProblem(instanceAliasFor(config, environment, region));
      if (aliasProblem) {
        const fromSettings = config.environments[environment.name]?.alias !== undefined;
        problems.push({
          file: fromSettings ? environment.settings.file : display,
          field: fromSettings ? 'instance.alias' : 'instanceAlias',
          message: `for environment "${environment.name}" in ${region} ${aliasProblem}`,
        });
      }
      const bucketProblem = s3BucketNameProblem(
        targetResourceName(config.storage.bucketName, environment, region),
      );
      if (bucketProblem) {
        problems.push({
          file: display,
          field: 'storage.bucketName',
          message: `for environment "${environment.name}" in ${region} ${bucketProblem}`,
        });
      }
    }
  }
  if (config && options.platform) {
    for (const { environment, region } of deploymentTargetsOf(options.platform)) {
      const profiles = config.environments[environment.name]?.customerProfiles;
      if (!profiles || profiles.existingDomainName !== undefined) continue;
      const name = customerProfilesDomainNameFor(config, environment, region);
      if (name.length > MAX_DOMAIN_NAME) {
        problems.push({
          file: environment.settings.file,
          field: 'instance.customerProfiles',
          message: `for environment "${environment.name}" in ${region} would create the domain "${name}", ${name.length} characters where Customer Profiles allows ${MAX_DOMAIN_NAME}; shorten instance.alias, or adopt an existing domain with "existingDomainName".`,
        });
      }
    }
  }
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return config;
}
