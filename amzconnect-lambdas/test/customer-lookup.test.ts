import * as fs from 'fs';
import * as path from 'path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readCustomerLookupConfig } from '../src/customer-lookup/config';
import { parseLookupEvent } from '../src/customer-lookup/connect-event';
import { createCustomerLookupHandler } from '../src/customer-lookup/create-customer-lookup-handler';
import {
  dynamoDbCustomerReader,
  dynamoDbCustomerStore,
  FindAndRecordCall,
} from '../src/customer-lookup/customer-store';
import { createCustomerTableClient } from '../src/customer-lookup/dynamodb-client';
import { customerFromItem, lookupAnswer } from '../src/customer-lookup/lookup-answer';
import { LOCAL_CLIENT_CONFIG, LocalCustomerTable, startCustomerTable } from './support/dynalite-table';
import { recordingLogger } from './support/log-recorder';
import { startSlowProxy } from './support/slow-proxy';

const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'connect', name), 'utf8')) as unknown;
const CALLER = '+12065550100';
const CALLED_AT = new Date('2026-11-20T10:00:00.000Z');

describe('parseLookupEvent', () => {
  it('reads the caller number and contact id from the documented inbound voice event', () => {
    // Act
    const parsed = parseLookupEvent(fixture('inbound-voice.json'));
    // Assess
    expect(parsed).toEqual({
      ok: true,
      request: { contactId: '4a573372-1f28-4e26-b97b-0123456789ab', phoneNumber: CALLER },
    });
  });

  it('reports NO_PHONE_NUMBER for a chat contact whose CustomerEndpoint is null', () => {
    const parsed = parseLookupEvent(fixture('chat.json'));
    expect(parsed).toEqual({
      ok: false,
      problem: {
        code: 'NO_PHONE_NUMBER',
        contactId: '5b684483-2f39-5f37-c08c-123456789abc',
        message: 'Details.ContactData.CustomerEndpoint is missing (no caller number on this contact).',
      },
    });
  });

  it.each([null, undefined, 'text', 42, [], {}, { Details: {} }, { Details: { ContactData: [] } }])(
    'reports INVALID_EVENT for %p',
    (event) => {
      const parsed = parseLookupEvent(event);
      expect(parsed).toEqual({
        ok: false,
        problem: {
          code: 'INVALID_EVENT',
          contactId: '',
          message: 'event has no Details.ContactData; is the function invoked by a contact flow?',
        },
      });
    },
  );

  it('reports NO_PHONE_NUMBER with the address when the caller id is withheld', () => {
    // Prepare
    const event = fixture('inbound-voice.json') as {
      Details: { ContactData: { CustomerEndpoint: { Address: string } } };
    };
    event.Details.ContactData.CustomerEndpoint.Address = 'anonymous';
    // Act
    const parsed = parseLookupEvent(event);
    // Assess
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem.message).toBe(
      'CustomerEndpoint.Address "anonymous" is not an E.164 number.',
    );
  });
});

describe('lookupAnswer', () => {
  it('answers a found customer with Found "true" and the stored fields', () => {
    const answer = lookupAnswer(CALLER, {
      kind: 'found',
      customer: { firstName: 'Ana', lastName: 'Silva', lastCalledDate: '2026-01-02T03:04:05.000Z' },
    });
    expect(answer).toEqual({
      Found: 'true',
      CalledNumber: CALLER,
      FirstName: 'Ana',
      LastName: 'Silva',
      LastCalledDate: '2026-01-02T03:04:05.000Z',
    });
  });

  it('answers a timeout as "not found" with Error TIMEOUT and the same keys', () => {
    expect(lookupAnswer(CALLER, { kind: 'timed-out' })).toEqual({
      Found: 'false',
      CalledNumber: CALLER,
      FirstName: '',
      LastName: '',
      LastCalledDate: '',
      Error: 'TIMEOUT',
    });
  });

  it('turns non-string attributes into strings and missing ones into empty strings', () => {
    expect(
      customerFromItem({ firstName: 'Bo', lastCalledDate: 20260101, lastName: { nested: true } }),
    ).toEqual({
      firstName: 'Bo',
      lastName: '',
      lastCalledDate: '20260101',
    });
  });
});

describe('readCustomerLookupConfig', () => {
  it('reads the table name and timeout, and reads only by default (as the reference)', () => {
    expect(readCustomerLookupConfig({ CUSTOMER_TABLE_NAME: 't', LOOKUP_TIMEOUT_MS: '1500' })).toEqual({
      ok: true,
      config: { tableName: 't', timeoutMs: 1500, recordCalls: false },
    });
    expect(readCustomerLookupConfig({ CUSTOMER_TABLE_NAME: 't', RECORD_CALLS: 'true' })).toMatchObject({
      ok: true,
      config: { recordCalls: true },
    });
  });

  it('refuses a RECORD_CALLS that is not true or false', () => {
    expect(readCustomerLookupConfig({ CUSTOMER_TABLE_NAME: 't', RECORD_CALLS: 'yes' })).toEqual({
      ok: false,
      problem: 'RECORD_CALLS "yes" must be "true" or "false".',
    });
  });

  it('refuses a missing table name', () => {
    expect(readCustomerLookupConfig({})).toEqual({
      ok: false,
      problem: 'CUSTOMER_TABLE_NAME is not set; the stack sets it from the customer table SSM parameter.',
    });
  });

  it('refuses a timeout beyond what Connect waits for', () => {
    expect(readCustomerLookupConfig({ CUSTOMER_TABLE_NAME: 't', LOOKUP_TIMEOUT_MS: '9000' })).toEqual({
      ok: false,
      problem: 'LOOKUP_TIMEOUT_MS "9000" must be a whole number of milliseconds from 50 to 7000.',
    });
  });
});

describe('customer lookup handler against dynalite', () => {
  let table: LocalCustomerTable;
  const config = {
    ok: true as const,
    config: { tableName: 'customers', timeoutMs: 2000, recordCalls: true },
  };

  beforeAll(async () => {
    table = await startCustomerTable('customers');
    await table.client.send(
      new PutItemCommand({
        TableName: 'customers',
        Item: {
          phoneNumber: { S: CALLER },
          firstName: { S: 'Ana' },
          lastName: { S: 'Silva' },
          lastCalledDate: { S: '2026-01-02T03:04:05.000Z' },
        },
      }),
    );
  });
  afterAll(async () => table.close());

  const handlerFor = (
    endpoint: string,
    timeoutMs = 2000,
    store: (client: DynamoDBDocumentClient, tableName: string) => FindAndRecordCall = dynamoDbCustomerStore,
  ) => {
    const logger = recordingLogger();
    const client = createCustomerTableClient({
      requestTimeoutMs: timeoutMs,
      endpoint,
      ...LOCAL_CLIENT_CONFIG,
    });
    const handler = createCustomerLookupHandler({
      config: {
        ok: true,
        config: { tableName: 'customers', timeoutMs, recordCalls: store === dynamoDbCustomerStore },
      },
      findAndRecordCall: store(client, 'customers'),
      logger,
      now: () => CALLED_AT,
    });
    return { handler, logger, client };
  };

  it('by default returns the known caller from one read and writes nothing (the reference behaviour)', async () => {
    // Prepare
    const { handler, client } = handlerFor(table.endpoint, 2000, dynamoDbCustomerReader);
    const before = await table.client.send(
      new GetItemCommand({ TableName: 'customers', Key: { phoneNumber: { S: CALLER } } }),
    );
    // Act
    const answer = await handler(fixture('inbound-voice.json'));
    const other = fixture('inbound-voice.json') as {
      Details: { ContactData: { CustomerEndpoint: { Address: string } } };
    };
    other.Details.ContactData.CustomerEndpoint.Address = '+442071838750';
    const unknown = await handler(other);
    // Assess
    expect(answer).toMatchObject({
      Found: 'true',
      CalledNumber: CALLER,
      FirstName: 'Ana',
      LastName: 'Silva',
    });
    expect(answer.LastCalledDate).toBe(before.Item?.lastCalledDate.S);
    expect(unknown).toMatchObject({ Found: 'false', FirstName: '' });
    const after = await table.client.send(
      new GetItemCommand({ TableName: 'customers', Key: { phoneNumber: { S: CALLER } } }),
    );
    expect(after.Item).toEqual(before.Item);
    client.destroy();
  });

  it('with recordCalls returns the known caller with the previous call date and records this call', async () => {
    // Prepare
    const { handler, client } = handlerFor(table.endpoint);
    // Act
    const answer = await handler(fixture('inbound-voice.json'));
    // Assess
    expect(answer).toEqual({
      Found: 'true',
      CalledNumber: CALLER,
      FirstName: 'Ana',
      LastName: 'Silva',
      LastCalledDate: '2026-01-02T03:04:05.000Z',
    });
    const stored = await table.client.send(
      new GetItemCommand({ TableName: 'customers', Key: { phoneNumber: { S: CALLER } } }),
    );
    expect(stored.Item?.lastCalledDate).toEqual({ S: '2026-11-20T10:00:00.000Z' });
    expect(stored.Item?.firstName).toEqual({ S: 'Ana' });
    client.destroy();
  });

  it('answers Found "false" for an unknown caller and does not create an item', async () => {
    // Prepare
    const { handler, client, logger } = handlerFor(table.endpoint);
    const event = fixture('inbound-voice.json') as {
      Details: { ContactData: { CustomerEndpoint: { Address: string } } };
    };
    event.Details.ContactData.CustomerEndpoint.Address = '+442071838750';
    // Act
    const answer = await handler(event);
    // Assess
    expect(answer).toEqual({
      Found: 'false',
      CalledNumber: '+442071838750',
      FirstName: '',
      LastName: '',
      LastCalledDate: '',
    });
    const stored = await table.client.send(
      new GetItemCommand({ TableName: 'customers', Key: { phoneNumber: { S: '+442071838750' } } }),
    );
    expect(stored.Item).toBeUndefined();
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'Customer looked up',
        extra: { contactId: '4a573372-1f28-4e26-b97b-0123456789ab', found: false },
      },
    ]);
    client.destroy();
  });

  it('answers "not found" with Error TIMEOUT, and logs it, when the table is slower than the budget', async () => {
    // Prepare: every request is held 10 s, the budget is 1.5 s (long enough for the request to
    // reach the proxy on a loaded machine, so the test proves the table was asked and was slow).
    const proxy = await startSlowProxy(table.endpoint, 10_000);
    const { handler, client, logger } = handlerFor(proxy.endpoint, 1500);
    try {
      // Act
      const answer = await handler(fixture('inbound-voice.json'));
      // Assess
      expect(answer).toEqual({
        Found: 'false',
        CalledNumber: CALLER,
        FirstName: '',
        LastName: '',
        LastCalledDate: '',
        Error: 'TIMEOUT',
      });
      expect(proxy.requests()).toBeGreaterThanOrEqual(1);
      expect(logger.lines).toEqual([
        {
          level: 'warn',
          message: 'Customer table did not answer in time; answering not found',
          extra: { contactId: '4a573372-1f28-4e26-b97b-0123456789ab', budgetMs: 1500 },
        },
      ]);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  it('keeps the answer inside the Lambda time left when that is shorter than the budget', async () => {
    // Prepare
    const proxy = await startSlowProxy(table.endpoint, 5000);
    const { handler, client, logger } = handlerFor(proxy.endpoint, 2000);
    try {
      // Act: 500 ms left, minus the 300 ms safety margin
      const answer = await handler(fixture('inbound-voice.json'), { getRemainingTimeInMillis: () => 500 });
      // Assess
      expect(answer.Error).toBe('TIMEOUT');
      expect(logger.lines[0].extra.budgetMs).toBe(200);
    } finally {
      client.destroy();
      await proxy.close();
    }
  });

  it('answers LOOKUP_FAILED, and logs the error name, when the table does not exist', async () => {
    // Prepare
    const logger = recordingLogger();
    const client = createCustomerTableClient({
      requestTimeoutMs: 2000,
      endpoint: table.endpoint,
      ...LOCAL_CLIENT_CONFIG,
    });
    const handler = createCustomerLookupHandler({
      config,
      findAndRecordCall: dynamoDbCustomerStore(client, 'missing-table'),
      logger,
    });
    // Act
    const answer = await handler(fixture('inbound-voice.json'));
    // Assess
    expect(answer).toEqual({
      Found: 'false',
      CalledNumber: CALLER,
      FirstName: '',
      LastName: '',
      LastCalledDate: '',
      Error: 'LOOKUP_FAILED',
    });
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: 'Customer table call failed; answering not found',
        extra: { contactId: '4a573372-1f28-4e26-b97b-0123456789ab', error: 'ResourceNotFoundException' },
      },
    ]);
    client.destroy();
  });

  it.each([
    ['a non-object event', 'not an event', 'INVALID_EVENT'],
    ['a chat contact', fixture('chat.json'), 'NO_PHONE_NUMBER'],
  ])(
    'answers an error result and logs a warning for %s, without calling the table',
    async (_label, event, code) => {
      // Prepare
      const logger = recordingLogger();
      const calls: string[] = [];
      const handler = createCustomerLookupHandler({
        config,
        findAndRecordCall: async (phone) => {
          calls.push(phone);
          return { kind: 'not-found' };
        },
        logger,
      });
      // Act
      const answer = await handler(event);
      // Assess
      expect(answer).toEqual({
        Found: 'false',
        CalledNumber: '',
        FirstName: '',
        LastName: '',
        LastCalledDate: '',
        Error: code,
      });
      expect(calls).toEqual([]);
      expect(logger.lines.map((l) => [l.level, l.message, l.extra.code])).toEqual([
        ['warn', 'Cannot look the caller up', code],
      ]);
    },
  );

  it('answers CONFIGURATION, and logs the reason, when the table name is not set', async () => {
    const logger = recordingLogger();
    const handler = createCustomerLookupHandler({ config: readCustomerLookupConfig({}), logger });
    const answer = await handler(fixture('inbound-voice.json'));
    expect(answer.Error).toBe('CONFIGURATION');
    expect(logger.lines[0]).toEqual({
      level: 'error',
      message: 'Customer lookup is misconfigured',
      extra: {
        reason: 'CUSTOMER_TABLE_NAME is not set; the stack sets it from the customer table SSM parameter.',
        contactId: '4a573372-1f28-4e26-b97b-0123456789ab',
      },
    });
  });

  it('wires the Lambda entry point from its environment (handler.ts, real client, dynalite)', async () => {
    // Prepare: the environment the stack gives the function, plus the SDK's endpoint override.
    const saved = { ...process.env };
    Object.assign(process.env, {
      CUSTOMER_TABLE_NAME: 'customers',
      LOOKUP_TIMEOUT_MS: '2000',
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    try {
      let mod: { handler: (event: unknown) => Promise<Record<string, string>> } | undefined;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mod = require('../src/customer-lookup/handler');
      });
      // Act
      const answer = await mod!.handler(fixture('inbound-voice.json'));
      // Assess
      expect(answer.Found).toBe('true');
      expect(answer.FirstName).toBe('Ana');
    } finally {
      process.env = saved;
    }
  });
});

describe('ACME_Main and the lookup result', () => {
  it("saves the lookup result as contact attributes with the reference's names, before branching on it", () => {
    // Agents and the contact record see the caller's name and last call date (reference: "save it to
    // Contact Trace Record using Set Contact Attributes").
    const main = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '..', '..', 'amzconnect-contact-flows', 'flows', 'ACME_Main.json'),
        'utf8',
      ),
    ) as {
      content: {
        Actions: {
          Identifier: string;
          Type: string;
          Parameters?: Record<string, unknown>;
          Transitions?: { NextAction?: string };
        }[];
      };
    };
    const actions = main.content.Actions;
    const lookup = actions.find((a) => a.Identifier === 'lookup-customer');
    const save = actions.find((a) => a.Identifier === lookup?.Transitions?.NextAction);
    expect(save?.Type).toBe('UpdateContactAttributes');
    expect(save?.Parameters?.Attributes).toEqual({
      CalledNumber: '$.External.CalledNumber',
      FirstName: '$.External.FirstName',
      LastName: '$.External.LastName',
      LastCalledDate: '$.External.LastCalledDate',
      CustomerFound: '$.External.Found',
    });
    expect(save?.Transitions?.NextAction).toBe('check-known-customer');
  });
});
