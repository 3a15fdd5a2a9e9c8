/**
 * Agent guides: warm latency of the send-email and send-SMS handlers with their real SDK
 * clients against the local SES v2 / End User Messaging endpoint (the test emulator), and of the
 * validation-only path (an INVALID_INPUT answer makes no call). Not part of `npm test`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readEmailConfig, readSmsConfig } from '../amzconnect-lambdas/src/agent-guides/agent-guides-config';
import {
  createSendEmailHandler,
  createSendSmsHandler,
} from '../amzconnect-lambdas/src/agent-guides/create-send-handlers';
import { createSesClient, createSmsClient } from '../amzconnect-lambdas/src/agent-guides/messaging-clients';
import { sendNoticeEmail } from '../amzconnect-lambdas/src/agent-guides/send-notice-email';
import { sendNoticeSms } from '../amzconnect-lambdas/src/agent-guides/send-notice-sms';
import { MessagingEmulator } from '../amzconnect-lambdas/test/workloads/agent-guides/support/messaging-emulator';
import { fmt, median, percentile, timeRuns } from './stats';

const RUNS = 300;
const FIXTURES = path.join(
  __dirname,
  '..',
  'amzconnect-lambdas',
  'test',
  'workloads',
  'agent-guides',
  'fixtures',
);
const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function main(): Promise<void> {
  const emulator = new MessagingEmulator();
  const endpoint = await emulator.start();
  const client = {
    requestTimeoutMs: 2000,
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
  };
  const ses = createSesClient(client);
  const sms = createSmsClient(client);
  const email = createSendEmailHandler({
    config: readEmailConfig({ EMAIL_FROM_ADDRESS: 'cancellations@example.com', EMAIL_TEMPLATE: 't' }),
    logger: silent,
    send: (s, r, signal) => sendNoticeEmail(ses, s, r, signal),
  });
  const text = createSendSmsHandler({
    config: readSmsConfig({
      SMS_ORIGINATION_IDENTITY: 'phone-0123456789abcdef0123456789abcdef',
      SMS_MESSAGE_TEMPLATE: 'Hi {{CustomerName}}',
    }),
    logger: silent,
    send: (s, r, signal) => sendNoticeSms(sms, s, r, signal),
  });
  const emailEvent = fixture('send-email.json');
  const smsEvent = fixture('send-sms.json');
  const invalid = { Details: { ContactData: { ContactId: 'c' }, Parameters: { ToAddress: 'nope' } } };
  try {
    await email(emailEvent); // warm the connection
    await text(smsEvent);
    for (const [name, fn] of [
      ['send-email (SES v2, local endpoint)', () => email(emailEvent)],
      ['send-sms (End User Messaging, local endpoint)', () => text(smsEvent)],
      ['send-email INVALID_INPUT (no call)', () => email(invalid)],
    ] as const) {
      const t = await timeRuns(RUNS, fn);
      console.log(`${name}: median ${fmt(median(t))}, p95 ${fmt(percentile(t, 95))} over ${RUNS} runs`);
    }
  } finally {
    ses.destroy();
    sms.destroy();
    await emulator.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
