import * as http from 'http';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { StartTaskContactCommand, UpdateContactCommand } from '@aws-sdk/client-connect';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createGatewayHandler } from '../../../src/email-channel/gateway/create-gateway-handler';
import { createGenerateUrlHandler } from '../../../src/email-channel/generate-url/create-generate-url-handler';
import { createRelayHandler } from '../../../src/email-channel/relay/create-relay-handler';
import { comprehendInsights } from '../../../src/email-channel/shared/mail-insights';
import { connectOriginalMailReference } from '../../../src/email-channel/shared/mail-references';
import { sesReplySender } from '../../../src/email-channel/shared/reply-sender';
import { connectTaskStarter } from '../../../src/email-channel/shared/task-starter';
import { createWhisperHandler } from '../../../src/email-channel/whisper/create-whisper-handler';
import { recordingLogger } from '../../support/log-recorder';
import {
  BUCKET,
  fixture,
  LocalChannel,
  s3Event,
  startLocalChannel,
  TEST_CONFIG,
} from './support/local-channel';
import { mockedServices } from './support/mocked-services';

const AGENT_ARN =
  'arn:aws:connect:us-east-1:111111111111:instance/4a5b6c7d-1111-2222-3333-444455556666/agent/0d1e2f3a-4b5c-6d7e-8f9a-0b1c2d3e4f5a';
const QUEUE_ARN =
  'arn:aws:connect:us-east-1:111111111111:instance/4a5b6c7d-1111-2222-3333-444455556666/queue/5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b';

/** The Lambda event Connect sends from a flow, for a task with the given attributes. */
function flowEvent(
  contactId: string,
  attributes: Record<string, string>,
  parameters: Record<string, string> = {},
) {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: attributes,
        Channel: 'TASK',
        ContactId: contactId,
        InitialContactId: contactId,
        InitiationMethod: 'API',
        InstanceARN: TEST_CONFIG.connectInstanceArn,
        Queue: { ARN: QUEUE_ARN, Name: 'ACME_Sales' },
      },
      Parameters: parameters,
    },
  };
}

function httpGet(url: string): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
      })
      .on('error', reject);
  });
}

describe('the email loop: receive → task → agent reply → customer answer in the same case', () => {
  let local: LocalChannel;

  beforeAll(async () => {
    local = await startLocalChannel();
  });
  afterAll(async () => {
    await local.close();
  });

  /** The four functions on real SDK clients (s3rver, dynalite; Comprehend, Connect and SES mocked). */
  const buildLoop = () => {
    const services = mockedServices();
    const logger = recordingLogger();
    let clock = Date.parse('2026-11-17T09:14:05.000Z');
    const now = () => new Date((clock += 1000));
    const startTask = connectTaskStarter(
      services.connect,
      TEST_CONFIG.connectInstanceArn,
      TEST_CONFIG.taskFlowName,
    );
    const gateway = createGatewayHandler({
      config: TEST_CONFIG,
      mail: local.mail,
      cases: local.cases,
      detect: comprehendInsights(services.comprehend),
      startTask,
      logger,
      now,
    });
    const whisper = createWhisperHandler({ cases: local.cases, logger, now });
    const generateUrl = createGenerateUrlHandler({
      lifetime: { ok: true, seconds: TEST_CONFIG.urlLifetimeSeconds },
      presign: (key, expiresIn, downloadName) =>
        getSignedUrl(
          local.s3,
          new GetObjectCommand({
            Bucket: BUCKET,
            Key: key,
            ResponseContentDisposition: downloadName ? `attachment; filename="${downloadName}"` : undefined,
          }),
          { expiresIn },
        ),
      updateReference: connectOriginalMailReference(services.connect, TEST_CONFIG.connectInstanceArn),
      logger,
    });
    const relay = createRelayHandler({
      config: TEST_CONFIG,
      mail: local.mail,
      cases: local.cases,
      sendReply: sesReplySender(services.ses),
      logger,
      now,
    });

    return { services, logger, gateway, whisper, generateUrl, relay };
  };

  /** The customer writes, an agent accepts the task from ACME_Sales (whisper). */
  const mailAccepted = async (loop: ReturnType<typeof buildLoop>, sesId: string) => {
    const [received] = await loop.gateway(
      await local.deliver('inbound/', 'multipart-alternative.eml', sesId),
    );
    const { caseId, contactId } = received as { caseId: string; contactId: string };
    const attributes = loop.services.connectMock.commandCalls(StartTaskContactCommand)[0].args[0].input
      .Attributes as Record<string, string>;
    await loop.whisper(
      flowEvent(contactId, attributes, { AgentArn: AGENT_ARN, AgentUserName: 'maria.garcia' }),
    );
    return caseId;
  };

  /** The agent's answer (fixture) sent to another relay mailbox of the case. */
  const agentAnswerTo = async (mailbox: string, caseId: string, sesId: string) => {
    const raw = fixture('agent-reply.eml', caseId)
      .toString('latin1')
      .replace(/agentrelay\+/g, `${mailbox}+`);
    await local.mail.put(`relay/${sesId}`, Buffer.from(raw, 'latin1'), 'message/rfc822');
    return s3Event(BUCKET, `relay/${sesId}`);
  };

  it('keeps one case from the first mail to the customer answer, back to the same agent', async () => {
    // Prepare
    const { services, logger, gateway, whisper, generateUrl, relay } = buildLoop();

    // Act 1: the customer writes to the inquiry address
    const [received] = await gateway(
      await local.deliver(
        'inbound/',
        'multipart-alternative.eml',
        'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g81',
      ),
    );
    expect(received.outcome).toBe('TASK_STARTED');
    const { caseId, contactId } = received as { caseId: string; contactId: string };
    const firstTask = services.connectMock.commandCalls(StartTaskContactCommand)[0].args[0].input;
    const attributes = firstTask.Attributes as Record<string, string>;

    // Act 2: the queue flow asks for URLs; the agent page opens them
    const urls = await generateUrl(flowEvent(contactId, attributes));
    expect(urls).toEqual({
      FormattedUrl: expect.stringContaining(`/${BUCKET}/cases/${caseId}/`),
      OriginalUrl: expect.stringContaining('X-Amz-Expires=900'),
      ExpiresInSeconds: '840',
    });
    expect(services.connectMock.commandCalls(UpdateContactCommand).map((c) => c.args[0].input)).toEqual([
      {
        InstanceId: '4a5b6c7d-1111-2222-3333-444455556666',
        ContactId: contactId,
        References: { OriginalMail: { Type: 'URL', Value: urls.OriginalUrl } },
      },
    ]);
    const formattedPage = await httpGet(urls.FormattedUrl);
    expect(formattedPage.status).toBe(200);
    expect(JSON.parse(formattedPage.body.toString('utf8'))).toMatchObject({
      caseId,
      subject: 'Order 40213 arrived damaged',
    });
    const original = await httpGet(urls.OriginalUrl);
    expect(original.body).toEqual(fixture('multipart-alternative.eml'));
    expect(original.headers['content-disposition']).toBe('attachment; filename="original.eml"');

    // Act 3: an agent accepts the task (whisper flow)
    expect(
      await whisper(flowEvent(contactId, attributes, { AgentArn: AGENT_ARN, AgentUserName: 'maria.garcia' })),
    ).toEqual({ Recorded: 'true' });

    // Act 4: the agent answers through agentrelay+<caseId>
    const [replied] = await relay(
      await local.deliver('relay/', 'agent-reply.eml', 'a9g8e7n6t5r4e3l2a1y0a9g8e7n6t5r4e3l2a1y0', caseId),
    );
    expect(replied).toMatchObject({ outcome: 'REPLY_SENT', caseId });
    const sent = services.sesMock.commandCalls(SendEmailCommand)[0].args[0].input;
    expect(sent.FromEmailAddress).toBe(`customerservice+${caseId}@mail.example.com`);
    expect(sent.ReplyToAddresses).toEqual([`customerservice+${caseId}@mail.example.com`]);
    expect(sent.Destination).toEqual({ ToAddresses: ['jane.doe@customer.test'] });
    expect(sent.Content?.Simple?.Subject?.Data).toBe('Re: Order 40213 arrived damaged');
    expect(sent.Content?.Simple?.Headers).toEqual([
      { Name: 'In-Reply-To', Value: '<CAF3kq1mB7w4TuA1xZ9oXr0Yt5k@mail.customer.test>' },
      { Name: 'References', Value: '<CAF3kq1mB7w4TuA1xZ9oXr0Yt5k@mail.customer.test>' },
    ]);
    expect(sent.Content?.Simple?.Body?.Html?.Data).toContain(
      '<p>We are sorry to hear that. We can send a replacement jar this week.</p>',
    );
    expect(sent.Content?.Simple?.Body?.Html?.Data).toContain('<blockquote');
    expect(sent.Content?.Simple?.Body?.Html?.Data).toContain(
      'Jane Doe &lt;jane.doe@customer.test&gt; wrote:',
    );
    expect(sent.Content?.Simple?.Body?.Text?.Data).toBe(
      [
        'We are sorry to hear that. We can send a replacement jar this week.',
        '',
        'Maria',
        '',
        '--',
        'This message was sent by ACME customer service.',
        '',
        'On 2026-11-17T09:13:51.000Z, Jane Doe <jane.doe@customer.test> wrote:',
        '> Hello,',
        '>',
        '> my order 40213 arrived today and the blender jar is cracked. I would like a',
        '> replacement, or a refund if none is in stock.',
        '>',
        '> Thanks,',
        '> Jane Doe',
        '> +1 206 555 0142',
        '',
      ].join('\n'),
    );

    // Act 5: the customer answers the reply, to customerservice+<caseId>
    const [answered] = await gateway(
      await local.deliver(
        'inbound/',
        'customer-reply.eml',
        'r3p1y0c5u6s7t8o9m0e1r2r3e4p5l6y7a8b9c0d1',
        caseId,
      ),
    );

    // Assess: same case, routed back to the agent, with the whole history
    expect(answered).toMatchObject({ outcome: 'TASK_STARTED', caseId });
    const secondTask = services.connectMock.commandCalls(StartTaskContactCommand)[1].args[0].input;
    expect(secondTask.Attributes).toMatchObject({
      CaseId: caseId,
      TargetType: 'AGENT',
      TargetDestination: AGENT_ARN,
    });
    expect(secondTask.Description).toBe(
      'A replacement is fine, thank you. Please send it to the same address.\n\nJane',
    );
    const record = await local.cases.get(caseId);
    expect(record).toMatchObject({
      status: 'OPEN',
      customerAddress: 'jane.doe@customer.test',
      agent: { arn: AGENT_ARN, userName: 'maria.garcia' },
      queue: { arn: QUEUE_ARN, name: 'ACME_Sales' },
      latestInbound: { subject: 'Re: Order 40213 arrived damaged' },
    });
    expect(record?.history.map((e) => e.type)).toEqual([
      'INBOUND',
      'TASK_STARTED',
      'ASSIGNED',
      'REPLY_SENT',
      'INBOUND',
      'TASK_STARTED',
    ]);
    expect(record?.history[3]).toMatchObject({
      agent: 'maria.garcia@example.com',
      sesMessageId: expect.stringMatching(/^0100019a/),
      to: 'jane.doe@customer.test',
    });
    expect(logger.lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it.each([
    ['queuerelay', 'QUEUE', QUEUE_ARN],
    ['relay', 'DEFAULT', ''],
  ])(
    "%s sends the agent's answer to the customer, and the customer's next mail goes to the %s routing, not to the agent",
    async (mailbox, targetType, destination) => {
      // Prepare
      const loop = buildLoop();
      const caseId = await mailAccepted(loop, `o3vrnil0e2ic28trm7dfhrc2v0c${mailbox}0000`.slice(0, 40));
      // Act: the agent answers through <mailbox>+<caseId>, then the customer writes again
      const [replied] = await loop.relay(await agentAnswerTo(mailbox, caseId, `${mailbox}answer01`));
      const [answered] = await loop.gateway(
        await local.deliver(
          'inbound/',
          'customer-reply.eml',
          `r3p1y0${mailbox}c5u6s7t8o9m0e1r2r3e4p5`,
          caseId,
        ),
      );
      // Assess: the customer received the answer from the case address
      expect(replied).toMatchObject({ outcome: 'REPLY_SENT', caseId, nextRoute: targetType });
      const sent = loop.services.sesMock.commandCalls(SendEmailCommand);
      expect(sent).toHaveLength(1);
      expect(sent[0].args[0].input.Destination).toEqual({ ToAddresses: ['jane.doe@customer.test'] });
      expect(sent[0].args[0].input.FromEmailAddress).toBe(`customerservice+${caseId}@mail.example.com`);
      // ... and the next mail is a task of the same case, routed to the queue / general line
      expect(answered).toMatchObject({ outcome: 'TASK_STARTED', caseId });
      const next = loop.services.connectMock.commandCalls(StartTaskContactCommand)[1].args[0].input;
      expect(next.Attributes).toMatchObject({
        CaseId: caseId,
        TargetType: targetType,
        TargetDestination: destination,
      });
      const record = await local.cases.get(caseId);
      expect(record?.agent).toBeUndefined();
      expect(record?.history.find((e) => e.type === 'REPLY_SENT')).toMatchObject({ nextRoute: targetType });
    },
  );
});
