import { createLogger } from '../shared/logger';
import { readEmailConfig, readSmsConfig } from './agent-guides-config';
import { createSendEmailHandler, createSendSmsHandler } from './create-send-handlers';
import { createSendNoticeHandler } from './create-send-notice-handler';
import { createSesClient, createSmsClient } from './messaging-clients';
import { sendNoticeEmail } from './send-notice-email';
import { sendNoticeSms } from './send-notice-sms';

// Cold start: configuration, clients and logger are created once and reused while warm.
const emailConfig = readEmailConfig(process.env);
const smsConfig = readSmsConfig(process.env);
const ses = createSesClient({ requestTimeoutMs: emailConfig.requestTimeoutMs });
const sms = createSmsClient({ requestTimeoutMs: smsConfig.requestTimeoutMs });
const logger = createLogger();

/** Lambda entry point: e-mails and texts the cancellation notice in one submission. */
export const handler = createSendNoticeHandler({
  sendEmail: createSendEmailHandler({
    config: emailConfig,
    logger,
    send: (sender, request, signal) => sendNoticeEmail(ses, sender, request, signal),
  }),
  sendSms: createSendSmsHandler({
    config: smsConfig,
    logger,
    send: (sender, request, signal) => sendNoticeSms(sms, sender, request, signal),
  }),
  logger,
});
