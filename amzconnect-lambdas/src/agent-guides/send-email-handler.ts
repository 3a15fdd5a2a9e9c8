import { createLogger } from '../shared/logger';
import { readEmailConfig } from './agent-guides-config';
import { createSendEmailHandler } from './create-send-handlers';
import { createSesClient } from './messaging-clients';
import { sendNoticeEmail } from './send-notice-email';

// Cold start: configuration, client and logger are created once and reused while warm.
const config = readEmailConfig(process.env);
const ses = createSesClient({ requestTimeoutMs: config.requestTimeoutMs });

/** Lambda entry point: e-mails the cancellation notice (agent guide "Cancellations"). */
export const handler = createSendEmailHandler({
  config,
  logger: createLogger(),
  send: (sender, request, signal) => sendNoticeEmail(ses, sender, request, signal),
});
