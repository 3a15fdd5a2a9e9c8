import { decideInbound } from '../../../src/email-channel/gateway/create-gateway-handler';
import { decideRelay } from '../../../src/email-channel/relay/create-relay-handler';
import {
  caseAddress,
  caseIdForMail,
  caseIdFromRecipients,
  isAllowedRelaySender,
  relayTargetFromRecipients,
} from '../../../src/email-channel/shared/case-address';
import { readChannelConfig } from '../../../src/email-channel/shared/channel-config';
import { InboundMail } from '../../../src/email-channel/shared/inbound-mail';
import { truncateUtf8 } from '../../../src/email-channel/shared/mail-insights';
import { decideVerdict, senderAuthenticated } from '../../../src/email-channel/shared/mail-verdict';
import { composeReply, replySubject } from '../../../src/email-channel/shared/reply-message';
import { mailIdOf, parseS3Event } from '../../../src/email-channel/shared/s3-event';
import { stripQuotedHistory } from '../../../src/email-channel/shared/strip-quoted-history';
import { buildTaskRequest, decideTaskTarget } from '../../../src/email-channel/shared/task-request';
import { CaseRecord } from '../../../src/email-channel/shared/case-record';
import { TEST_CONFIG } from './support/local-channel';

const PASS = 'amazonses.com; spf=pass (spf=pass) smtp.mailfrom=example.com; dkim=pass header.i=@example.com';
const mail = (over: Partial<InboundMail> = {}): InboundMail => ({
  subject: 'Hello',
  from: { address: 'jane@customer.test', name: 'Jane' },
  to: [{ address: 'customerservice@mail.example.com', name: '' }],
  cc: [],
  text: 'Hi',
  hasHtml: false,
  attachments: [],
  verdicts: { spam: 'PASS', virus: 'PASS', authenticationResults: PASS },
  ...over,
});

describe('quoted history', () => {
  it.each([
    ['Gmail', 'Thanks!\n\nOn Tue, 17 Nov 2026 at 10:13, Jane <j@x.test> wrote:\n> old', 'Thanks!'],
    ['Outlook', 'Done.\n\n________________________________\nFrom: ACME <a@x.test>\nSent: Monday', 'Done.'],
    ['Outlook (plain)', 'Done.\n\n-----Original Message-----\nFrom: ACME', 'Done.'],
    ['German', 'Danke.\n\nAm 10.11.2026 um 09:12 schrieb ACME Kundenservice:\n> alt', 'Danke.'],
    ['French', 'Merci.\n\nLe mar. 17 nov. 2026 à 10:13, Jane <j@x.test> a écrit :\n> vieux', 'Merci.'],
    ['trailing quotes only', 'Yes.\n> earlier\n> text', 'Yes.'],
  ])('cuts the %s history', (_client, text, expected) => {
    expect(stripQuotedHistory(text)).toBe(expected);
  });

  it('keeps a body that is all quote, and collapses blank lines', () => {
    expect(stripQuotedHistory('> only quoted')).toBe('> only quoted');
    expect(stripQuotedHistory('a\n\n\n\nb\r\n')).toBe('a\n\nb');
  });
});

describe('verdicts and sender authentication', () => {
  it('drops FAIL verdicts only; GRAY, PROCESSING_FAILED and missing headers pass', () => {
    expect(decideVerdict({ spam: 'FAIL' })).toEqual({ drop: true, reason: 'SES spam verdict FAIL' });
    expect(decideVerdict({ virus: ' fail ' })).toEqual({ drop: true, reason: 'SES virus verdict FAIL' });
    expect(decideVerdict({ spam: 'GRAY', virus: 'PROCESSING_FAILED' })).toEqual({ drop: false });
    expect(decideVerdict({})).toEqual({ drop: false });
  });

  it('trusts only SES results with an SPF or DKIM pass', () => {
    expect(senderAuthenticated({ authenticationResults: PASS })).toBe(true);
    expect(senderAuthenticated({ authenticationResults: 'amazonses.com; spf=fail; dkim=pass' })).toBe(true);
    expect(senderAuthenticated({ authenticationResults: 'amazonses.com; spf=softfail; dkim=none' })).toBe(
      false,
    );
    expect(senderAuthenticated({ authenticationResults: 'evil.test; spf=pass' })).toBe(false);
    expect(senderAuthenticated({})).toBe(false);
  });
});

describe('case addresses', () => {
  it('reads the case from the +<caseId> alias of the inquiry address only', () => {
    const to = (address: string) => [{ address, name: '' }];
    expect(
      caseIdFromRecipients(
        to('customerservice+abcd1234efgh5678@mail.example.com'),
        TEST_CONFIG.inquiryAddress,
      ),
    ).toBe('abcd1234efgh5678');
    expect(
      caseIdFromRecipients(to('customerservice@mail.example.com'), TEST_CONFIG.inquiryAddress),
    ).toBeUndefined();
    expect(
      caseIdFromRecipients(to('customerservice+../x@mail.example.com'), TEST_CONFIG.inquiryAddress),
    ).toBeUndefined();
    expect(
      caseIdFromRecipients(to('other+abcd1234efgh5678@mail.example.com'), TEST_CONFIG.inquiryAddress),
    ).toBeUndefined();
    expect(caseAddress(TEST_CONFIG.inquiryAddress, 'abcd1234efgh5678')).toBe(
      'customerservice+abcd1234efgh5678@mail.example.com',
    );
  });

  it('derives a stable case id from the stored mail, so a retried delivery finds the same case', () => {
    expect(caseIdForMail('inbound/a')).toBe(caseIdForMail('inbound/a'));
    expect(caseIdForMail('inbound/a')).not.toBe(caseIdForMail('inbound/b'));
    expect(caseIdForMail('inbound/a')).toMatch(/^[a-z0-9]{16}$/);
  });

  it('works out the relay type from the address', () => {
    const to = (address: string) => [{ address, name: '' }];
    expect(relayTargetFromRecipients(to('queuerelay+abcd1234@mail.example.com'), 'mail.example.com')).toEqual(
      {
        mailbox: 'queuerelay',
        caseId: 'abcd1234',
      },
    );
    expect(relayTargetFromRecipients(to('rejectrelay@mail.example.com'), 'mail.example.com')).toEqual({
      mailbox: 'rejectrelay',
    });
    expect(
      relayTargetFromRecipients(to('agentrelay+abcd1234@other.test'), 'mail.example.com'),
    ).toBeUndefined();
    expect(isAllowedRelaySender('Maria@Example.com', ['example.com'])).toBe(true);
    expect(isAllowedRelaySender('lead@partner.test', ['lead@partner.test'])).toBe(true);
    expect(isAllowedRelaySender('other@partner.test', ['lead@partner.test'])).toBe(false);
    expect(isAllowedRelaySender('x@sub.example.com', ['example.com'])).toBe(false);
  });
});

describe('decisions', () => {
  it('accepts a customer mail with its case reference, quarantines loops and sender-less mail', () => {
    expect(
      decideInbound(
        mail({ to: [{ address: 'customerservice+abcd1234@mail.example.com', name: '' }] }),
        TEST_CONFIG,
      ),
    ).toEqual({
      kind: 'accept',
      caseRef: 'abcd1234',
      customer: { address: 'jane@customer.test', name: 'Jane' },
    });
    expect(decideInbound(mail({ from: undefined }), TEST_CONFIG)).toEqual({
      kind: 'quarantine',
      reason: 'no sender address (From)',
    });
    expect(
      decideInbound(mail({ from: { address: 'customerservice+x@mail.example.com', name: '' } }), TEST_CONFIG),
    ).toMatchObject({
      kind: 'quarantine',
    });
  });

  it('acts on relay mail only from an authenticated, allowed sender naming a case', () => {
    const relay = mail({
      from: { address: 'maria@example.com', name: '' },
      to: [{ address: 'agentrelay+abcd1234@mail.example.com', name: '' }],
    });
    expect(decideRelay(relay, TEST_CONFIG)).toEqual({
      kind: 'act',
      target: { mailbox: 'agentrelay', caseId: 'abcd1234' },
      agentAddress: 'maria@example.com',
    });
    expect(decideRelay({ ...relay, verdicts: { spam: 'FAIL' } }, TEST_CONFIG)).toEqual({
      kind: 'refuse',
      reason: 'SES spam verdict FAIL',
    });
    expect(decideRelay({ ...relay, to: [] }, TEST_CONFIG)).toEqual({
      kind: 'refuse',
      reason: 'no relay address among the recipients',
    });
  });

  it('routes the next task to the open case agent, else its queue, else the default queue', () => {
    const base = { caseId: 'c', status: 'OPEN', history: [] } as unknown as CaseRecord;
    expect(decideTaskTarget(undefined)).toEqual({ type: 'DEFAULT', destination: '' });
    expect(
      decideTaskTarget({
        ...base,
        agent: { arn: 'arn:agent', userName: 'm' },
        queue: { arn: 'arn:q', name: 'Q' },
      }),
    ).toEqual({
      type: 'AGENT',
      destination: 'arn:agent',
    });
    expect(
      decideTaskTarget({
        ...base,
        status: 'CLOSED',
        agent: { arn: 'arn:agent', userName: 'm' },
        queue: { arn: 'arn:q', name: 'Q' },
      }),
    ).toEqual({ type: 'QUEUE', destination: 'arn:q' });
  });

  it("cuts the task's name and description to Connect's limits and keeps only confident entities", () => {
    const request = buildTaskRequest({
      instanceId: 'i',
      contactFlowId: 'f',
      caseId: 'abcd1234',
      customerAddress: 'jane@customer.test',
      customerName: 'Jane',
      subject: 'x'.repeat(600),
      body: 'y'.repeat(5000),
      insights: {
        entities: [
          { text: 'ACME', type: 'ORGANIZATION', score: 0.95 },
          { text: 'it', type: 'OTHER', score: 0.4 },
        ],
      },
      target: { type: 'DEFAULT', destination: '' },
      originalKey: 'cases/abcd1234/m/original.eml',
      formattedKey: 'cases/abcd1234/m/formatted.json',
      attachmentCount: 0,
      sourceKey: 'inbound/m',
    });
    expect(request.Name).toHaveLength(512);
    expect(request.Description).toHaveLength(4096);
    expect(request.Attributes?.Entities).toBe('ORGANIZATION:ACME');
  });

  it("keeps the reference's routing attributes target_type and target_destination beside TargetType and TargetDestination", () => {
    // Act
    const request = buildTaskRequest({
      instanceId: 'i',
      contactFlowId: 'f',
      caseId: 'abcd1234',
      customerAddress: 'jane@customer.test',
      customerName: 'Jane',
      subject: 'Order',
      body: 'Hello',
      insights: {},
      target: { type: 'QUEUE', destination: 'arn:aws:connect:us-east-1:111111111111:instance/i/queue/q' },
      originalKey: 'cases/abcd1234/m/original.eml',
      formattedKey: 'cases/abcd1234/m/formatted.json',
      attachmentCount: 0,
      sourceKey: 'inbound/m',
    });
    // Assess
    const queue = 'arn:aws:connect:us-east-1:111111111111:instance/i/queue/q';
    expect(request.Attributes).toMatchObject({
      TargetType: 'QUEUE',
      TargetDestination: queue,
      target_type: 'QUEUE',
      target_destination: queue,
    });
  });

  it('prefixes Re: once and quotes the latest mail under the reply and the disclaimer', () => {
    expect(replySubject('Re: Order')).toBe('Re: Order');
    expect(replySubject('AW: Bestellung')).toBe('AW: Bestellung');
    expect(replySubject('')).toBe('Re: (no subject)');
    const reply = composeReply({
      replyText: 'Done.\n',
      disclaimer: 'Confidential.',
      latest: { subject: 'Order', body: 'Line 1\n\nLine 2', receivedAt: '2026-11-17T09:00:00.000Z' },
      from: 'customerservice+abcd1234@mail.example.com',
      to: 'jane@customer.test',
    });
    expect(reply.text).toBe(
      'Done.\n\n--\nConfidential.\n\nOn 2026-11-17T09:00:00.000Z, jane@customer.test wrote:\n> Line 1\n>\n> Line 2\n',
    );
    expect(reply.inReplyTo).toBeUndefined();
  });
});

describe('small parsers', () => {
  it('truncates UTF-8 text to a byte limit without splitting characters', () => {
    expect(truncateUtf8('€€€', 7)).toBe('€€');
    expect(truncateUtf8('abc', 3)).toBe('abc');
  });

  it('reads S3 notification keys URL-decoded and ignores other records', () => {
    expect(
      parseS3Event({
        Records: [
          { s3: { bucket: { name: 'b' }, object: { key: 'inbound/a+b%2Bc' } } },
          { eventSource: 'aws:sqs' },
        ],
      }),
    ).toEqual([{ bucket: 'b', key: 'inbound/a b+c' }]);
    expect(parseS3Event(null)).toEqual([]);
    expect(mailIdOf('inbound/o3vr nil/..')).toBe('mail');
    expect(mailIdOf('inbound/o3vr nil')).toBe('o3vr_nil');
  });

  it('reads the function configuration once, naming every missing variable', () => {
    expect(readChannelConfig({}, ['mailBucket', 'caseTable'])).toEqual({
      ok: false,
      problem: 'MAIL_BUCKET, CASE_TABLE not set; the EmailChannel construct sets them.',
    });
    const read = readChannelConfig(
      { MAIL_BUCKET: 'b', RELAY_SENDERS: 'Example.com, a@b.test', DETECT_LANGUAGE: 'true' },
      ['mailBucket'],
    );
    expect(read).toMatchObject({
      ok: true,
      config: {
        mailBucket: 'b',
        relaySenders: ['example.com', 'a@b.test'],
        detectLanguage: true,
        urlLifetimeSeconds: 900,
      },
    });
  });
});
