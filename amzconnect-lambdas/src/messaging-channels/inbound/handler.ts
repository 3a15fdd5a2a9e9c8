import { createLogger } from '../../shared/logger';
import { connectChatGateway } from '../connect-chat';
import { createInboundHandler } from '../create-inbound-handler';
import { secretsManagerFacebookSecret } from '../facebook-secret';
import {
  createConnectClient,
  createParticipantClient,
  createSecretsClient,
  createSessionsClient,
} from '../messaging-clients';
import { readMessagingSettings } from '../messaging-settings';
import { processInboundMessage } from '../process-inbound-message';
import { dynamoDbSessionStore } from '../session-store';

// Cold start: settings, clients and logger once per execution environment.
const read = readMessagingSettings(process.env, [
  'tableName',
  'instanceId',
  'contactFlowName',
  'streamingTopicArn',
]);
const logger = createLogger();

function processor() {
  if (!read.ok) return undefined;
  const s = read.settings;
  const store = dynamoDbSessionStore(createSessionsClient(), s.tableName);
  const chat = connectChatGateway({
    connect: createConnectClient(),
    participant: createParticipantClient(),
    instanceId: s.instanceId,
    contactFlowName: s.contactFlowName,
    streamingTopicArn: s.streamingTopicArn,
  });
  return (m: Parameters<typeof processInboundMessage>[0]) =>
    processInboundMessage(m, { store, chat, logger });
}

/** Lambda entry point: SMS (SNS) and Messenger (HTTP API POST) messages into Connect chat. */
export const handler = createInboundHandler({
  logger,
  process: processor(),
  configProblem: read.ok ? undefined : read.problem,
  smsNumber: read.ok ? read.settings.sms?.originationNumber : undefined,
  facebookSecret:
    read.ok && read.settings.facebookSecretArn
      ? secretsManagerFacebookSecret(createSecretsClient(), read.settings.facebookSecretArn)
      : undefined,
});
