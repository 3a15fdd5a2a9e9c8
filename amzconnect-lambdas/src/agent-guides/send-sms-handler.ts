import { createLogger } from '../shared/logger';
import { readSmsConfig } from './agent-guides-config';
import { createSendSmsHandler } from './create-send-handlers';
import { createSmsClient } from './messaging-clients';
import { sendNoticeSms } from './send-notice-sms';

// Cold start: configuration, client and logger are created once and reused while warm.
const config = readSmsConfig(process.env);
const sms = createSmsClient({ requestTimeoutMs: config.requestTimeoutMs });

/** Lambda entry point: texts the cancellation notice (agent guide "Cancellations"). */
export const handler = createSendSmsHandler({
  config,
  logger: createLogger(),
  send: (sender, request, signal) => sendNoticeSms(sms, sender, request, signal),
});
