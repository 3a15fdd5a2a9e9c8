import { serializeMapping } from '@amzconnect/contact-flows/deploy';
import { mappingKey } from '@amzconnect/contact-flows';
import { readMappingConfig } from '../src/mapping/config';
import { createMappingHandler } from '../src/mapping/create-mapping-handler';
import {
  MAPPING_SIZE_LIMIT_BYTES,
  mappingSizeBytes,
  parseMappingDocument,
} from '../src/mapping/mapping-document';
import { s3MappingSource } from '../src/mapping/mapping-source';
import { createMappingS3Client } from '../src/mapping/s3-client';
import { LOCAL_CLIENT_CONFIG } from './support/dynalite-table';
import { recordingLogger } from './support/log-recorder';
import { startVersionedS3, VersionedS3 } from './support/versioned-s3';

const QUEUE_ARN =
  'arn:aws:connect:us-east-1:111111111111:instance/c8c0e68d-2200-4265-82c0-0123456789ab/queue/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:acme-lambdas-develop-CustomerLookup';
const DOC = JSON.stringify({ version: 1, entries: { SalesQueue: QUEUE_ARN, CustomerLookup: LAMBDA_ARN } });

describe('parseMappingDocument', () => {
  it('accepts a version 1 document of key → ARN strings', () => {
    expect(parseMappingDocument(DOC)).toEqual({
      ok: true,
      document: { version: 1, entries: { SalesQueue: QUEUE_ARN, CustomerLookup: LAMBDA_ARN } },
    });
  });

  it('reports every problem of an invalid document', () => {
    // Prepare
    const text = JSON.stringify({
      version: 2,
      entries: { 'bad key': QUEUE_ARN, Nested: { a: 1 }, Plain: 'queue-1', Error: LAMBDA_ARN },
    });
    // Act
    const parsed = parseMappingDocument(text);
    // Assess
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'version must be 1, not 2.',
        'entries key "bad key" must be 1-128 letters, digits, "_", "." or "-".',
        'entries.Nested must be a string ARN, not object (Connect accepts only flat string maps).',
        'entries.Plain "queue-1" is not an ARN.',
        'entries key "Error" is reserved for the function\'s error answer; rename it.',
      ],
    });
  });

  it('refuses text that is not JSON', () => {
    const parsed = parseMappingDocument('{"version":1,');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toMatch(/^is not JSON \(/);
  });

  it('accepts entries of exactly 32 KB and refuses one byte more', () => {
    // Prepare: one entry padded so the serialized entries are exactly the limit.
    const build = (size: number) => {
      const base = mappingSizeBytes({ K: 'arn:aws:lambda:us-east-1:111111111111:function:' });
      return { K: 'arn:aws:lambda:us-east-1:111111111111:function:' + 'f'.repeat(size - base) };
    };
    // Act
    const atLimit = parseMappingDocument(
      JSON.stringify({ version: 1, entries: build(MAPPING_SIZE_LIMIT_BYTES) }),
    );
    const over = parseMappingDocument(
      JSON.stringify({ version: 1, entries: build(MAPPING_SIZE_LIMIT_BYTES + 1) }),
    );
    // Assess
    expect(atLimit.ok).toBe(true);
    expect(over).toEqual({
      ok: false,
      problems: [
        'entries are 32769 bytes; Connect accepts at most 32768 bytes of attributes from a function. Split the mapping or shorten keys.',
      ],
    });
  });
});

describe('readMappingConfig', () => {
  it('names the missing variables the stack should have set', () => {
    expect(readMappingConfig({ MAPPING_BUCKET: 'b' })).toEqual({
      ok: false,
      problem: 'MAPPING_KEY not set; the lambdas stack sets them (flow bucket, mapping key).',
    });
  });

  it('reads a location without a version when none is pinned yet', () => {
    expect(readMappingConfig({ MAPPING_BUCKET: 'b', MAPPING_KEY: 'k', MAPPING_VERSION_ID: ' ' })).toEqual({
      ok: true,
      location: { bucket: 'b', key: 'k' },
    });
  });
});

describe('mapping handler against a local versioned S3 endpoint', () => {
  let s3: VersionedS3;
  beforeEach(async () => {
    s3 = await startVersionedS3();
  });
  afterEach(async () => s3.close());

  const handlerFor = (env: Record<string, string>) => {
    const logger = recordingLogger();
    const client = createMappingS3Client({ endpoint: s3.endpoint, ...LOCAL_CLIENT_CONFIG });
    const handler = createMappingHandler({
      config: readMappingConfig(env),
      fetchText: s3MappingSource(client),
      logger,
    });
    return { handler, logger, client };
  };

  it('returns the published version, fetched once: warm invocations make no request', async () => {
    // Prepare: version 1 is published, then a newer version is written that is not published yet.
    const published = s3.put('flow-bucket', 'mapping/acme-develop.json', DOC);
    s3.put(
      'flow-bucket',
      'mapping/acme-develop.json',
      JSON.stringify({ version: 1, entries: { SalesQueue: LAMBDA_ARN } }),
    );
    const { handler, client } = handlerFor({
      MAPPING_BUCKET: 'flow-bucket',
      MAPPING_KEY: 'mapping/acme-develop.json',
      MAPPING_VERSION_ID: published,
    });
    // Act
    const first = await handler({});
    const second = await handler({});
    const third = await handler({});
    // Assess
    expect(first).toEqual({ SalesQueue: QUEUE_ARN, CustomerLookup: LAMBDA_ARN });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(s3.requests).toEqual([
      { method: 'GET', bucket: 'flow-bucket', key: 'mapping/acme-develop.json', versionId: published },
    ]);
    client.destroy();
  });

  it('answers MAPPING_CONFIGURATION without any request when the stack did not set the location', async () => {
    const { handler, logger, client } = handlerFor({});
    const answer = await handler({});
    expect(answer).toEqual({
      Error: 'MAPPING_CONFIGURATION',
      ErrorMessage:
        'MAPPING_BUCKET and MAPPING_KEY not set; the lambdas stack sets them (flow bucket, mapping key).',
    });
    expect(s3.requests).toEqual([]);
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['error', 'Mapping function is misconfigured'],
    ]);
    client.destroy();
  });

  it('answers MAPPING_UNPUBLISHED while no mapping exists, and returns it once published', async () => {
    // Prepare
    const { handler, client } = handlerFor({ MAPPING_BUCKET: 'flow-bucket', MAPPING_KEY: 'mapping.json' });
    // Act
    const before = await handler({});
    s3.put('flow-bucket', 'mapping.json', DOC);
    const after = await handler({});
    // Assess
    expect(before).toEqual({
      Error: 'MAPPING_UNPUBLISHED',
      ErrorMessage:
        'no mapping at s3://flow-bucket/mapping.json (latest version); deploy the contact flows, which publish it.',
    });
    expect(after).toEqual({ SalesQueue: QUEUE_ARN, CustomerLookup: LAMBDA_ARN });
    client.destroy();
  });

  it('reads the latest version, with a warning, when no version is pinned (environment reset by a stack update)', async () => {
    // Prepare
    s3.put(
      'flow-bucket',
      'mapping.json',
      JSON.stringify({ version: 1, entries: { SalesQueue: LAMBDA_ARN } }),
    );
    s3.put('flow-bucket', 'mapping.json', DOC);
    const { handler, logger, client } = handlerFor({
      MAPPING_BUCKET: 'flow-bucket',
      MAPPING_KEY: 'mapping.json',
    });
    // Act
    const answer = await handler({});
    // Assess
    expect(answer).toEqual({ SalesQueue: QUEUE_ARN, CustomerLookup: LAMBDA_ARN });
    expect(s3.requests).toEqual([
      { method: 'GET', bucket: 'flow-bucket', key: 'mapping.json', versionId: null },
    ]);
    expect(logger.lines[0]).toEqual({
      level: 'warn',
      message: 'No mapping version pinned; reading the latest version',
      extra: { bucket: 'flow-bucket', key: 'mapping.json' },
    });
    client.destroy();
  });

  it('answers MAPPING_INVALID with the problems when the published document is invalid', async () => {
    const versionId = s3.put(
      'flow-bucket',
      'mapping.json',
      JSON.stringify({ version: 1, entries: { Queue: 42 } }),
    );
    const { handler, logger, client } = handlerFor({
      MAPPING_BUCKET: 'flow-bucket',
      MAPPING_KEY: 'mapping.json',
      MAPPING_VERSION_ID: versionId,
    });
    const answer = await handler({});
    expect(answer).toEqual({
      Error: 'MAPPING_INVALID',
      ErrorMessage: 'entries.Queue must be a string ARN, not number (Connect accepts only flat string maps).',
    });
    expect(logger.lines[0].message).toBe('Mapping document is invalid');
    client.destroy();
  });

  it('answers MAPPING_UNAVAILABLE when the version does not exist, and tries again on the next invocation', async () => {
    // Prepare
    s3.put('flow-bucket', 'mapping.json', DOC);
    const { handler, logger, client } = handlerFor({
      MAPPING_BUCKET: 'flow-bucket',
      MAPPING_KEY: 'mapping.json',
      MAPPING_VERSION_ID: 'v-gone',
    });
    // Act
    const first = await handler({});
    await handler({});
    // Assess
    expect(first).toEqual({
      Error: 'MAPPING_UNAVAILABLE',
      ErrorMessage: 'cannot read s3://flow-bucket/mapping.json version v-gone (NoSuchVersion).',
    });
    expect(logger.lines[0]).toEqual({
      level: 'error',
      message: 'Cannot read the mapping document',
      extra: { bucket: 'flow-bucket', key: 'mapping.json', versionId: 'v-gone', error: 'NoSuchVersion' },
    });
    expect(s3.requests).toHaveLength(2);
    client.destroy();
  });

  it('wires the Lambda entry point from its environment (handler.ts, real client)', async () => {
    // Prepare
    const versionId = s3.put('flow-bucket', 'mapping.json', DOC);
    const saved = { ...process.env };
    Object.assign(process.env, {
      MAPPING_BUCKET: 'flow-bucket',
      MAPPING_KEY: 'mapping.json',
      MAPPING_VERSION_ID: versionId,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    try {
      let mod: { handler: (event: unknown) => Promise<Record<string, string>> } | undefined;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mod = require('../src/mapping/handler');
      });
      // Act
      const answer = await mod!.handler({});
      // Assess
      expect(answer).toEqual({ SalesQueue: QUEUE_ARN, CustomerLookup: LAMBDA_ARN });
    } finally {
      process.env = saved;
    }
  });
});

describe('contract with the flow deployment engine (amzconnect-contact-flows)', () => {
  it('accepts the document the engine serializes', () => {
    // Prepare
    const text = serializeMapping({
      version: 1,
      entries: {
        [mappingKey('queue', 'ACME Sales')]: QUEUE_ARN,
        [mappingKey('lambda', 'customer-lookup')]: LAMBDA_ARN,
      },
    });
    // Act
    const parsed = parseMappingDocument(text);
    // Assess
    expect(parsed).toEqual({
      ok: true,
      document: {
        version: 1,
        entries: { Queue_ACME_Sales: QUEUE_ARN, 'Lambda_customer-lookup': LAMBDA_ARN },
      },
    });
  });
});
