import { GetCommand, ScanCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConversationBusyError } from '../../../src/messaging-channels/process-inbound-message';
import { conversationKey } from '../../../src/messaging-channels/inbound-message';
import { FakeAws } from './support/fake-aws';
import { startSessionsTable, LocalSessionsTable } from './support/sessions-table';
import {
  buildBridge,
  fixture,
  fixtureBytes,
  FLOW_ID,
  httpEvent,
  INSTANCE_ID,
  OUR_NUMBER,
  PHONE_NUMBER_ID,
  PAGE_TOKEN,
  prepareFake,
  sign,
  smsEvent,
  STREAMING_TOPIC,
  PREVIOUS_APP_SECRET,
} from './support/bridge';

const CUSTOMER = '+14255550182';
const SMS_KEY = conversationKey({ channel: 'sms', businessId: OUR_NUMBER, customerId: CUSTOMER });
const PSID = '6723451234567890';
const PAGE_ID = '104857600000001';

describe('messaging bridge: handlers with real SDK clients against a local Connect/Pinpoint/Secrets Manager endpoint and dynalite', () => {
  let fake: FakeAws;
  let table: LocalSessionsTable;
  let docs: DynamoDBDocumentClient;

  beforeAll(async () => {
    table = await startSessionsTable();
    docs = DynamoDBDocumentClient.from(table.client);
  });
  afterAll(async () => {
    await table.close();
  });
  beforeEach(async () => {
    fake = await new FakeAws().start();
    prepareFake(fake);
  });
  afterEach(async () => {
    await fake.stop();
  });

  async function sessionItem(key: string) {
    return (await docs.send(new GetCommand({ TableName: table.tableName, Key: { pk: key } }))).Item;
  }

  async function clearTable() {
    const items = (await docs.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];
    for (const item of items)
      await docs.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: item.pk } }));
  }
  beforeEach(clearTable);

  describe('SMS inbound', () => {
    it("starts a chat in the configured flow with the reference's chatframework_Channel attribute and Channel beside it, streams it, connects the customer and sends the text", async () => {
      // Prepare
      const now = Date.parse('2026-11-20T10:00:00Z');
      const { inbound } = buildBridge(fake, table, () => now);
      // Act
      await inbound(fixture('sns/two-way-sms.json'));
      // Assess
      expect(fake.callsOf('ListContactFlows')).toHaveLength(2); // the flow is on the second page
      const [start] = fake.callsOf('StartChatContact');
      expect(start.body).toMatchObject({
        InstanceId: INSTANCE_ID,
        ContactFlowId: FLOW_ID,
        Attributes: {
          chatframework_Channel: 'SMS',
          Channel: 'SMS',
          CustomerId: CUSTOMER,
          BusinessId: OUR_NUMBER,
        },
        ParticipantDetails: { DisplayName: `SMS ${CUSTOMER}` },
        ChatDurationInMinutes: 1500,
        ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const [chat] = [...fake.chats.values()];
      expect(fake.callsOf('StartContactStreaming')[0].body).toMatchObject({
        InstanceId: INSTANCE_ID,
        ContactId: chat.contactId,
        ChatStreamingConfiguration: { StreamingEndpointArn: STREAMING_TOPIC },
      });
      const [connection] = fake.callsOf('CreateParticipantConnection');
      expect(connection.headers['x-amz-bearer']).toBe(chat.participantToken);
      expect(connection.body).toEqual({ Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true });
      expect(chat.messages).toEqual(['Hi, I need help with my order 1234']);
      expect(await sessionItem(SMS_KEY)).toMatchObject({
        state: 'active',
        channel: 'sms',
        contactId: chat.contactId,
        connectionToken: chat.connectionToken,
        streamingId: `streaming-${chat.contactId}`,
        expiresAt: now / 1000 + 1500 * 60,
      });
    });

    it('sends later messages from the same number to the same chat, without a second stream', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      await inbound(smsEvent('first', 'sms-1'));
      // Act
      await inbound(smsEvent('second', 'sms-2'));
      await inbound(smsEvent('third', 'sms-3'));
      // Assess
      expect(fake.chats.size).toBe(1);
      expect([...fake.chats.values()][0].messages).toEqual(['first', 'second', 'third']);
      expect(fake.callsOf('StartChatContact')).toHaveLength(1);
      expect(fake.callsOf('StartContactStreaming')).toHaveLength(1);
      expect(fake.callsOf('ListContactFlows')).toHaveLength(2); // resolved once per container
    });

    it('gives another customer their own chat', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      // Act
      await inbound(smsEvent('from A', 'a-1', '+14255550101'));
      await inbound(smsEvent('from B', 'b-1', '+14255550102'));
      // Assess
      expect([...fake.chats.values()].map((c) => [c.attributes.CustomerId, c.messages])).toEqual([
        ['+14255550101', ['from A']],
        ['+14255550102', ['from B']],
      ]);
    });

    it('ignores a duplicate delivery of the same inbound message id', async () => {
      // Prepare
      const { inbound, logger } = buildBridge(fake, table);
      await inbound(smsEvent('only once', 'dup-1'));
      const callsBefore = fake.calls.length;
      // Act
      await inbound(smsEvent('only once', 'dup-1'));
      // Assess
      expect(fake.calls.length).toBe(callsBefore);
      expect([...fake.chats.values()][0].messages).toEqual(['only once']);
      expect(logger.lines).toContainEqual(
        expect.objectContaining({
          message: 'Duplicate delivery ignored',
          extra: { channel: 'sms', messageId: 'dup-1' },
        }),
      );
    });

    it('starts a new chat when the previous one has ended', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      await inbound(smsEvent('before', 'e-1'));
      const first = [...fake.chats.values()][0];
      first.ended = true;
      // Act
      await inbound(smsEvent('after the end', 'e-2'));
      // Assess
      const chats = [...fake.chats.values()];
      expect(chats).toHaveLength(2);
      expect(chats[1].messages).toEqual(['after the end']);
      expect(await sessionItem(SMS_KEY)).toMatchObject({ contactId: chats[1].contactId });
      expect(fake.callsOf('StartContactStreaming')).toHaveLength(2);
    });

    it('starts a new chat when the session outlived the chat duration and TTL has not removed it yet', async () => {
      // Prepare
      let now = Date.parse('2026-11-20T10:00:00Z');
      const { inbound } = buildBridge(fake, table, () => now);
      await inbound(smsEvent('monday', 'x-1'));
      now += 1501 * 60_000;
      // Act
      await inbound(smsEvent('tuesday', 'x-2'));
      // Assess
      expect([...fake.chats.values()].map((c) => c.messages)).toEqual([['monday'], ['tuesday']]);
      expect(fake.callsOf('SendMessage')).toHaveLength(2);
      expect(await sessionItem(SMS_KEY)).toMatchObject({
        contactId: [...fake.chats.values()][1].contactId,
        expiresAt: now / 1000 + 1500 * 60,
      });
    });

    it('splits a customer message over Connect’s 1,024-character limit into several chat messages', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      const long = `${'word '.repeat(300)}end`;
      // Act
      await inbound(smsEvent(long, 'long-1'));
      // Assess
      const messages = [...fake.chats.values()][0].messages;
      expect(messages.length).toBe(2);
      expect(messages.every((m) => m.length <= 1024)).toBe(true);
      expect(messages.join(' ')).toBe(long);
    });

    it("retries a throttled StartContactStreaming with the SDK's adaptive backoff and still bridges the message", async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      fake.failNext('StartContactStreaming', 'ThrottlingException', 429, 1);
      // Act
      await inbound(smsEvent('despite throttling', 't-1'));
      // Assess
      expect(fake.callsOf('StartChatContact')).toHaveLength(1);
      expect(fake.callsOf('StartContactStreaming')).toHaveLength(2);
      expect([...fake.chats.values()].map((c) => c.messages)).toEqual([['despite throttling']]);
    });

    it('fails without recording the message when Connect refuses, so the redelivery is processed', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      fake.failNext('StartChatContact', 'InvalidRequestException', 400, 1);
      // Act
      await expect(inbound(smsEvent('retry me', 'r-1'))).rejects.toThrow(/InvalidRequestException/);
      // Assess: nothing left behind, and the same delivery succeeds later
      expect(await sessionItem(SMS_KEY)).toBeUndefined();
      expect(await sessionItem('message#sms#r-1')).toBeUndefined();
      await inbound(smsEvent('retry me', 'r-1'));
      expect([...fake.chats.values()].map((c) => c.messages)).toEqual([['retry me']]);
    });

    it('fails with a clear error when the contact flow is not deployed', async () => {
      // Prepare
      fake.flows = fake.flows.slice(0, 2);
      const { inbound } = buildBridge(fake, table);
      // Act / Assess
      await expect(inbound(smsEvent('hello', 'nf-1'))).rejects.toThrow(
        'No CONTACT_FLOW named "acme-ACME_messaging_chat" in the instance; deploy the contact flows (amzconnect-contact-flows) or fix contactFlow in config/workloads/messaging-channels.json.',
      );
      expect(fake.callsOf('StartChatContact')).toHaveLength(0);
    });

    it('lets only one of two simultaneous first messages start the chat; the other is retried into it', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      const sent = [
        ['one', 'c-1'],
        ['two', 'c-2'],
      ] as const;
      // Act
      const results = await Promise.allSettled(sent.map(([text, id]) => inbound(smsEvent(text, id))));
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConversationBusyError);
      // SNS retries a failed delivery later
      for (const [text, id] of sent.filter((_, i) => results[i].status === 'rejected'))
        await inbound(smsEvent(text, id));
      // Assess
      expect(fake.chats.size).toBe(1);
      expect([...fake.chats.values()][0].messages.sort()).toEqual(['one', 'two']);
    });
  });

  describe('outbound', () => {
    async function startSmsChat() {
      const bridge = buildBridge(fake, table);
      await bridge.inbound(smsEvent('Hi, I need help with my order 1234', 'o-1'));
      return { ...bridge, contactId: [...fake.chats.values()][0].contactId };
    }

    it("texts the agent's reply from our End User Messaging number, transactional, with no Pinpoint application", async () => {
      // Prepare
      const { outbound, contactId } = await startSmsChat();
      // Act
      await outbound(fixture('connect-streaming/agent-message.json', contactId));
      // Assess
      expect(fake.sms).toEqual([
        { to: CUSTOMER, body: 'Hi! Your order 1234 ships tomorrow.', from: PHONE_NUMBER_ID },
      ]);
      expect(fake.callsOf('SendTextMessage')[0].body).toMatchObject({ MessageType: 'TRANSACTIONAL' });
    });

    it("does not send the customer's own message, typing events or items of unknown chats", async () => {
      // Prepare
      const { outbound, contactId } = await startSmsChat();
      // Act
      await outbound(fixture('connect-streaming/customer-message.json', contactId));
      await outbound(fixture('connect-streaming/agent-typing.json', contactId));
      await outbound(fixture('connect-streaming/agent-message.json', '99999999-0000-4000-8000-000000000000'));
      // Assess
      expect(fake.sms).toEqual([]);
      expect(fake.callsOf('SendTextMessage')).toHaveLength(0);
    });

    it('deletes the session when the chat ends, so the next text starts a new chat', async () => {
      // Prepare
      const { inbound, outbound, contactId } = await startSmsChat();
      // Act
      await outbound(fixture('connect-streaming/chat-ended.json', contactId));
      // Assess
      expect(await sessionItem(SMS_KEY)).toBeUndefined();
      await inbound(smsEvent('new question', 'o-2'));
      expect(fake.chats.size).toBe(2);
      expect(fake.callsOf('SendMessage')).toHaveLength(2); // no attempt on the ended chat
    });

    it('splits a long SMS reply into texts of at most six segments', async () => {
      // Prepare
      const { outbound, contactId } = await startSmsChat();
      const event = fixture<{ Records: { Sns: { Message: string } }[] }>(
        'connect-streaming/agent-message.json',
        contactId,
      );
      const body = JSON.parse(event.Records[0].Sns.Message) as Record<string, string>;
      body.Content = 'Your refund is on its way. '.repeat(60).trim();
      event.Records[0].Sns.Message = JSON.stringify(body);
      // Act
      await outbound(event);
      // Assess
      expect(fake.sms.length).toBe(2);
      expect(fake.sms.every((s) => s.body.length <= 6 * 153)).toBe(true);
      expect(fake.sms.map((s) => s.body).join(' ')).toBe(body.Content);
    });
  });

  describe('Facebook Messenger', () => {
    it('bridges a signed webhook delivery into a chat with the FACEBOOK channel attribute', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      const body = fixtureBytes('facebook/text-message.json');
      // Act
      const res = await inbound(httpEvent('POST', { body, headers: { 'X-Hub-Signature-256': sign(body) } }));
      // Assess
      expect(res).toMatchObject({ statusCode: 200 });
      expect(JSON.parse((res as { body: string }).body)).toEqual({
        'sent-to-new-chat': 1,
        'sent-to-existing-chat': 0,
        duplicate: 0,
        skipped: 0,
      });
      const [chat] = [...fake.chats.values()];
      expect(chat.attributes).toEqual({
        chatframework_Channel: 'FACEBOOK',
        Channel: 'FACEBOOK',
        CustomerId: PSID,
        BusinessId: PAGE_ID,
      });
      expect(chat.messages).toEqual(['Hello, is my parcel on its way? 📦']);
    });

    it('accepts a delivery signed with the previous app secret during a rotation', async () => {
      const { inbound } = buildBridge(fake, table);
      const body = fixtureBytes('facebook/text-message.json');
      const res = await inbound(
        httpEvent('POST', { body, headers: { 'x-hub-signature-256': sign(body, PREVIOUS_APP_SECRET) } }),
      );
      expect(res).toMatchObject({ statusCode: 200 });
    });

    it.each([
      ['no signature', undefined],
      ['an empty signature', ''],
      ['a SHA-1 signature', `sha1=${'a'.repeat(40)}`],
      ['a truncated signature', 'sha256=abc'],
      ['a signature with another secret', 'other'],
      ['a signature of another body', 'tampered'],
    ])('answers 401 to %s and processes nothing', async (_name, signature) => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      const body = fixtureBytes('facebook/text-message.json');
      const header =
        signature === 'other'
          ? sign(body, 'not-the-app-secret')
          : signature === 'tampered'
            ? sign(Buffer.from(body.toString('utf8').replace('parcel', 'refund')))
            : signature;
      // Act
      const res = await inbound(
        httpEvent('POST', { body, headers: header === undefined ? {} : { 'x-hub-signature-256': header } }),
      );
      // Assess
      expect(res).toMatchObject({ statusCode: 401 });
      expect(fake.calls.filter((c) => c.operation !== 'GetSecretValue')).toEqual([]);
      expect((await docs.send(new ScanCommand({ TableName: table.tableName }))).Items).toEqual([]);
    });

    it('does not read the secret for a malformed signature header', async () => {
      const { inbound } = buildBridge(fake, table);
      await inbound(
        httpEvent('POST', { body: Buffer.from('{}'), headers: { 'x-hub-signature-256': 'sha256=zz' } }),
      );
      expect(fake.calls).toEqual([]);
    });

    it('answers 400, never 5xx, to a signed body that is not a page event', async () => {
      const { inbound } = buildBridge(fake, table);
      for (const text of ['not json', '{"object":"user","entry":[]}', '[]']) {
        const body = Buffer.from(text);
        const res = await inbound(
          httpEvent('POST', { body, headers: { 'x-hub-signature-256': sign(body) } }),
        );
        expect(res).toMatchObject({ statusCode: 400 });
      }
      expect(fake.callsOf('StartChatContact')).toHaveLength(0);
    });

    it('answers 405 to other methods and skips echoes and read receipts', async () => {
      const { inbound } = buildBridge(fake, table);
      expect(await inbound(httpEvent('GET'))).toMatchObject({ statusCode: 405 });
      const body = fixtureBytes('facebook/echo-and-read.json');
      const res = await inbound(httpEvent('POST', { body, headers: { 'x-hub-signature-256': sign(body) } }));
      expect(JSON.parse((res as { body: string }).body)).toMatchObject({ 'sent-to-new-chat': 0, skipped: 2 });
      expect(fake.chats.size).toBe(0);
    });

    it('asks Facebook to redeliver (500) when a valid delivery cannot be bridged, and ignores the redelivery once bridged', async () => {
      // Prepare
      const { inbound } = buildBridge(fake, table);
      const body = fixtureBytes('facebook/text-message.json');
      const event = httpEvent('POST', { body, headers: { 'x-hub-signature-256': sign(body) } });
      fake.failNext('StartChatContact', 'InvalidRequestException', 400, 1);
      // Act / Assess
      expect(await inbound(event)).toMatchObject({ statusCode: 500 });
      expect(await inbound(event)).toMatchObject({ statusCode: 200 });
      const third = await inbound(event);
      expect(JSON.parse((third as { body: string }).body)).toMatchObject({ duplicate: 1 });
      expect([...fake.chats.values()].map((c) => c.messages)).toEqual([
        ['Hello, is my parcel on its way? 📦'],
      ]);
    });

    it('sends the agent reply through the Send API with the page token, 2,000 characters at most per message', async () => {
      // Prepare
      const { inbound, outbound } = buildBridge(fake, table);
      const body = fixtureBytes('facebook/text-message.json');
      await inbound(httpEvent('POST', { body, headers: { 'x-hub-signature-256': sign(body) } }));
      const contactId = [...fake.chats.values()][0].contactId;
      const event = fixture<{ Records: { Sns: { Message: string } }[] }>(
        'connect-streaming/agent-message.json',
        contactId,
      );
      const message = JSON.parse(event.Records[0].Sns.Message) as Record<string, string>;
      message.Content = 'x'.repeat(4500);
      event.Records[0].Sns.Message = JSON.stringify(message);
      // Act
      await outbound(event);
      // Assess
      expect(fake.messenger.map((m) => [m.to, m.text.length, m.authorization])).toEqual([
        [PSID, 2000, `Bearer ${PAGE_TOKEN}`],
        [PSID, 2000, `Bearer ${PAGE_TOKEN}`],
        [PSID, 500, `Bearer ${PAGE_TOKEN}`],
      ]);
      expect(fake.callsOf('MessengerSend')[0].query.has('access_token')).toBe(false);
      expect(fake.callsOf('MessengerSend')[0].body).toMatchObject({ messaging_type: 'RESPONSE' });
    });
  });

  describe('health check', () => {
    it('echoes the challenge when the verify token matches', async () => {
      const { healthCheck } = buildBridge(fake, table);
      const res = await healthCheck(
        httpEvent('GET', {
          query: {
            'hub.mode': 'subscribe',
            'hub.verify_token': 'test-verify-token',
            'hub.challenge': '1158201444',
          },
        }),
      );
      expect(res).toEqual({
        statusCode: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: '1158201444',
      });
    });

    it('answers 403 to a wrong or missing verify token or mode', async () => {
      const { healthCheck } = buildBridge(fake, table);
      const queries: Record<string, string>[] = [
        { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' },
        { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
        { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'test-verify-token', 'hub.challenge': '1' },
      ];
      for (const query of queries) {
        expect(await healthCheck(httpEvent('GET', { query }))).toMatchObject({ statusCode: 403 });
      }
    });

    it('answers a plain health check without reading the secret', async () => {
      const { healthCheck } = buildBridge(fake, table);
      expect(await healthCheck(httpEvent('GET'))).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
      expect(fake.calls).toEqual([]);
    });
  });
});
