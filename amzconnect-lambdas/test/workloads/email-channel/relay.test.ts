import { StartTaskContactCommand } from '@aws-sdk/client-connect';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { createRelayHandler, RelayOutcome } from '../../../src/email-channel/relay/create-relay-handler';
import { caseIdForMail } from '../../../src/email-channel/shared/case-address';
import { sesReplySender } from '../../../src/email-channel/shared/reply-sender';
import { recordingLogger } from '../../support/log-recorder';
import { fixture, LocalChannel, s3Event, startLocalChannel, TEST_CONFIG } from './support/local-channel';
import { mockedServices } from './support/mocked-services';

const QUEUE_ARN =
  'arn:aws:connect:us-east-1:111111111111:instance/4a5b6c7d-1111-2222-3333-444455556666/queue/5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b';
const AGENT_ARN =
  'arn:aws:connect:us-east-1:111111111111:instance/4a5b6c7d-1111-2222-3333-444455556666/agent/0d1e2f3a';

describe('email relay against s3rver and dynalite', () => {
  let local: LocalChannel;
  let services: ReturnType<typeof mockedServices>;
  let relay: (event: unknown) => Promise<RelayOutcome[]>;
  let seq = 0;

  /** A case as the gateway and whisper leave it: one inbound mail, accepted by an agent from a queue. */
  const openCase = async (): Promise<string> => {
    seq += 1;
    const caseId = caseIdForMail(`inbound/case-${seq}`);
    const formattedKey = `cases/${caseId}/m${seq}/formatted.json`;
    await local.mail.put(
      formattedKey,
      JSON.stringify({
        from: { address: 'jane.doe@customer.test', name: 'Jane Doe' },
        subject: 'Order 40213',
        body: 'Jar is cracked.',
        receivedAt: '2026-11-17T09:14:05.000Z',
      }),
      'application/json',
    );
    await local.cases.recordInbound(caseId, {
      customerAddress: 'jane.doe@customer.test',
      customerName: 'Jane Doe',
      mail: {
        originalKey: `cases/${caseId}/m${seq}/original.eml`,
        formattedKey,
        subject: 'Order 40213',
        receivedAt: '2026-11-17T09:14:05.000Z',
      },
      sourceKey: `inbound/case-${seq}`,
      at: '2026-11-17T09:14:05.000Z',
    });
    await local.cases.recordAssignment(
      caseId,
      { arn: AGENT_ARN, userName: 'maria.garcia' },
      { arn: QUEUE_ARN, name: 'ACME_Sales' },
      {
        at: '2026-11-17T09:20:00.000Z',
        type: 'ASSIGNED',
      },
    );
    return caseId;
  };
  /** The agent fixture sent to another relay mailbox. */
  const agentMail = (mailbox: string, caseId: string) =>
    fixture('agent-reply.eml', caseId)
      .toString('latin1')
      .replace(/agentrelay\+/g, `${mailbox}+`);

  beforeAll(async () => {
    local = await startLocalChannel();
  });
  afterAll(async () => {
    await local.close();
  });
  beforeEach(() => {
    services = mockedServices();
    relay = createRelayHandler({
      config: TEST_CONFIG,
      mail: local.mail,
      cases: local.cases,
      sendReply: sesReplySender(services.ses),
      logger: recordingLogger(),
      now: () => new Date('2026-11-17T15:02:00.000Z'),
    });
  });

  const deliverRaw = async (sesId: string, raw: string) => {
    await local.mail.put(`relay/${sesId}`, Buffer.from(raw, 'latin1'), 'message/rfc822');
    return s3Event(TEST_CONFIG.mailBucket, `relay/${sesId}`);
  };

  it.each([
    ['agentrelay', 'AGENT', true, true],
    ['queuerelay', 'QUEUE', false, true],
    ['relay', 'DEFAULT', false, false],
  ])(
    '%s answers the customer and routes the next mail to %s (keeps agent: %s, keeps queue: %s), starting no task',
    async (mailbox, nextRoute, keepsAgent, keepsQueue) => {
      const caseId = await openCase();
      const [outcome] = await relay(await deliverRaw(`${mailbox}0001`, agentMail(mailbox, caseId)));
      expect(outcome).toMatchObject({ outcome: 'REPLY_SENT', caseId, nextRoute });
      expect(services.sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
      expect(services.connectMock.commandCalls(StartTaskContactCommand)).toHaveLength(0);
      const record = await local.cases.get(caseId);
      expect(record?.agent !== undefined).toBe(keepsAgent);
      expect(record?.queue !== undefined).toBe(keepsQueue);
      expect(record?.history.at(-1)).toMatchObject({
        type: 'REPLY_SENT',
        nextRoute,
        agent: 'maria.garcia@example.com',
      });
    },
  );

  it('rejectrelay closes the case without writing to the customer', async () => {
    const caseId = await openCase();
    const [outcome] = await relay(await deliverRaw('reject0001', agentMail('rejectrelay', caseId)));
    expect(outcome).toEqual({ key: 'relay/reject0001', outcome: 'REJECTED', caseId });
    const record = await local.cases.get(caseId);
    expect(record).toMatchObject({ status: 'CLOSED' });
    expect(record?.history.at(-1)).toMatchObject({ type: 'REJECTED' });
    expect(services.sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(services.connectMock.commandCalls(StartTaskContactCommand)).toHaveLength(0);
  });

  it('sends one answer when S3 delivers the same agent mail twice', async () => {
    const caseId = await openCase();
    const event = await deliverRaw('twice0001', agentMail('agentrelay', caseId));
    const [first] = await relay(event);
    const [second] = await relay(event);
    expect(first.outcome).toBe('REPLY_SENT');
    expect(second).toEqual({ key: 'relay/twice0001', outcome: 'ALREADY_DONE', caseId });
    expect(services.sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('refuses mail from a sender outside relaySenders, sending nothing', async () => {
    const caseId = await openCase();
    const raw = fixture('relay-from-outsider.eml', caseId).toString('latin1');
    const [outcome] = await relay(await deliverRaw('outsider01', raw));
    expect(outcome).toEqual({
      key: 'relay/outsider01',
      outcome: 'REFUSED',
      reason: 'sender mallory@attacker.test is not an allowed relay sender',
    });
    expect(services.sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('refuses an allowed address whose domain failed SPF and DKIM (a forged From)', async () => {
    const caseId = await openCase();
    const forged = agentMail('agentrelay', caseId).replace(
      /spf=pass \(spf=pass\) smtp\.mailfrom=example\.com; dkim=pass header\.i=@example\.com; dmarc=pass/,
      'spf=fail (spf=fail) smtp.mailfrom=example.com; dkim=none; dmarc=fail',
    );
    const [outcome] = await relay(await deliverRaw('forged0001', forged));
    expect(outcome).toMatchObject({
      outcome: 'REFUSED',
      reason: 'sender maria.garcia@example.com failed SPF and DKIM',
    });
  });

  it('refuses relay mail without a case id, for an unknown case, or unparseable, without throwing', async () => {
    const noCase = agentMail('agentrelay', 'CASEID').replace(/agentrelay\+CASEID@/g, 'agentrelay@');
    const unknown = agentMail('agentrelay', 'zzzzzzzzzzzzzzzz');
    const outcomes = [
      ...(await relay(await deliverRaw('nocase0001', noCase))),
      ...(await relay(await deliverRaw('unknown001', unknown))),
      ...(await relay(await deliverRaw('junk000001', fixture('malformed.eml').toString('latin1')))),
    ];
    expect(outcomes.map((o) => (o as { reason: string }).reason)).toEqual([
      'agentrelay address without +<caseId>',
      'no case zzzzzzzzzzzzzzzz',
      'no sender address (From)',
    ]);
  });
});
