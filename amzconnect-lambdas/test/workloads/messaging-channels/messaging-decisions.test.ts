import fc from 'fast-check';
import { createHmac } from 'crypto';
import { decideSession, START_CLAIM_STALE_MS } from '../../../src/messaging-channels/chat-session';
import { parseFacebookSecret } from '../../../src/messaging-channels/facebook-secret';
import {
  isWellFormedSignature,
  verifyFacebookSignature,
} from '../../../src/messaging-channels/facebook-signature';
import {
  NotAPageEventError,
  parseFacebookWebhook,
} from '../../../src/messaging-channels/facebook-webhook-event';
import {
  CONNECT_TEXT_LIMIT,
  MAX_SMS_SEGMENTS,
  MESSENGER_TEXT_LIMIT,
  smsEncoding,
  smsSegments,
  splitForConnect,
  splitForMessenger,
  splitForSms,
} from '../../../src/messaging-channels/message-limits';
import { instanceIdOf, readMessagingSettings } from '../../../src/messaging-channels/messaging-settings';
import { sessionFromItem } from '../../../src/messaging-channels/session-store';
import { parseSmsEvent } from '../../../src/messaging-channels/sms-inbound-event';
import {
  decideOutbound,
  parseStreamedRecord,
  StreamedItem,
} from '../../../src/messaging-channels/streamed-item';
import { decideChallenge } from '../../../src/messaging-channels/verification-challenge';
import { fixture, fixtureBytes } from './support/bridge';
import { propertyRuns } from '@amzconnect/testing';

const SECRET = 'app-secret';
const sign = (body: Buffer, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('Facebook signature verification', () => {
  const body = fixtureBytes('facebook/text-message.json');

  it('accepts the HMAC-SHA256 of the raw bytes, in lower or upper case hex', () => {
    expect(verifyFacebookSignature(body, sign(body), [SECRET])).toBe(true);
    expect(verifyFacebookSignature(body, `sha256=${sign(body).slice(7).toUpperCase()}`, [SECRET])).toBe(true);
  });

  it('accepts the previous secret, and either order of secrets', () => {
    expect(verifyFacebookSignature(body, sign(body, 'old'), [SECRET, 'old'])).toBe(true);
    expect(verifyFacebookSignature(body, sign(body, SECRET), ['old', SECRET])).toBe(true);
  });

  it('signs bytes, not a re-encoded string: the same text with escaped Unicode has another signature', () => {
    const escaped = Buffer.from(body.toString('utf8').replace('📦', '\\ud83d\\udce6'));
    expect(verifyFacebookSignature(escaped, sign(body), [SECRET])).toBe(false);
    expect(verifyFacebookSignature(escaped, sign(escaped), [SECRET])).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['no prefix', 'a'.repeat(64)],
    ['sha1', `sha1=${'a'.repeat(40)}`],
    ['short', 'sha256=abcd'],
    ['long', `sha256=${'a'.repeat(66)}`],
    ['non-hex', `sha256=${'g'.repeat(64)}`],
    ['whitespace', ` sha256=${'a'.repeat(64)}`],
  ])('refuses a %s header before computing anything', (_name, header) => {
    expect(isWellFormedSignature(header)).toBe(false);
    expect(verifyFacebookSignature(body, header, [SECRET])).toBe(false);
  });

  it('refuses an empty body, empty secrets and no secrets', () => {
    expect(verifyFacebookSignature(Buffer.alloc(0), sign(Buffer.alloc(0)), [SECRET])).toBe(false);
    expect(verifyFacebookSignature(body, sign(body, ''), [''])).toBe(false);
    expect(verifyFacebookSignature(body, sign(body), [])).toBe(false);
  });

  it('refuses any other body or secret (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.string({ minLength: 1 }),
        (bytes, other) => {
          const b = Buffer.from(bytes);
          fc.pre(other !== SECRET);
          return verifyFacebookSignature(b, sign(b, other), [SECRET]) === false;
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });
});

describe('Messenger webhook parsing', () => {
  it('reads the customer, the page, the message id and the text', () => {
    expect(parseFacebookWebhook(fixtureBytes('facebook/text-message.json'))).toEqual({
      messages: [
        {
          channel: 'facebook',
          customerId: '6723451234567890',
          businessId: '104857600000001',
          messageId:
            'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P',
          text: 'Hello, is my parcel on its way? 📦',
        },
      ],
      skipped: [],
    });
  });

  it('skips echoes, reads and text-less messages with a reason', () => {
    const parsed = parseFacebookWebhook(fixtureBytes('facebook/echo-and-read.json'));
    expect(parsed.messages).toEqual([]);
    expect(parsed.skipped).toEqual([
      { reason: 'echo of a page message', messageId: 'm_echo_1' },
      { reason: 'not a message (delivery, read or postback)' },
    ]);
    const sticker = Buffer.from(
      JSON.stringify({
        object: 'page',
        entry: [
          {
            messaging: [
              { sender: { id: '1' }, recipient: { id: '2' }, message: { mid: 'm1', attachments: [] } },
            ],
          },
        ],
      }),
    );
    expect(parseFacebookWebhook(sticker).skipped).toEqual([
      { reason: 'message without text (attachment or sticker)', messageId: 'm1' },
    ]);
  });

  it('throws NotAPageEventError for non-JSON and non-page bodies', () => {
    expect(() => parseFacebookWebhook(Buffer.from('nope'))).toThrow(
      new NotAPageEventError('body is not JSON'),
    );
    expect(() => parseFacebookWebhook(Buffer.from('{"object":"instagram","entry":[]}'))).toThrow(
      'not a Messenger page event ("object": "page" with "entry")',
    );
  });
});

describe('two-way SMS event parsing', () => {
  it('reads the customer number, our number, the message id and the body', () => {
    expect(parseSmsEvent(fixture('sns/two-way-sms.json'), '+12065550100')).toEqual({
      messages: [
        {
          channel: 'sms',
          customerId: '+14255550182',
          businessId: '+12065550100',
          messageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
          text: 'Hi, I need help with my order 1234',
        },
      ],
      skipped: [],
    });
  });

  it('skips messages to another number, blank bodies and malformed records', () => {
    const record = (message: unknown) => ({
      EventSource: 'aws:sns',
      Sns: { Message: JSON.stringify(message) },
    });
    const base = {
      originationNumber: '+14255550182',
      destinationNumber: '+12065550100',
      messageBody: 'x',
      inboundMessageId: 'i',
    };
    expect(
      parseSmsEvent(
        {
          Records: [
            record({ ...base, destinationNumber: '+12065550199' }),
            record({ ...base, messageBody: '  ' }),
            record({ ...base, originationNumber: 'ACME' }),
            record({ ...base, inboundMessageId: undefined }),
            { EventSource: 'aws:sns', Sns: { Message: 'not json' } },
          ],
        },
        '+12065550100',
      ).skipped,
    ).toEqual([
      { reason: 'sent to +12065550199, not to +12065550100', messageId: 'i' },
      { reason: 'empty message body', messageId: 'i' },
      { reason: 'originationNumber is not an E.164 number', messageId: 'i' },
      { reason: 'no inboundMessageId' },
      { reason: 'SNS message is not a JSON object' },
    ]);
  });
});

describe('session decision', () => {
  const now = 1_800_000_000_000;
  const active = {
    state: 'active' as const,
    key: 'k',
    channel: 'sms' as const,
    customerId: 'c',
    businessId: 'b',
    contactId: 'ct',
    connectionToken: 't',
    streamingId: 's',
    startedAt: '',
    expiresAt: now / 1000 + 60,
  };

  it('starts a chat when there is no session or it has expired', () => {
    expect(decideSession(undefined, now)).toEqual({ kind: 'start' });
    expect(decideSession({ ...active, expiresAt: now / 1000 }, now)).toEqual({ kind: 'start' });
  });

  it('reuses an active session', () => {
    expect(decideSession(active, now)).toEqual({ kind: 'reuse', session: active });
  });

  it('waits while another invocation starts the chat, and takes over an abandoned claim', () => {
    expect(decideSession({ state: 'starting', key: 'k', claimedAt: now - 1000 }, now)).toEqual({
      kind: 'wait',
    });
    expect(
      decideSession({ state: 'starting', key: 'k', claimedAt: now - START_CLAIM_STALE_MS }, now),
    ).toEqual({
      kind: 'start',
    });
  });

  it('reads stored items and treats anything else as no session', () => {
    expect(sessionFromItem({ pk: 'k', ...active, key: undefined })).toEqual(active);
    expect(sessionFromItem({ pk: 'k', state: 'starting', claimedAt: 5 })).toEqual({
      state: 'starting',
      key: 'k',
      claimedAt: 5,
    });
    expect(sessionFromItem({ pk: 'message#sms#1', kind: 'message', expiresAt: 1 })).toBeUndefined();
    expect(sessionFromItem({ pk: 'k', ...active, channel: 'whatsapp' })).toBeUndefined();
  });
});

describe('streamed item decision', () => {
  const item = (over: Partial<StreamedItem>): StreamedItem => ({
    type: 'MESSAGE',
    contentType: 'text/plain',
    participantRole: 'AGENT',
    visibility: 'ALL',
    initialContactId: 'first',
    contactId: 'current',
    content: 'hello',
    ...over,
  });

  it('delivers agent, flow and bot messages the customer may see, keyed by the initial contact', () => {
    for (const participantRole of ['AGENT', 'SYSTEM', 'CUSTOM_BOT'])
      for (const visibility of ['ALL', 'CUSTOMER', ''])
        expect(decideOutbound(item({ participantRole, visibility }))).toEqual({
          kind: 'deliver',
          contactId: 'first',
          text: 'hello',
        });
  });

  it("ignores the customer's own messages, agent-only messages, events, attachments and blanks", () => {
    expect(decideOutbound(item({ participantRole: 'CUSTOMER' })).kind).toBe('ignore');
    expect(decideOutbound(item({ visibility: 'AGENT' })).kind).toBe('ignore');
    expect(
      decideOutbound(item({ type: 'EVENT', contentType: 'application/vnd.amazonaws.connect.event.typing' }))
        .kind,
    ).toBe('ignore');
    expect(decideOutbound(item({ type: 'ATTACHMENT', contentType: 'image/png' })).kind).toBe('ignore');
    expect(decideOutbound(item({ content: '  ' })).kind).toBe('ignore');
  });

  it('ends the session on the chat-ended event', () => {
    expect(
      decideOutbound(
        item({
          type: 'EVENT',
          contentType: 'application/vnd.amazonaws.connect.event.chat.ended',
          participantRole: 'SYSTEM',
        }),
      ),
    ).toEqual({ kind: 'end', contactId: 'first' });
  });

  it('reads the SNS attributes and body of a streamed record', () => {
    const event = fixture<{ Records: unknown[] }>('connect-streaming/agent-message.json', 'c-1');
    expect(parseStreamedRecord(event.Records[0])).toEqual({
      type: 'MESSAGE',
      contentType: 'text/plain',
      participantRole: 'AGENT',
      visibility: 'ALL',
      initialContactId: 'c-1',
      contactId: 'c-1',
      content: 'Hi! Your order 1234 ships tomorrow.',
    });
    expect(parseStreamedRecord({ Sns: { Message: '{}', MessageAttributes: {} } })).toBeUndefined();
    expect(parseStreamedRecord('x')).toBeUndefined();
  });
});

describe('verification challenge', () => {
  const q = (mode?: string, token?: string, challenge?: string) =>
    Object.fromEntries(
      Object.entries({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    );

  it('echoes the challenge for subscribe with the right token', () => {
    expect(decideChallenge(q('subscribe', 'tok', '42'), 'tok')).toEqual({
      kind: 'challenge',
      challenge: '42',
    });
  });

  it('refuses a wrong token, a prefix of it, another mode, or no challenge', () => {
    expect(decideChallenge(q('subscribe', 'to', '42'), 'tok')).toEqual({ kind: 'forbidden' });
    expect(decideChallenge(q('subscribe', 'tok2', '42'), 'tok')).toEqual({ kind: 'forbidden' });
    expect(decideChallenge(q('unsubscribe', 'tok', '42'), 'tok')).toEqual({ kind: 'forbidden' });
    expect(decideChallenge(q('subscribe', 'tok'), 'tok')).toEqual({ kind: 'forbidden' });
    expect(decideChallenge(q('subscribe', 'tok', 'x'.repeat(257)), 'tok')).toEqual({ kind: 'forbidden' });
  });

  it('treats a request without hub parameters as a health check', () => {
    expect(decideChallenge({}, 'tok')).toEqual({ kind: 'health' });
  });
});

describe('message size limits', () => {
  it('counts SMS segments in GSM-7 and UCS-2', () => {
    expect(smsEncoding('Hello {world} €5')).toBe('GSM-7');
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('€'.repeat(80))).toBe(1); // two septets each
    expect(smsSegments('€'.repeat(81))).toBe(2);
    expect(smsEncoding('Grüße 📦')).toBe('UCS-2');
    expect(smsSegments('ж'.repeat(70))).toBe(1);
    expect(smsSegments('ж'.repeat(71))).toBe(2);
  });

  it('keeps every part within its channel limit and loses no word (property)', () => {
    const words = fc.array(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', 'é', '€', '{', 'ж', '📦') }),
        fc.constant('x'.repeat(2500)),
      ),
      { minLength: 1, maxLength: 400 },
    );
    fc.assert(
      fc.property(words, (ws) => {
        const text = ws.join(' ');
        const norm = (s: string) => s.replace(/\s+/g, '');
        const connect = splitForConnect(text);
        const messenger = splitForMessenger(text);
        const sms = splitForSms(text);
        return (
          connect.every((p) => p.length <= CONNECT_TEXT_LIMIT && p.length > 0) &&
          messenger.every((p) => Array.from(p).length <= MESSENGER_TEXT_LIMIT) &&
          sms.every((p) => smsSegments(p) <= MAX_SMS_SEGMENTS) &&
          norm(connect.join('')) === norm(text) &&
          norm(messenger.join('')) === norm(text) &&
          norm(sms.join('')) === norm(text)
        );
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it('cuts at a space near the limit and never inside a surrogate pair', () => {
    const text = `${'a'.repeat(1000)} ${'b'.repeat(100)}`;
    expect(splitForConnect(text)).toEqual(['a'.repeat(1000), 'b'.repeat(100)]);
    const emoji = '📦'.repeat(1500);
    const parts = splitForMessenger(emoji);
    expect(parts.map((p) => Array.from(p).length)).toEqual([1500]);
    expect(splitForConnect(emoji).every((p) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('gives no part for blank text', () => {
    expect(splitForSms('   ')).toEqual([]);
  });
});

describe('function settings and secret', () => {
  const ARN = 'arn:aws:connect:us-east-1:111111111111:instance/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

  it('reads the instance id from the ARN and the channels from their variables', () => {
    expect(instanceIdOf(ARN)).toBe('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
    const read = readMessagingSettings(
      {
        SESSION_TABLE_NAME: 't',
        CONNECT_INSTANCE_ARN: ARN,
        CONTACT_FLOW_NAME: 'acme-F',
        STREAMING_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:s',
        SMS_PHONE_NUMBER_ID: 'a',
        SMS_ORIGINATION_NUMBER: '+1',
      },
      ['tableName', 'instanceId', 'contactFlowName', 'streamingTopicArn'],
    );
    expect(read).toEqual({
      ok: true,
      settings: {
        tableName: 't',
        instanceId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        contactFlowName: 'acme-F',
        streamingTopicArn: 'arn:aws:sns:us-east-1:111111111111:s',
        sms: { phoneNumberId: 'a', originationNumber: '+1' },
        graphApiUrl: 'https://graph.facebook.com/v21.0',
      },
    });
  });

  it('names the missing variables', () => {
    expect(readMessagingSettings({ CONNECT_INSTANCE_ARN: 'nope' }, ['tableName', 'instanceId'])).toEqual({
      ok: false,
      problem:
        'SESSION_TABLE_NAME, CONNECT_INSTANCE_ARN not set or invalid; the MessagingChannels construct sets them.',
    });
  });

  it('parses the Facebook secret and names missing fields without their values', () => {
    expect(parseFacebookSecret('{"appSecret":"a","pageAccessToken":"p","verifyToken":"v"}')).toEqual({
      appSecret: 'a',
      pageAccessToken: 'p',
      verifyToken: 'v',
    });
    expect(() => parseFacebookSecret('{"appSecret":"a"}')).toThrow(
      'The Facebook secret lacks pageAccessToken, verifyToken.',
    );
    expect(() => parseFacebookSecret('plain')).toThrow(
      'The Facebook secret is not JSON; store { "appSecret", "pageAccessToken", "verifyToken" }.',
    );
  });
});
