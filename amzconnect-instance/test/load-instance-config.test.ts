import { REPO_ROOT, type PlatformConfig } from '@amzconnect/env';
import {
  customerProfilesDomainNameFor,
  INSTANCE_CONFIG_FILE,
  instanceAliasFor,
  loadInstanceConfig,
} from '../lib';
import { problemsOf, readJsonCopy, samplePlatform, tempDir, writeJson } from '@amzconnect/testing';

type Json = Record<string, any>;

function sample(): Json {
  return readJsonCopy<Json>(INSTANCE_CONFIG_FILE);
}

function loadVariant(config: unknown, withPlatform = false): () => unknown {
  const dir = tempDir();
  writeJson(dir, 'instance.json', config);
  return () =>
    loadInstanceConfig('instance.json', { cwd: dir, platform: withPlatform ? samplePlatform() : undefined });
}

/** The sample platform with the `instance` section of some environments' settings replaced. */
function withInstanceSettings(byEnv: Record<string, unknown>): PlatformConfig {
  const platform = samplePlatform();
  return {
    ...platform,
    environments: platform.environments.map((e) =>
      e.name in byEnv ? { ...e, settings: { ...e.settings, instance: byEnv[e.name] } } : e,
    ),
  };
}

describe('loadInstanceConfig', () => {
  it('loads the sample configuration, checked against the sample platform', () => {
    // Act
    const config = loadInstanceConfig(INSTANCE_CONFIG_FILE, { platform: samplePlatform() });

    // Assess
    expect(config.queues.map((q) => q.name)).toEqual(['ACME_Sales', 'ACME_Finance']);
    expect(config.hoursOfOperation.map((h) => h.name)).toEqual(['ACME_Hours']);
    expect(config.environments).toEqual({ develop: { retainOnDelete: false }, staging: {}, prod: {} });
    expect(config.storage.callRecordingsPrefix).toBe('connect/call-recordings');
  });

  it('defaults the optional lists to empty', () => {
    // Prepare
    const config = sample();
    delete config.routingProfiles;
    delete config.quickConnects;

    // Act
    const loaded = loadVariant(config)() as Json;

    // Assess
    expect(loaded.routingProfiles).toEqual([]);
    expect(loaded.quickConnects).toEqual([]);
    expect(loaded.environments).toEqual({});
  });

  it('reports every schema problem at once, each with file, field and fix', () => {
    // Prepare
    const config = sample();
    config.instanceAliass = 'typo';
    delete config.identityManagementType;
    config.attributes.inboundCalls = 'yes';
    config.storage.callRecordingsPrefix = '/recordings/';
    config.hoursOfOperation[0].timeZone = 'Mars/Olympus';
    config.hoursOfOperation[0].schedule[0].start = '8am';
    config.queues[0].name = 'ACME Sales';
    config.quickConnects[0].phoneNumber = '555-0199';
    config.routingProfiles[0].media[0].channel = 'FAX';

    // Act
    const problems = problemsOf(loadVariant(config));

    // Assess
    expect(problems).toEqual([
      'instance.json: identityManagementType: is missing; add one of "CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY".',
      'instance.json: attributes.inboundCalls: must be a boolean, not a string, e.g. true.',
      'instance.json: storage.callRecordingsPrefix: must be an S3 key prefix without leading or trailing "/", e.g. "connect/call-recordings".',
      'instance.json: hoursOfOperation[0].timeZone: is not an IANA time zone; use e.g. "America/New_York" or "Europe/London".',
      'instance.json: hoursOfOperation[0].schedule[0].start: must be a time "HH:MM" on a 24-hour clock, e.g. "08:30".',
      'instance.json: queues[0].name: must be 1-127 letters, digits, "_", "." or "-" (it becomes part of SSM parameter names and flow references), e.g. "ACME_Sales".',
      'instance.json: routingProfiles[0].media[0].channel: must be one of "VOICE", "CHAT", "TASK", "EMAIL".',
      'instance.json: quickConnects[0].phoneNumber: must be an E.164 phone number, e.g. "+15555550100".',
      'instance.json: instanceAliass: is not a known key; remove it or fix its spelling (known keys: instanceAlias, identityManagementType, directoryId, attributes, storage, hoursOfOperation, queues, routingProfiles, quickConnects).',
    ]);
  });

  it('names the known keys of a nested object when a key is misspelt', () => {
    // Prepare
    const config = sample();
    config.queues[1].hours = 'ACME_Hours';

    // Act
    const problems = problemsOf(loadVariant(config));

    // Assess
    expect(problems).toEqual([
      'instance.json: queues[1].hours: is not a known key; remove it or fix its spelling (known keys: name, description, hoursOfOperation, maxContacts).',
    ]);
  });

  it('reports references by name and duplicates that no schema can see', () => {
    // Prepare
    const config = sample();
    config.queues[1].hoursOfOperation = 'ACME_Weekend';
    config.queues.push({ name: 'ACME_Sales', hoursOfOperation: 'ACME_Hours' });
    config.hoursOfOperation[0].schedule[4].end = '07:00';
    config.hoursOfOperation[0].schedule.push({ day: 'MONDAY', start: '17:30', end: '20:00' });
    config.hoursOfOperation[0].schedule.push({ day: 'SATURDAY', start: '09:00', end: '12:00' });
    config.routingProfiles[0].defaultOutboundQueue = 'ACME_Support';
    config.routingProfiles[0].queues.push({ queue: 'ACME_Finance', channel: 'EMAIL', priority: 1, delay: 0 });
    config.routingProfiles[0].queues.push({ queue: 'ACME_Sales', channel: 'VOICE', priority: 3, delay: 5 });
    config.routingProfiles[0].media.push({ channel: 'VOICE', concurrency: 1 });

    // Act
    const problems = problemsOf(loadVariant(config));

    // Assess
    expect(problems).toEqual([
      'instance.json: queues[2].name: "ACME_Sales" is already used by queues[0]; give each entry its own name.',
      'instance.json: hoursOfOperation[0].schedule[4].end: "07:00" is not after start "08:00"; closing time must be later than opening time on the same day.',
      'instance.json: hoursOfOperation[0].schedule[5]: MONDAY 17:30-20:00 overlaps schedule[0]; merge the two slots or make them disjoint.',
      'instance.json: queues[1].hoursOfOperation: "ACME_Weekend" names no entry of hoursOfOperation; use one of ACME_Hours.',
      'instance.json: routingProfiles[0].defaultOutboundQueue: "ACME_Support" names no entry of queues; use one of ACME_Sales, ACME_Finance.',
      'instance.json: routingProfiles[0].media[3].channel: "VOICE" is already listed in media; list each channel once.',
      'instance.json: routingProfiles[0].queues[6].channel: "EMAIL" is not in the profile\'s media; add { "channel": "EMAIL", "concurrency": 1 } to media or use one of VOICE, CHAT, TASK.',
      'instance.json: routingProfiles[0].queues[7]: repeats queue "ACME_Sales" on channel VOICE; list each queue and channel pair once.',
    ]);
  });

  it('requires a directory id exactly when users come from an existing directory', () => {
    // Prepare
    const existing = { ...sample(), identityManagementType: 'EXISTING_DIRECTORY' };
    const saml = { ...sample(), identityManagementType: 'SAML', directoryId: 'd-1234567890' };

    // Act & Assess
    expect(problemsOf(loadVariant(existing))).toEqual([
      'instance.json: directoryId: is missing; EXISTING_DIRECTORY needs the id of the directory, e.g. "d-1234567890".',
    ]);
    expect(problemsOf(loadVariant(saml))).toEqual([
      'instance.json: directoryId: is only used with EXISTING_DIRECTORY, not SAML; remove it.',
    ]);
  });

  it('checks the alias and bucket name of every enabled environment and Region', () => {
    // Prepare
    const config = sample();
    config.instanceAlias = 'acme-contact-center-north-am';
    config.storage.bucketName = 'acme-connect-recordings-and-chat-transcripts-x';

    // Act
    const problems = problemsOf(loadVariant(config, true));

    // Assess: "prod" is 3 characters shorter than "develop" and "staging", so it still fits.
    expect(problems).toEqual([
      'instance.json: instanceAlias: for environment "develop" in us-east-1 gives the instance alias "acme-contact-center-north-am-develop-us-east-1" (46 characters), longer than Amazon Connect\'s 45; shorten the base name by at least 1 character.',
      'instance.json: storage.bucketName: for environment "develop" in us-east-1 gives the bucket name "acme-connect-recordings-and-chat-transcripts-x-develop-us-east-1" (64 characters), longer than Amazon S3\'s 63; shorten the base name by at least 1 character.',
      'instance.json: instanceAlias: for environment "develop" in us-west-2 gives the instance alias "acme-contact-center-north-am-develop-us-west-2" (46 characters), longer than Amazon Connect\'s 45; shorten the base name by at least 1 character.',
      'instance.json: storage.bucketName: for environment "develop" in us-west-2 gives the bucket name "acme-connect-recordings-and-chat-transcripts-x-develop-us-west-2" (64 characters), longer than Amazon S3\'s 63; shorten the base name by at least 1 character.',
      'instance.json: instanceAlias: for environment "staging" in us-east-1 gives the instance alias "acme-contact-center-north-am-staging-us-east-1" (46 characters), longer than Amazon Connect\'s 45; shorten the base name by at least 1 character.',
      'instance.json: storage.bucketName: for environment "staging" in us-east-1 gives the bucket name "acme-connect-recordings-and-chat-transcripts-x-staging-us-east-1" (64 characters), longer than Amazon S3\'s 63; shorten the base name by at least 1 character.',
    ]);
  });

  it('points per-environment settings left in instance.json to env/environments/<env>.json', () => {
    // Prepare
    const config = sample();
    config.environments = { develop: { retainOnDelete: false } };

    // Act
    const problems = problemsOf(loadVariant(config, true));

    // Assess
    expect(problems).toEqual([
      'instance.json: environments: per-environment settings moved to env/environments/<env>.json, section "instance" (e.g. { "instance": { "retainOnDelete": false } }); move them there and remove this key.',
    ]);
  });

  it('validates the instance section of every environment’s settings: production never opts out, unknown keys, existing objects', () => {
    // Prepare
    const platform = withInstanceSettings({
      develop: { alias: 'acme_dev', existingObjects: { queues: ['ACME_Sales'] } },
      prod: { retainOnDelete: false, terminationProtection: false, retain: true },
    });

    // Act
    const problems = problemsOf(() => loadInstanceConfig(INSTANCE_CONFIG_FILE, { platform, cwd: REPO_ROOT }));

    // Assess
    expect(problems).toEqual([
      'env/environments/develop.json: instance.alias: must be letters, digits and hyphens, starting with a letter or digit, e.g. "acme".',
      'env/environments/prod.json: instance.retain: is not a known key; remove it or fix its spelling (known keys: retainOnDelete, terminationProtection, production, alias, existingObjects, customerProfiles).',
    ]);
    const valid = withInstanceSettings({
      develop: { existingObjects: { queues: ['ACME_Sales', 'BasicQueue'] } },
      prod: { retainOnDelete: false, terminationProtection: false },
    });
    expect(
      problemsOf(() => loadInstanceConfig(INSTANCE_CONFIG_FILE, { platform: valid, cwd: REPO_ROOT })),
    ).toEqual([
      'env/environments/develop.json: instance.existingObjects: applies only to existing instances, and environment "develop" has none; add "existingInstances" to its entry in accountvars.json or remove existingObjects.',
      'env/environments/develop.json: instance.existingObjects.queues[1]: "BasicQueue" is not declared in queues of config/instance.json; list only declared objects (ACME_Sales, ACME_Finance), or declare it there first.',
      'env/environments/prod.json: instance.retainOnDelete: cannot be false for the production environment "prod"; production data is always retained (remove the setting).',
      'env/environments/prod.json: instance.terminationProtection: cannot be false for the production environment "prod"; production stacks are always protected (remove the setting).',
    ]);
  });

  it('reports Customer Profiles settings a domain cannot take, each with file, field and fix', () => {
    // Prepare
    const settings = withInstanceSettings({
      develop: { customerProfiles: { existingDomainName: 'amazon-connect-acme', expirationDays: 30 } },
      staging: { customerProfiles: { existingDomainName: 'acme profiles', expirationDays: 1099 } },
      prod: { alias: 'acme-production-contact-centre-for-all-brand', customerProfiles: {} },
    });
    // An adopted instance's alias is not ours to check, but the domain named after it is.
    const platform: PlatformConfig = {
      ...settings,
      environments: settings.environments.map((e) =>
        e.name === 'prod'
          ? {
              ...e,
              existingInstances: {
                'us-east-1':
                  'arn:aws:connect:us-east-1:333333333333:instance/0a1b2c3d-1111-4222-8333-444455556666',
              },
            }
          : e,
      ),
    };

    // Act
    const problems = problemsOf(() => loadInstanceConfig(INSTANCE_CONFIG_FILE, { platform, cwd: REPO_ROOT }));

    // Assess
    expect(problems).toEqual([
      'env/environments/develop.json: instance.customerProfiles.expirationDays: applies only to a domain the stack creates; the existing domain "amazon-connect-acme" keeps its own expiration, so remove expirationDays (or remove existingDomainName to have the stack create the domain).',
      'env/environments/staging.json: instance.customerProfiles.existingDomainName: must be the name of an existing Customer Profiles domain: 1-64 letters, digits, "_" or "-", e.g. "amazon-connect-acme".',
      'env/environments/staging.json: instance.customerProfiles.expirationDays: must be 1-1098 days (Customer Profiles DefaultExpirationDays).',
      'env/environments/prod.json: instance.customerProfiles: for environment "prod" in us-east-1 would create the domain "amazon-connect-acme-production-contact-centre-for-all-brand-us-east-1", 69 characters where Customer Profiles allows 64; shorten instance.alias, or adopt an existing domain with "existingDomainName".',
    ]);
  });

  it('names a created Customer Profiles domain amazon-connect-<instance alias>, which Connect’s service-linked role can reach', () => {
    // Prepare
    const platform = withInstanceSettings({ develop: { customerProfiles: { expirationDays: 90 } } });

    // Act
    const config = loadInstanceConfig(INSTANCE_CONFIG_FILE, { platform });

    // Assess
    const develop = platform.environments.find((e) => e.name === 'develop')!;
    expect(config.environments.develop.customerProfiles).toEqual({ expirationDays: 90 });
    expect(customerProfilesDomainNameFor(config, develop, 'us-west-2')).toBe(
      'amazon-connect-acme-develop-us-west-2',
    );
  });

  it('uses an environment’s own alias base, with the Region appended', () => {
    // Prepare
    const platform = withInstanceSettings({ staging: { alias: 'ACME-Stage' } });

    // Act
    const config = loadInstanceConfig(INSTANCE_CONFIG_FILE, { platform });

    // Assess
    const env = (name: string) => platform.environments.find((e) => e.name === name)!;
    expect(instanceAliasFor(config, env('staging'), 'us-east-1')).toBe('acme-stage-us-east-1');
    expect(instanceAliasFor(config, env('prod'), 'us-east-1')).toBe('acme-prod-us-east-1');
  });

  it('reports a JSON syntax error with line and column', () => {
    // Act
    const problems = problemsOf(loadVariant('{\n  "instanceAlias": "acme",\n}'));

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^instance\.json: is not valid JSON \(.* at line 3, column 1\); fix the syntax\.$/,
    );
  });

  it('reports a missing file with where to read about the format', () => {
    // Prepare
    const dir = tempDir();

    // Act
    const problems = problemsOf(() => loadInstanceConfig('instance.json', { cwd: dir }));

    // Assess
    expect(problems).toEqual([
      'instance.json: file not found; create it (see amzconnect-instance/README.md, "Configuration").',
    ]);
  });
});
