import { createLogger } from '../../shared/logger';
import { messengerSender, ReplySender, smsSender } from '../channel-senders';
import { createOutboundHandler } from '../create-outbound-handler';
import { secretsManagerFacebookSecret } from '../facebook-secret';
import { Channel } from '../inbound-message';
import { createSecretsClient, createSmsClient, createSessionsClient } from '../messaging-clients';
import { readMessagingSettings } from '../messaging-settings';
import { dynamoDbSessionStore } from '../session-store';

// Cold start: settings, clients and logger once per execution environment.
const read = readMessagingSettings(process.env, ['tableName']);
const logger = createLogger();

function senders(): Partial<Record<Channel, ReplySender>> {
  if (!read.ok) return {};
  const s = read.settings;
  return {
    ...(s.sms ? { sms: smsSender({ client: createSmsClient(), phoneNumberId: s.sms.phoneNumberId }) } : {}),
    ...(s.facebookSecretArn
      ? {
          facebook: messengerSender({
            graphApiUrl: s.graphApiUrl,
            secret: secretsManagerFacebookSecret(createSecretsClient(), s.facebookSecretArn),
          }),
        }
      : {}),
  };
}

/** Lambda entry point: Connect's streamed chat items to the customer's channel; chat-ended cleans the session. */
export const handler = createOutboundHandler({
  logger,
  store: read.ok ? dynamoDbSessionStore(createSessionsClient(), read.settings.tableName) : undefined,
  configProblem: read.ok ? undefined : read.problem,
  senders: senders(),
});
