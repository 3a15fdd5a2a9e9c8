import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DetectSentimentCommand } from '@aws-sdk/client-comprehend';
import { StartTaskContactCommand } from '@aws-sdk/client-connect';
import {
  createGatewayHandler,
  GatewayOutcome,
} from '../../../src/email-channel/gateway/create-gateway-handler';
import { FormattedMail } from '../../../src/email-channel/shared/formatted-mail';
import { comprehendInsights } from '../../../src/email-channel/shared/mail-insights';
import { connectTaskStarter } from '../../../src/email-channel/shared/task-starter';
import { recordingLogger } from '../../support/log-recorder';
import {
  BUCKET,
  fixture,
  LocalChannel,
  s3Event,
  startLocalChannel,
  TEST_CONFIG,
} from './support/local-channel';
import { mockedServices, TASK_FLOW_ID } from './support/mocked-services';

describe('email gateway against s3rver and dynalite', () => {
  let local: LocalChannel;
  let services: ReturnType<typeof mockedServices>;
  let logger: ReturnType<typeof recordingLogger>;
  let gateway: (event: unknown) => Promise<GatewayOutcome[]>;
  const now = () => new Date('2026-11-17T09:14:05.000Z');

  const body = async (key: string) => {
    const out = await local.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(
      await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
  };
  const formatted = async (key: string) => JSON.parse((await body(key)).toString('utf8')) as FormattedMail;

  beforeAll(async () => {
    local = await startLocalChannel();
  });
  afterAll(async () => {
    await local.close();
  });
  beforeEach(() => {
    services = mockedServices();
    logger = recordingLogger();
    gateway = createGatewayHandler({
      config: TEST_CONFIG,
      mail: local.mail,
      cases: local.cases,
      detect: comprehendInsights(services.comprehend),
      startTask: connectTaskStarter(
        services.connect,
        TEST_CONFIG.connectInstanceArn,
        TEST_CONFIG.taskFlowName,
      ),
      logger,
      now,
    });
  });

  it('turns a multipart mail into a case, a stored original, a formatted JSON and a task', async () => {
    // Prepare
    const event = await local.deliver(
      'inbound/',
      'multipart-alternative.eml',
      'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g81',
    );
    // Act
    const [outcome] = await gateway(event);
    // Assess
    expect(outcome).toMatchObject({ outcome: 'TASK_STARTED', contactId: expect.any(String) });
    const caseId = (outcome as { caseId: string }).caseId;
    expect(caseId).toMatch(/^[a-z0-9]{16}$/);
    const base = `cases/${caseId}/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g81`;
    expect(await body(`${base}/original.eml`)).toEqual(fixture('multipart-alternative.eml'));
    const mail = await formatted(`${base}/formatted.json`);
    expect(mail).toMatchObject({
      version: 1,
      caseId,
      direction: 'INBOUND',
      from: { address: 'jane.doe@customer.test', name: 'Jane Doe' },
      subject: 'Order 40213 arrived damaged',
      hadHtml: true,
      originalKey: `${base}/original.eml`,
      insights: {
        language: { code: 'en', score: 0.99 },
        sentiment: { label: 'NEGATIVE' },
        entities: [expect.objectContaining({ text: '40213' }), expect.objectContaining({ text: 'Jane Doe' })],
      },
    });
    expect(mail.body).toBe(
      'Hello,\n\nmy order 40213 arrived today and the blender jar is cracked. I would like a\nreplacement, or a refund if none is in stock.\n\nThanks,\nJane Doe\n+1 206 555 0142',
    );
    const record = await local.cases.get(caseId);
    expect(record).toMatchObject({
      caseId,
      status: 'OPEN',
      customerAddress: 'jane.doe@customer.test',
      subject: 'Order 40213 arrived damaged',
      latestInbound: {
        formattedKey: `${base}/formatted.json`,
        messageId: '<CAF3kq1mB7w4TuA1xZ9oXr0Yt5k@mail.customer.test>',
      },
      lastContactId: (outcome as { contactId: string }).contactId,
    });
    expect(record?.history.map((e) => e.type)).toEqual(['INBOUND', 'TASK_STARTED']);
    const [task] = services.connectMock.commandCalls(StartTaskContactCommand).map((c) => c.args[0].input);
    expect(task).toMatchObject({
      InstanceId: '4a5b6c7d-1111-2222-3333-444455556666',
      ContactFlowId: TASK_FLOW_ID,
      Name: 'Email: Order 40213 arrived damaged',
      Attributes: {
        CaseId: caseId,
        TargetType: 'DEFAULT',
        TargetDestination: '',
        Language: 'en',
        Sentiment: 'NEGATIVE',
        Entities: 'QUANTITY:40213; PERSON:Jane Doe',
        FormattedKey: `${base}/formatted.json`,
        OriginalKey: `${base}/original.eml`,
      },
    });
    expect(task?.ClientToken).toMatch(/^[0-9a-f]{64}$/);
    // No s3:// reference an agent cannot open: the flows' generate-URL function sets OriginalMail as a link.
    expect(task?.References).toEqual({ Customer: { Type: 'EMAIL', Value: 'jane.doe@customer.test' } });
  });

  it('converts an HTML-only mail to text and strips the quoted history under the Outlook header block', async () => {
    const event = await local.deliver(
      'inbound/',
      'html-only.eml',
      '9b1l3d2p4k7m1q0fch8s6t1u2v3w4x5y6z7a8b91',
    );
    const [outcome] = await gateway(event);
    const caseId = (outcome as { caseId: string }).caseId;
    const mail = await formatted(`cases/${caseId}/9b1l3d2p4k7m1q0fch8s6t1u2v3w4x5y6z7a8b91/formatted.json`);
    expect(mail.body).toBe(
      'Good morning,\n\nOur card was charged twice for invoice INV-2291 (EUR 149,00 on 14 November).\nPlease refund the duplicate charge.\n\nKind regards,\nPiotr Kowalski\nContoso Ltd.',
    );
    expect(mail.fullText).toContain('Dear customer, please find your invoice attached.');
    expect(mail.hadHtml).toBe(true);
  });

  it('lists attachments in the formatted mail and counts them on the task, keeping them in the original', async () => {
    const event = await local.deliver(
      'inbound/',
      'attachments.eml',
      'k2j4h6g8f0d2s4a6q8w0e2r4t6y8u0i2o4p6l8m1',
    );
    const [outcome] = await gateway(event);
    const caseId = (outcome as { caseId: string }).caseId;
    const mail = await formatted(`cases/${caseId}/k2j4h6g8f0d2s4a6q8w0e2r4t6y8u0i2o4p6l8m1/formatted.json`);
    expect(mail.attachments).toEqual([
      { filename: 'receipt-8812.pdf', contentType: 'application/pdf', size: 193 },
      { filename: 'serial-plate.png', contentType: 'image/png', size: expect.any(Number) },
    ]);
    expect(mail.cc).toEqual([{ address: 'warranty@customer.test', name: '' }]);
    const task = services.connectMock.commandCalls(StartTaskContactCommand)[0].args[0].input;
    expect(task.Attributes?.AttachmentCount).toBe('2');
  });

  it('decodes non-ASCII headers and quoted-printable UTF-8, and strips German quoted history', async () => {
    const event = await local.deliver(
      'inbound/',
      'non-ascii.eml',
      'p9o8i7u6y5t4r3e2w1q0a9s8d7f6g5h4j3k2l1z0',
    );
    const [outcome] = await gateway(event);
    const caseId = (outcome as { caseId: string }).caseId;
    const mail = await formatted(`cases/${caseId}/p9o8i7u6y5t4r3e2w1q0a9s8d7f6g5h4j3k2l1z0/formatted.json`);
    expect(mail.from).toEqual({ address: 'juergen.mueller@kunde.test', name: 'Jürgen Müller' });
    expect(mail.subject).toBe('Rückerstattung für Bestellung 40300');
    expect(mail.body).toBe(
      'Guten Tag,\n\nich habe die Bestellung 40300 am Montag zurückgeschickt und warte noch auf die Rückerstattung von 89,90 €. Können Sie den Stand prüfen?\n\nMit freundlichen Grüßen\nJürgen Müller',
    );
    const task = services.connectMock.commandCalls(StartTaskContactCommand)[0].args[0].input;
    expect(task.Attributes?.CustomerName).toBe('Jürgen Müller');
  });

  it.each([
    ['spam-flagged.eml', 's0p1a2m3s4p5a6m7s8p9a0m1s2p3a4m5s6p7a8m9', 'SES spam verdict FAIL'],
    ['virus-flagged.eml', 'v1r2u3s4v5i6r7u8s9v0i1r2u3s4v5i6r7u8s9v0', 'SES virus verdict FAIL'],
  ])(
    'drops %s without a case or a task, leaving the original under inbound/',
    async (name, sesId, reason) => {
      const event = await local.deliver('inbound/', name, sesId);
      const outcomes = await gateway(event);
      expect(outcomes).toEqual([{ key: `inbound/${sesId}`, outcome: 'DROPPED', reason }]);
      expect(services.connectMock.commandCalls(StartTaskContactCommand)).toHaveLength(0);
      expect(services.comprehendMock.calls()).toHaveLength(0);
      expect(await body(`inbound/${sesId}`)).toEqual(fixture(name));
      expect(logger.lines).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'Mail dropped' }),
      );
    },
  );

  it.each([
    ['malformed.eml', 'm4l1f0rm3d0000000000000000000000000000a1', 'no sender address (From)'],
    ['no-sender.eml', 'n0s1e2n3d4e5r6n7o8s9e0n1d2e3r4n5o6s7e8n9', 'no sender address (From)'],
  ])('quarantines %s without crashing and keeps the original', async (name, sesId, reason) => {
    const event = await local.deliver('inbound/', name, sesId);
    const outcomes = await gateway(event);
    expect(outcomes).toEqual([
      { key: `inbound/${sesId}`, outcome: 'QUARANTINED', reason, quarantineKey: `quarantine/${sesId}.eml` },
    ]);
    expect(await body(`quarantine/${sesId}.eml`)).toEqual(fixture(name));
    expect(services.connectMock.commandCalls(StartTaskContactCommand)).toHaveLength(0);
  });

  it('quarantines an empty object rather than failing', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'inbound/empty0000', Body: Buffer.alloc(0) }),
    );
    const outcomes = await gateway(s3Event(BUCKET, 'inbound/empty0000'));
    expect(outcomes).toEqual([
      {
        key: 'inbound/empty0000',
        outcome: 'QUARANTINED',
        reason: 'the message is empty',
        quarantineKey: 'quarantine/empty0000.eml',
      },
    ]);
  });

  it('starts no second task and records the mail once when S3 delivers the same event again', async () => {
    const event = await local.deliver(
      'inbound/',
      'multipart-alternative.eml',
      'dup0e2ic28trm7dfhrc2v0clambda4nbp0g810000',
    );
    const [first] = await gateway(event);
    const [second] = await gateway(event);
    expect(second).toEqual(first);
    const tokens = services.connectMock
      .commandCalls(StartTaskContactCommand)
      .map((c) => c.args[0].input.ClientToken);
    expect(tokens[0]).toBe(tokens[1]); // Connect answers the same contact for the same token
    const record = await local.cases.get((first as { caseId: string }).caseId);
    expect(record?.history.filter((e) => e.type === 'INBOUND')).toHaveLength(1);
  });

  it('keeps the mail when Comprehend fails, recording why the insights are missing', async () => {
    services.comprehendMock
      .on(DetectSentimentCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const event = await local.deliver(
      'inbound/',
      'multipart-alternative.eml',
      'thr0ttl3d0000000000000000000000000000000',
    );
    const [outcome] = await gateway(event);
    expect(outcome.outcome).toBe('TASK_STARTED');
    const mail = await formatted(
      `cases/${(outcome as { caseId: string }).caseId}/thr0ttl3d0000000000000000000000000000000/formatted.json`,
    );
    expect(mail.insights.sentiment).toBeUndefined();
    expect(mail.insights.skipped).toEqual(['sentiment: ThrottlingException']);
  });

  it("opens a new case when someone else writes to a case's +<caseId> address", async () => {
    // Prepare: Jane's case, then Sam's mail to Jane's case address
    const [jane] = await gateway(
      await local.deliver(
        'inbound/',
        'multipart-alternative.eml',
        'jane00000000000000000000000000000000000a',
      ),
    );
    const caseId = (jane as { caseId: string }).caseId;
    const forwarded = fixture('attachments.eml')
      .toString('latin1')
      .replace(/^To: customerservice@mail\.example\.com/m, `To: customerservice+${caseId}@mail.example.com`);
    await local.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'inbound/sam000000000000000000000000000000000000b',
        Body: Buffer.from(forwarded, 'latin1'),
      }),
    );
    // Act
    const [sam] = await gateway(s3Event(BUCKET, 'inbound/sam000000000000000000000000000000000000b'));
    // Assess
    expect((sam as { caseId: string }).caseId).not.toBe(caseId);
    expect((await local.cases.get(caseId))?.history.filter((e) => e.type === 'INBOUND')).toHaveLength(1);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'Case address used by another sender; opening a new case',
      }),
    );
  });

  it('throws on an AWS error so Lambda retries the event, with the original already kept', async () => {
    // Prepare: the table is unavailable
    const failing = createGatewayHandler({
      config: TEST_CONFIG,
      mail: local.mail,
      cases: {
        ...local.cases,
        recordInbound: () =>
          Promise.reject(Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' })),
      },
      detect: comprehendInsights(services.comprehend),
      startTask: connectTaskStarter(
        services.connect,
        TEST_CONFIG.connectInstanceArn,
        TEST_CONFIG.taskFlowName,
      ),
      logger,
      now,
    });
    const event = await local.deliver(
      'inbound/',
      'non-ascii.eml',
      'fa1l0000000000000000000000000000000000c1',
    );
    // Act / Assess
    await expect(failing(event)).rejects.toThrow('unavailable');
    const [outcome] = await gateway(event); // the retry
    expect(outcome.outcome).toBe('TASK_STARTED');
    const caseId = (outcome as { caseId: string }).caseId;
    expect(await body(`cases/${caseId}/fa1l0000000000000000000000000000000000c1/original.eml`)).toEqual(
      fixture('non-ascii.eml'),
    );
    expect(services.connectMock.commandCalls(StartTaskContactCommand)).toHaveLength(1);
  });

  it('ignores objects outside inbound/ and events that are not S3 notifications', async () => {
    expect(await gateway(s3Event(BUCKET, 'relay/abc'))).toEqual([
      { key: 'relay/abc', outcome: 'IGNORED', reason: 'not an inbound mail object' },
    ]);
    expect(await gateway({ hello: 'world' })).toEqual([]);
  });
});
