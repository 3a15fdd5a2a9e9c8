import * as fs from 'fs';
import * as path from 'path';
import { createHmac } from 'crypto';
import { recordingLogger } from '../../../support/log-recorder';
import { LOCAL_CLIENT_CONFIG } from '../../../support/dynalite-table';
import { messengerSender, smsSender } from '../../../../src/messaging-channels/channel-senders';
import { connectChatGateway } from '../../../../src/messaging-channels/connect-chat';
import { createHealthCheckHandler } from '../../../../src/messaging-channels/create-health-check-handler';
import { createInboundHandler } from '../../../../src/messaging-channels/create-inbound-handler';
import { createOutboundHandler } from '../../../../src/messaging-channels/create-outbound-handler';
import { secretsManagerFacebookSecret } from '../../../../src/messaging-channels/facebook-secret';
import {
  createConnectClient,
  createParticipantClient,
  createSecretsClient,
  createSessionsClient,
  createSmsClient,
} from '../../../../src/messaging-channels/messaging-clients';
import { processInboundMessage } from '../../../../src/messaging-channels/process-inbound-message';
import { dynamoDbSessionStore, SessionStore } from '../../../../src/messaging-channels/session-store';
import { FakeAws } from './fake-aws';
import { LocalSessionsTable } from './sessions-table';

export const INSTANCE_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const FLOW_NAME = 'acme-ACME_messaging_chat';
export const FLOW_ID = 'f1f1f1f1-0000-4000-8000-000000000003';
export const STREAMING_TOPIC = 'arn:aws:sns:us-east-1:111111111111:acme-streaming';
export const OUR_NUMBER = '+12065550100';
/** The End User Messaging phone number id of {@link OUR_NUMBER}. */
export const PHONE_NUMBER_ID = 'phone-0123456789abcdef0123456789abcdef';
export const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/develop/facebook-AbC123';
export const APP_SECRET = 'test-app-secret-for-signatures';
export const PREVIOUS_APP_SECRET = 'previous-test-app-secret';
export const PAGE_TOKEN = 'test-page-access-token';
export const VERIFY_TOKEN = 'test-verify-token';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A fixture file as raw bytes. */
export function fixtureBytes(relative: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, relative));
}

/** A JSON fixture, with `{{CONTACT_ID}}` replaced. */
export function fixture<T = unknown>(relative: string, contactId = ''): T {
  return JSON.parse(fixtureBytes(relative).toString('utf8').split('{{CONTACT_ID}}').join(contactId)) as T;
}

/** Facebook's signature of `body` under `secret`. */
export function sign(body: Buffer, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** An API Gateway HTTP API (payload 2.0) event, the body base64-encoded as API Gateway does for non-text. */
export function httpEvent(
  method: 'GET' | 'POST',
  options: { body?: Buffer; headers?: Record<string, string>; query?: Record<string, string> } = {},
): unknown {
  return {
    version: '2.0',
    routeKey: `${method} /facebook`,
    rawPath: '/facebook',
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    requestContext: { http: { method, path: '/facebook', protocol: 'HTTP/1.1', sourceIp: '192.0.2.10' } },
    ...(options.body
      ? { body: options.body.toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
}

/** The three handlers wired as in Lambda, with real SDK clients on the fake endpoint and dynalite. */
export function buildBridge(fake: FakeAws, table: LocalSessionsTable, now: () => number = Date.now) {
  const local = { ...LOCAL_CLIENT_CONFIG, endpoint: fake.endpoint };
  const logger = recordingLogger();
  const store: SessionStore = dynamoDbSessionStore(
    createSessionsClient({ ...LOCAL_CLIENT_CONFIG, endpoint: table.endpoint }),
    table.tableName,
  );
  const chat = connectChatGateway({
    connect: createConnectClient(local),
    participant: createParticipantClient(local),
    instanceId: INSTANCE_ID,
    contactFlowName: FLOW_NAME,
    streamingTopicArn: STREAMING_TOPIC,
  });
  const secret = secretsManagerFacebookSecret(createSecretsClient(local), SECRET_ARN);
  const inbound = createInboundHandler({
    logger,
    process: (m) => processInboundMessage(m, { store, chat, logger, now }),
    smsNumber: OUR_NUMBER,
    facebookSecret: secret,
  });
  const outbound = createOutboundHandler({
    logger,
    store,
    senders: {
      sms: smsSender({
        client: createSmsClient(local),
        phoneNumberId: PHONE_NUMBER_ID,
      }),
      facebook: messengerSender({ graphApiUrl: `${fake.endpoint}/v21.0`, secret }),
    },
  });
  const healthCheck = createHealthCheckHandler({ logger, facebookSecret: secret });
  return { inbound, outbound, healthCheck, store, logger };
}

/** Sets the fake's instance content and Facebook secret as the tests expect them. */
export function prepareFake(fake: FakeAws): void {
  fake.flows = [
    { Id: 'f1f1f1f1-0000-4000-8000-000000000001', Name: 'Default customer queue' },
    { Id: 'f1f1f1f1-0000-4000-8000-000000000002', Name: 'acme-ACME_Main' },
    { Id: FLOW_ID, Name: FLOW_NAME },
  ];
  fake.secretString = JSON.stringify({
    appSecret: APP_SECRET,
    previousAppSecret: PREVIOUS_APP_SECRET,
    pageAccessToken: PAGE_TOKEN,
    verifyToken: VERIFY_TOKEN,
  });
}

/** An SNS two-way SMS event with another body and message id. */
export function smsEvent(text: string, messageId: string, from = '+14255550182'): { Records: unknown[] } {
  const event = fixture<{ Records: { Sns: { Message: string } }[] }>('sns/two-way-sms.json');
  const message = JSON.parse(event.Records[0].Sns.Message) as Record<string, string>;
  event.Records[0].Sns.Message = JSON.stringify({
    ...message,
    messageBody: text,
    inboundMessageId: messageId,
    originationNumber: from,
  });
  return event;
}
