import * as path from 'path';
import { loadSupportingInfraConfig, SUPPORTING_INFRA_CONFIG_FILE } from '../lib';
import { problemsOf, readJsonCopy, samplePlatform, tempDir, writeJson } from '@amzconnect/testing';

type Json = Record<string, any>;

const SAMPLES_FILE = path.join(path.dirname(SUPPORTING_INFRA_CONFIG_FILE), 'sample-customers.json');

function loadVariant(
  config: unknown,
  samples: unknown = readJsonCopy(SAMPLES_FILE),
  withPlatform = false,
): () => unknown {
  const dir = tempDir();
  writeJson(dir, 'supporting-infra.json', config);
  writeJson(dir, 'sample-customers.json', samples);
  return () =>
    loadSupportingInfraConfig('supporting-infra.json', {
      cwd: dir,
      platform: withPlatform ? samplePlatform() : undefined,
    });
}

describe('loadSupportingInfraConfig', () => {
  it('loads the sample configuration and its sample customer', () => {
    // Act
    const { config, sampleCustomers } = loadSupportingInfraConfig(SUPPORTING_INFRA_CONFIG_FILE, {
      platform: samplePlatform(),
    });

    // Assess
    expect(config).toEqual({
      flowBucketName: 'acme-contact-flows',
      conversationLogRetentionDays: 90,
      sampleCustomersFile: 'sample-customers.json',
      environments: { develop: { retainOnDelete: false, loadSampleCustomers: true }, staging: {}, prod: {} },
    });
    expect(sampleCustomers).toEqual([
      {
        phoneNumber: '+15555550100',
        firstName: 'Jane',
        lastName: 'Doe',
        lastCalledDate: '2024-05-01T14:30:00Z',
      },
    ]);
  });

  it('reports every configuration problem with file, field and fix', () => {
    // Prepare
    const config: Json = {
      flowBucketName: 'acme_flows',
      conversationLogRetentionDays: 100,
      environments: { develop: { retainOnDelete: false } },
    };

    // Act
    const problems = problemsOf(loadVariant(config));

    // Assess
    expect(problems).toEqual([
      'supporting-infra.json: environments: per-environment settings moved to env/environments/<env>.json, section "supportingInfra" (e.g. { "supportingInfra": { "loadSampleCustomers": true } }); move them there and remove this key.',
      'supporting-infra.json: flowBucketName: must be letters, digits and hyphens, starting with a letter or digit, e.g. "acme-contact-flows".',
      'supporting-infra.json: conversationLogRetentionDays: is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.',
    ]);
  });

  it('validates every sample record: E.164 key, names, ISO 8601 UTC date, one record per number', () => {
    // Prepare
    const config = readJsonCopy<Json>(SUPPORTING_INFRA_CONFIG_FILE);
    const samples = [
      { phoneNumber: '5555550100', firstName: 'Jane', lastName: 'Doe', lastCalledDate: '2024-05-01' },
      {
        phoneNumber: '+15555550101',
        firstName: '',
        lastName: 'Roe',
        lastCalledDate: '2024-13-01T10:00:00Z',
        email: 'x@example.com',
      },
    ];
    const duplicates = [
      {
        phoneNumber: '+15555550100',
        firstName: 'Jane',
        lastName: 'Doe',
        lastCalledDate: '2024-05-01T14:30:00Z',
      },
      {
        phoneNumber: '+15555550100',
        firstName: 'John',
        lastName: 'Doe',
        lastCalledDate: '2024-05-01T14:30:00Z',
      },
    ];

    // Act & Assess
    expect(problemsOf(loadVariant(config, samples))).toEqual([
      'sample-customers.json: [0].phoneNumber: must be an E.164 phone number, e.g. "+15555550100" (it is the key the lookup uses).',
      'sample-customers.json: [0].lastCalledDate: must be an ISO 8601 UTC timestamp, e.g. "2024-05-01T14:30:00Z".',
      'sample-customers.json: [1].firstName: is empty; write the name.',
      'sample-customers.json: [1].lastCalledDate: is not a real date; e.g. "2024-05-01T14:30:00Z".',
      'sample-customers.json: [1].email: is not a known key; remove it or fix its spelling (known keys: phoneNumber, firstName, lastName, lastCalledDate).',
    ]);
    expect(problemsOf(loadVariant(config, duplicates))).toEqual([
      'sample-customers.json: [1].phoneNumber: "+15555550100" is already the key of [0]; keep one record per number.',
    ]);
  });

  it('requires a sample file when an environment asks for sample customers', () => {
    // Prepare
    const config = readJsonCopy<Json>(SUPPORTING_INFRA_CONFIG_FILE);
    delete config.sampleCustomersFile;

    // Act & Assess
    expect(problemsOf(loadVariant(config, undefined, true))).toEqual([
      'env/environments/develop.json: supportingInfra.loadSampleCustomers: is true but supporting-infra.json has no sampleCustomersFile; add "sampleCustomersFile": "sample-customers.json" there or remove the setting.',
    ]);
  });

  it('checks the flow bucket name of every target and the environment overrides against the platform', () => {
    // Prepare
    const config = readJsonCopy<Json>(SUPPORTING_INFRA_CONFIG_FILE);
    config.flowBucketName = 'acme-contact-flow-backups-and-runtime-mappings';
    const platform = samplePlatform();
    const prodSettings = { retainOnDelete: false, sampleData: true };
    const dir = tempDir();
    writeJson(dir, 'supporting-infra.json', config);
    writeJson(dir, 'sample-customers.json', readJsonCopy(SAMPLES_FILE));

    // Act
    const problems = problemsOf(() =>
      loadSupportingInfraConfig('supporting-infra.json', {
        cwd: dir,
        platform: {
          ...platform,
          environments: platform.environments.map((e) =>
            e.name === 'prod' ? { ...e, settings: { ...e.settings, supportingInfra: prodSettings } } : e,
          ),
        },
      }),
    );

    // Assess
    expect(problems).toEqual([
      'env/environments/prod.json: supportingInfra.sampleData: is not a known key; remove it or fix its spelling (known keys: retainOnDelete, terminationProtection, production, loadSampleCustomers).',
      'supporting-infra.json: flowBucketName: for environment "develop" in us-east-1 gives the bucket name "acme-contact-flow-backups-and-runtime-mappings-develop-us-east-1" (64 characters), longer than Amazon S3\'s 63; shorten the base name by at least 1 character.',
      'supporting-infra.json: flowBucketName: for environment "develop" in us-west-2 gives the bucket name "acme-contact-flow-backups-and-runtime-mappings-develop-us-west-2" (64 characters), longer than Amazon S3\'s 63; shorten the base name by at least 1 character.',
      'supporting-infra.json: flowBucketName: for environment "staging" in us-east-1 gives the bucket name "acme-contact-flow-backups-and-runtime-mappings-staging-us-east-1" (64 characters), longer than Amazon S3\'s 63; shorten the base name by at least 1 character.',
    ]);
  });

  it('reports a missing sample file named by the configuration', () => {
    // Prepare
    const dir = tempDir();
    writeJson(dir, 'supporting-infra.json', readJsonCopy(SUPPORTING_INFRA_CONFIG_FILE));

    // Act
    const problems = problemsOf(() => loadSupportingInfraConfig('supporting-infra.json', { cwd: dir }));

    // Assess
    expect(problems).toEqual([
      'sample-customers.json: file not found; create it (named by sampleCustomersFile in supporting-infra.json).',
    ]);
  });
});
