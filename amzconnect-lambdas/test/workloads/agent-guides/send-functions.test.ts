import * as fs from 'fs';
import * as path from 'path';
import { readEmailConfig, readSmsConfig } from '../../../src/agent-guides/agent-guides-config';
import { createSendEmailHandler, createSendSmsHandler } from '../../../src/agent-guides/create-send-handlers';
import { createSesClient, createSmsClient } from '../../../src/agent-guides/messaging-clients';
import { sendNoticeEmail } from '../../../src/agent-guides/send-notice-email';
import { sendNoticeSms } from '../../../src/agent-guides/send-notice-sms';
import { immediateRetry } from '@amzconnect/testing';
import { recordingLogger } from '../../support/log-recorder';
import { MessagingEmulator } from './support/messaging-emulator';

const fixture = (name: string): Record<string, any> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));
const withParams = (event: Record<string, any>, params: Record<string, unknown>) => ({
  ...event,
  Details: { ...event.Details, Parameters: { ...event.Details.Parameters, ...params } },
});
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const EMAIL_ENV = {
  EMAIL_FROM_ADDRESS: 'cancellations@example.com',
  EMAIL_TEMPLATE: 'acme-cancellation-notice',
  EMAIL_CONFIGURATION_SET: 'acme-agent-guides',
};
const SMS_ENV = {
  SMS_ORIGINATION_IDENTITY: 'phone-0123456789abcdef0123456789abcdef',
  SMS_MESSAGE_TEMPLATE:
    'ACME: Hi {{CustomerName}}, booking {{Reference}} is cancelled from {{CancellationDate}}.',
};
const PERSONAL = ['jane.doe@example.com', '+12065550100', '206) 555-0100', 'Jane', 'BK-20931', '2026-12-31'];

/** The production attempts (two), without the SDK's back-off between them: see immediateRetry. */
const CLIENT_OPTIONS = {
  requestTimeoutMs: 2000,
  region: 'us-east-1',
  credentials,
  retryStrategy: immediateRetry(2),
};

describe('the agent-guide send functions against SES v2 and End User Messaging SMS endpoints', () => {
  const emulator = new MessagingEmulator();
  let endpoint: string;

  beforeAll(async () => {
    endpoint = await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });
  beforeEach(() => emulator.reset());

  function emailHandler(env: Record<string, string> = EMAIL_ENV) {
    const logger = recordingLogger();
    const config = readEmailConfig(env);
    const ses = createSesClient({ ...CLIENT_OPTIONS, endpoint });
    const handler = createSendEmailHandler({
      config,
      logger,
      send: (sender, request, signal) => sendNoticeEmail(ses, sender, request, signal),
    });
    return { handler, logger };
  }

  function smsHandler(env: Record<string, string> = SMS_ENV) {
    const logger = recordingLogger();
    const config = readSmsConfig(env);
    const sms = createSmsClient({ ...CLIENT_OPTIONS, endpoint });
    const handler = createSendSmsHandler({
      config,
      logger,
      send: (sender, request, signal) => sendNoticeSms(sms, sender, request, signal),
    });
    return { handler, logger };
  }

  describe('send-email', () => {
    it('e-mails the templated notice from the configured sender and answers SENT', async () => {
      // Prepare
      const { handler } = emailHandler();
      // Act
      const answer = await handler(fixture('send-email.json'));
      // Assess
      expect(answer).toEqual({
        Result: 'SENT',
        Message: 'The cancellation notice was e-mailed.',
        Field: '',
        MessageId: 'email-1',
      });
      expect(emulator.emails).toEqual([
        {
          FromEmailAddress: 'cancellations@example.com',
          Destination: { ToAddresses: ['jane.doe@example.com'] },
          Content: {
            Template: {
              TemplateName: 'acme-cancellation-notice',
              TemplateData: '{"CustomerName":"Jane","CancellationDate":"2026-12-31","Reference":"BK-20931"}',
            },
          },
          ConfigurationSetName: 'acme-agent-guides',
        },
      ]);
    });

    it('logs the contact, the result and a masked address, never the address, name, date or reference', async () => {
      // Prepare
      const { handler, logger } = emailHandler();
      // Act
      await handler(fixture('send-email.json'));
      // Assess
      const logged = JSON.stringify(logger.lines);
      for (const value of PERSONAL) expect(logged).not.toContain(value);
      expect(logger.lines).toEqual([
        {
          level: 'info',
          message: 'Cancellation notice e-mailed',
          extra: {
            contactId: '9f0c2a9e-6f7b-4a55-9a6d-0123456789ab',
            result: 'SENT',
            to: 'j***@e***.com',
            messageId: 'email-1',
          },
        },
      ]);
    });

    it('answers INVALID_INPUT naming every wrong field, without calling SES', async () => {
      // Prepare
      const { handler } = emailHandler();
      const event = withParams(fixture('send-email.json'), {
        ToAddress: 'jane.doe@example.com, boss@example.com',
        CancellationDate: '2026-02-30',
        Reference: 'BK 1',
      });
      // Act
      const answer = await handler(event);
      // Assess
      expect(answer).toEqual({
        Result: 'INVALID_INPUT',
        Field: 'ToAddress,CancellationDate,Reference',
        Message:
          'Check the form: ToAddress must be an e-mail address; CancellationDate must be a date like 2026-12-31; Reference must be 1-40 letters, digits or hyphens.',
        MessageId: '',
      });
      expect(emulator.emails).toEqual([]);
    });

    it('answers NOT_CONFIGURED without calling SES where the environment has no sender', async () => {
      // Prepare
      const { handler, logger } = emailHandler({});
      // Act
      const answer = await handler(fixture('send-email.json'));
      // Assess
      expect(answer).toEqual({
        Result: 'NOT_CONFIGURED',
        Message:
          'Sending is not set up for this environment; ask an administrator (the details are in the function log).',
        Field: '',
        MessageId: '',
      });
      expect(emulator.emails).toEqual([]);
      expect(logger.lines[0].extra).toMatchObject({ missing: ['EMAIL_FROM_ADDRESS', 'EMAIL_TEMPLATE'] });
    });

    it.each([
      {
        failure: {
          status: 404,
          type: 'NotFoundException',
          message: 'Template acme-cancellation-notice does not exist.',
        },
        result: 'NOT_CONFIGURED',
      },
      {
        failure: {
          status: 400,
          type: 'MessageRejected',
          message:
            'Email address is not verified. The following identities failed the check in region US-EAST-1: cancellations@example.com',
        },
        result: 'NOT_CONFIGURED',
      },
      { failure: { status: 400, type: 'MessageRejected', message: 'Illegal address' }, result: 'FAILED' },
      {
        failure: { status: 429, type: 'TooManyRequestsException', message: 'Too many requests.' },
        result: 'FAILED',
      },
    ])(
      'answers SES error $failure.type ($failure.message) as $result, and logs the error name only',
      async ({ failure, result }) => {
        // Prepare
        emulator.fail = failure;
        const { handler, logger } = emailHandler();
        // Act
        const answer = await handler(fixture('send-email.json'));
        // Assess
        expect(answer.Result).toBe(result);
        expect(logger.lines.map((l) => [l.level, l.extra.error, l.extra.result])).toEqual([
          ['error', failure.type, result],
        ]);
        expect(JSON.stringify(logger.lines)).not.toContain('cancellations@example.com');
      },
    );

    it('answers INVALID_INPUT to an event that is not from a flow', async () => {
      // Act
      const answer = await emailHandler().handler({ hello: 'world' });
      // Assess
      expect(answer).toMatchObject({ Result: 'INVALID_INPUT', Field: '' });
    });
  });

  describe('send-sms', () => {
    it('texts the rendered notice as a transactional message from the origination identity', async () => {
      // Prepare
      const { handler } = smsHandler();
      // Act
      const answer = await handler(fixture('send-sms.json'));
      // Assess
      expect(answer).toEqual({
        Result: 'SENT',
        Message: 'The cancellation notice was sent by text message.',
        Field: '',
        MessageId: 'sms-1',
      });
      expect(emulator.texts).toEqual([
        {
          DestinationPhoneNumber: '+12065550100',
          OriginationIdentity: 'phone-0123456789abcdef0123456789abcdef',
          MessageBody: 'ACME: Hi Jane, booking BK-20931 is cancelled from 2026-12-31.',
          MessageType: 'TRANSACTIONAL',
        },
      ]);
    });

    it('logs a masked number and no personal data', async () => {
      // Prepare
      const { handler, logger } = smsHandler();
      // Act
      await handler(fixture('send-sms.json'));
      // Assess
      const logged = JSON.stringify(logger.lines);
      for (const value of PERSONAL) expect(logged).not.toContain(value);
      expect(logger.lines[0].extra).toMatchObject({ result: 'SENT', to: '+1******0100' });
    });

    it('answers INVALID_INPUT for a number that is not E.164', async () => {
      // Act
      const answer = await smsHandler().handler(
        withParams(fixture('send-sms.json'), { ToNumber: '0206 555 0100' }),
      );
      // Assess
      expect(answer).toMatchObject({
        Result: 'INVALID_INPUT',
        Field: 'ToNumber',
        Message: 'Check the form: ToNumber must be an E.164 number such as +12065550100.',
      });
      expect(emulator.texts).toEqual([]);
    });

    it('answers NOT_CONFIGURED where the Region has no origination identity', async () => {
      // Act
      const answer = await smsHandler({ SMS_MESSAGE_TEMPLATE: 'x' }).handler(fixture('send-sms.json'));
      // Assess
      expect(answer.Result).toBe('NOT_CONFIGURED');
      expect(emulator.texts).toEqual([]);
    });

    it.each([
      {
        failure: {
          status: 400,
          type: 'ConflictException',
          message: 'opted out',
          reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
        },
        result: 'OPTED_OUT',
      },
      {
        failure: { status: 400, type: 'ResourceNotFoundException', message: 'phone number not found' },
        result: 'NOT_CONFIGURED',
      },
      { failure: { status: 400, type: 'ThrottlingException', message: 'slow down' }, result: 'FAILED' },
    ])('answers End User Messaging error $failure.type as $result', async ({ failure, result }) => {
      // Prepare
      emulator.fail = failure;
      const { handler, logger } = smsHandler();
      // Act
      const answer = await handler(fixture('send-sms.json'));
      // Assess
      expect(answer.Result).toBe(result);
      expect(logger.lines[0]).toMatchObject({ level: 'error', extra: { error: failure.type, result } });
    });
  });
});

describe('the Lambda entry points, as deployed (configuration from the environment)', () => {
  const emulator = new MessagingEmulator();
  const saved = { ...process.env };

  beforeAll(async () => {
    const endpoint = await emulator.start();
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_ENDPOINT_URL_SESV2: endpoint,
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ...EMAIL_ENV,
      ...SMS_ENV,
      GUIDE_CUSTOMER_PROFILES: 'true',
      GUIDE_CUSTOMER_PROFILES_DOMAIN: 'amazon-connect-acme-develop',
      GUIDE_LINKS: '[]',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await emulator.stop();
  });

  it('send-email, send-sms and settings answer a flow event end to end', async () => {
    // Prepare
    const load = (file: string) => {
      let mod: { handler: (e: unknown) => Promise<Record<string, string>> } | undefined;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mod = require(`../../../src/agent-guides/${file}`);
      });
      return mod!.handler;
    };
    // Act
    const email = await load('send-email-handler')(fixture('send-email.json'));
    const sms = await load('send-sms-handler')(fixture('send-sms.json'));
    const settings = await load('settings-handler')({});
    // Assess
    expect([email.Result, sms.Result]).toEqual(['SENT', 'SENT']);
    expect([emulator.emails.length, emulator.texts.length]).toEqual([1, 1]);
    expect(settings).toMatchObject({
      EmailConfigured: 'true',
      SmsConfigured: 'true',
      CustomerProfiles: 'true',
      CardsView: 'arn:aws:connect:us-east-1:aws:view/cards',
    });
  });
});
