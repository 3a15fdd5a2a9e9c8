import * as fs from 'fs';
import * as path from 'path';
import { readEmailConfig, readSmsConfig } from '../../../src/agent-guides/agent-guides-config';
import { createSendEmailHandler, createSendSmsHandler } from '../../../src/agent-guides/create-send-handlers';
import {
  ChannelOutcome,
  combineNoticeOutcomes,
  createSendNoticeHandler,
} from '../../../src/agent-guides/create-send-notice-handler';
import { createSesClient, createSmsClient } from '../../../src/agent-guides/messaging-clients';
import { sendNoticeEmail } from '../../../src/agent-guides/send-notice-email';
import { sendNoticeSms } from '../../../src/agent-guides/send-notice-sms';
import { recordingLogger } from '../../support/log-recorder';
import { MessagingEmulator } from './support/messaging-emulator';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const ENV = {
  EMAIL_FROM_ADDRESS: 'cancellations@acme.test',
  EMAIL_TEMPLATE: 'acme-cancellation-notice',
  SMS_ORIGINATION_IDENTITY: 'phone-0123456789abcdef0123456789abcdef',
  SMS_MESSAGE_TEMPLATE:
    'ACME: Hi {{CustomerName}}, booking {{Reference}} is cancelled from {{CancellationDate}}.',
};
const OPTED_OUT = {
  status: 400,
  type: 'ConflictException',
  message: 'opted out',
  reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
};
// The account's monthly SMS spend limit is reached: not retried by the SDK, answered FAILED.
const SPEND_LIMIT = {
  status: 402,
  type: 'ServiceQuotaExceededException',
  message: 'Monthly spend limit reached',
};

/** The both-channels event: the fixture's contact, the form's fields and both recipients. */
function submission(params: Record<string, string> = {}) {
  const event = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'send-email.json'), 'utf8'));
  event.Details.Parameters = { ...event.Details.Parameters, ToNumber: '+12065550100', ...params };
  return event as unknown;
}

describe('sending the notice by e-mail and SMS in one submission (SES v2 and End User Messaging endpoints)', () => {
  const emulator = new MessagingEmulator();
  let endpoint: string;

  function handler() {
    const logger = recordingLogger();
    const options = { requestTimeoutMs: 2000, endpoint, region: 'us-east-1', credentials };
    const ses = createSesClient(options);
    const sms = createSmsClient(options);
    const h = createSendNoticeHandler({
      sendEmail: createSendEmailHandler({
        config: readEmailConfig(ENV),
        logger,
        send: (sender, request, signal) => sendNoticeEmail(ses, sender, request, signal),
      }),
      sendSms: createSendSmsHandler({
        config: readSmsConfig(ENV),
        logger,
        send: (sender, request, signal) => sendNoticeSms(sms, sender, request, signal),
      }),
      logger,
    });
    return { h, logger };
  }

  beforeAll(async () => {
    endpoint = await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });
  beforeEach(() => emulator.reset());

  it('sends both in one pass and answers SENT with each channel result and key', async () => {
    // Act
    const answer = await handler().h(submission());
    // Assess
    expect(emulator.emails).toHaveLength(1);
    expect(emulator.texts).toHaveLength(1);
    expect(answer).toMatchObject({
      Result: 'SENT',
      EmailResult: 'SENT',
      EmailMessageId: 'email-1',
      SmsResult: 'SENT',
      SmsMessageId: 'sms-1',
      Message:
        'E-mail: The cancellation notice was e-mailed. Text message: The cancellation notice was sent by text message.',
    });
    expect(answer.EmailSentKey).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.SmsSentKey).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.EmailSentKey).not.toBe(answer.SmsSentKey);
  });

  it('reports a partial failure per channel: the e-mail went out, the customer opted out of texts', async () => {
    // Prepare
    emulator.failTexts = OPTED_OUT;
    // Act
    const answer = await handler().h(submission());
    // Assess
    expect(answer).toMatchObject({
      Result: 'PARTIAL',
      EmailResult: 'SENT',
      SmsResult: 'OPTED_OUT',
      SmsSentKey: '',
      Message:
        'E-mail: The cancellation notice was e-mailed. Text message: The customer opted out of text messages from us; send the notice by e-mail.',
    });
    expect(emulator.emails).toHaveLength(1);
  });

  it('is idempotent per channel: a resubmission after a partial failure sends only the channel that failed', async () => {
    // Prepare
    emulator.failTexts = SPEND_LIMIT;
    const { h } = handler();
    const first = await h(submission());
    emulator.failTexts = undefined;
    // Act: the flow passes back the keys it kept from the first answer
    const second = await h(submission({ EmailSentKey: first.EmailSentKey, SmsSentKey: first.SmsSentKey }));
    const third = await h(submission({ EmailSentKey: second.EmailSentKey, SmsSentKey: second.SmsSentKey }));
    // Assess
    expect([first.Result, second.Result, third.Result]).toEqual(['PARTIAL', 'SENT', 'SENT']);
    expect(emulator.emails).toHaveLength(1);
    expect(emulator.texts).toHaveLength(1);
    expect(second).toMatchObject({
      EmailResult: 'SENT',
      EmailMessage: 'Already sent with this submission; not sent again.',
      EmailSentKey: first.EmailSentKey,
      SmsResult: 'SENT',
    });
  });

  it('sends a corrected notice again: a changed address or field gives a new key', async () => {
    // Prepare
    const { h } = handler();
    const first = await h(submission());
    // Act
    const corrected = await h(
      submission({
        ToAddress: 'jane.roe@example.com',
        EmailSentKey: first.EmailSentKey,
        SmsSentKey: first.SmsSentKey,
      }),
    );
    // Assess
    expect(emulator.emails.map((e) => (e.Destination as { ToAddresses: string[] }).ToAddresses[0])).toEqual([
      'jane.doe@example.com',
      'jane.roe@example.com',
    ]);
    expect(emulator.texts).toHaveLength(1);
    expect(corrected.EmailSentKey).not.toBe(first.EmailSentKey);
  });

  it('sends only the channels with a recipient', async () => {
    // Act
    const answer = await handler().h(submission({ ToAddress: '' }));
    // Assess
    expect(answer).toMatchObject({ Result: 'SENT', EmailResult: 'NOT_REQUESTED', SmsResult: 'SENT' });
    expect([emulator.emails.length, emulator.texts.length]).toEqual([0, 1]);
  });

  it('answers INVALID_INPUT naming every wrong field, and sends nothing', async () => {
    // Act
    const none = await handler().h(submission({ ToAddress: '', ToNumber: '' }));
    const wrong = await handler().h(submission({ ToNumber: '555', Reference: 'BK 1' }));
    // Assess
    expect(none).toMatchObject({ Result: 'INVALID_INPUT', Field: 'ToAddress' });
    expect(wrong).toMatchObject({
      Result: 'INVALID_INPUT',
      Field: 'ToNumber,Reference',
      Message:
        'Check the form: ToNumber must be an E.164 number such as +12065550100; Reference must be 1-40 letters, digits or hyphens.',
    });
    expect([emulator.emails.length, emulator.texts.length]).toEqual([0, 0]);
  });
});

describe('combineNoticeOutcomes (pure)', () => {
  const o = (result: ChannelOutcome['result']): ChannelOutcome => ({
    result,
    message: '',
    messageId: '',
    sentKey: '',
    alreadySent: false,
  });

  it.each([
    ['SENT', 'SENT', 'SENT'],
    ['SENT', 'NOT_REQUESTED', 'SENT'],
    ['SENT', 'FAILED', 'PARTIAL'],
    ['OPTED_OUT', 'SENT', 'PARTIAL'],
    ['NOT_CONFIGURED', 'NOT_CONFIGURED', 'NOT_CONFIGURED'],
    ['NOT_CONFIGURED', 'OPTED_OUT', 'FAILED'],
    ['NOT_REQUESTED', 'FAILED', 'FAILED'],
  ] as const)('e-mail %s and SMS %s → %s', (email, sms, result) => {
    expect(combineNoticeOutcomes(o(email), o(sms))).toBe(result);
  });
});
