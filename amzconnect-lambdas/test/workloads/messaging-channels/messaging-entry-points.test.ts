import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { FakeAws } from './support/fake-aws';
import { LocalSessionsTable, startSessionsTable } from './support/sessions-table';
import {
  fixture,
  fixtureBytes,
  FLOW_NAME,
  httpEvent,
  INSTANCE_ID,
  OUR_NUMBER,
  PHONE_NUMBER_ID,
  prepareFake,
  SECRET_ARN,
  sign,
  STREAMING_TOPIC,
} from './support/bridge';

type Handler = (event: unknown) => Promise<unknown>;

/**
 * The Lambda entry files as Lambda loads them: settings from the environment the construct sets,
 * clients from the SDK's own resolution (endpoints from `AWS_ENDPOINT_URL*`, here the local ones).
 */
describe('messaging-channels Lambda entry points', () => {
  let fake: FakeAws;
  let table: LocalSessionsTable;
  const saved = { ...process.env };

  beforeAll(async () => {
    table = await startSessionsTable();
    fake = await new FakeAws().start();
    prepareFake(fake);
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL: fake.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      SESSION_TABLE_NAME: table.tableName,
      CONNECT_INSTANCE_ARN: `arn:aws:connect:us-east-1:111111111111:instance/${INSTANCE_ID}`,
      CONTACT_FLOW_NAME: FLOW_NAME,
      STREAMING_TOPIC_ARN: STREAMING_TOPIC,
      SMS_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      SMS_ORIGINATION_NUMBER: OUR_NUMBER,
      FACEBOOK_SECRET_ARN: SECRET_ARN,
      GRAPH_API_URL: `${fake.endpoint}/v21.0`,
    });
  });

  afterAll(async () => {
    process.env = saved;
    await fake.stop();
    await table.close();
  });

  function load(file: string): Handler {
    let handler: Handler | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler = (require(`../../../src/messaging-channels/${file}/handler`) as { handler: Handler }).handler;
    });
    return handler as Handler;
  }

  it('bridges an SMS in and the agent reply out, then cleans up when the chat ends', async () => {
    // Prepare
    const inbound = load('inbound');
    const outbound = load('outbound');
    // Act
    await inbound(fixture('sns/two-way-sms.json'));
    const [chat] = [...fake.chats.values()];
    await outbound(fixture('connect-streaming/agent-message.json', chat.contactId));
    await outbound(fixture('connect-streaming/chat-ended.json', chat.contactId));
    // Assess
    expect(chat.messages).toEqual(['Hi, I need help with my order 1234']);
    expect(fake.sms).toEqual([
      {
        to: '+14255550182',
        body: 'Hi! Your order 1234 ships tomorrow.',
        from: PHONE_NUMBER_ID,
      },
    ]);
    const scan = await table.client.send(new ScanCommand({ TableName: table.tableName }));
    expect(scan.Items?.map((i) => i.pk.S)).toEqual(['message#sms#cae173d2-66b9-564c-8309-21f858e9fb84']);
  });

  it('verifies Messenger deliveries with the secret from Secrets Manager and answers the challenge', async () => {
    // Prepare
    const inbound = load('inbound');
    const healthCheck = load('health-check');
    const body = fixtureBytes('facebook/text-message.json');
    // Act
    const unsigned = await inbound(httpEvent('POST', { body }));
    const signed = await inbound(httpEvent('POST', { body, headers: { 'x-hub-signature-256': sign(body) } }));
    const challenge = await healthCheck(
      httpEvent('GET', {
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'test-verify-token', 'hub.challenge': '7' },
      }),
    );
    // Assess
    expect(unsigned).toMatchObject({ statusCode: 401 });
    expect(signed).toMatchObject({ statusCode: 200 });
    expect(challenge).toMatchObject({ statusCode: 200, body: '7' });
    expect(fake.callsOf('GetSecretValue').map((c) => c.body.SecretId)).toEqual([SECRET_ARN, SECRET_ARN]);
  });
});
