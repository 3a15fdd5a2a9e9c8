import { ConnectClient } from '@aws-sdk/client-connect';
import { EndpointRequest, json, LocalEndpoint } from '@amzconnect/testing';
import {
  createGenerateUrlHandler,
  caseMailKey,
} from '../../../src/email-channel/generate-url/create-generate-url-handler';
import { CaseStore } from '../../../src/email-channel/shared/case-store';
import {
  connectOriginalMailReference,
  ORIGINAL_URL_MAX_BYTES,
} from '../../../src/email-channel/shared/mail-references';
import { createWhisperHandler } from '../../../src/email-channel/whisper/create-whisper-handler';
import { recordingLogger } from '../../support/log-recorder';

const CASE = 'abcdefgh12345678';
const event = (attributes: Record<string, string>, parameters: Record<string, string> = {}) => ({
  Name: 'ContactFlowEvent',
  Details: {
    ContactData: { ContactId: 'c-1', Attributes: attributes, Channel: 'TASK' },
    Parameters: parameters,
  },
});

describe('generate-URL function', () => {
  const presign = jest.fn(
    async (key: string, expiresIn: number) => `https://bucket.s3/${key}?X-Amz-Expires=${expiresIn}`,
  );
  const updateReference = jest.fn(async (_contactId: string, _url: string) => undefined);
  const handler = createGenerateUrlHandler({
    lifetime: { ok: true, seconds: 600 },
    presign,
    updateReference,
    logger: recordingLogger(),
  });
  const mailAttributes = {
    CaseId: CASE,
    FormattedKey: `cases/${CASE}/m/formatted.json`,
    OriginalKey: `cases/${CASE}/m/original.eml`,
  };

  beforeEach(() => updateReference.mockClear());

  it('returns both URLs and the lifetime minus one minute', async () => {
    const answer = await handler(
      event({
        CaseId: CASE,
        FormattedKey: `cases/${CASE}/m/formatted.json`,
        OriginalKey: `cases/${CASE}/m/original.eml`,
      }),
    );
    expect(answer).toEqual({
      FormattedUrl: `https://bucket.s3/cases/${CASE}/m/formatted.json?X-Amz-Expires=600`,
      OriginalUrl: `https://bucket.s3/cases/${CASE}/m/original.eml?X-Amz-Expires=600`,
      ExpiresInSeconds: '540',
    });
  });

  it("sets the task's OriginalMail reference to the original's fresh link, so the agent opens it from the task", async () => {
    // Act
    const answer = await handler(event(mailAttributes));
    // Assess
    expect(updateReference.mock.calls).toEqual([['c-1', answer.OriginalUrl]]);
  });

  it('still answers the URLs when the reference cannot be set, and logs why', async () => {
    // Prepare
    const logger = recordingLogger();
    const throttled = createGenerateUrlHandler({
      lifetime: { ok: true, seconds: 600 },
      presign,
      updateReference: () =>
        Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })),
      logger,
    });
    // Act
    const answer = await throttled(event(mailAttributes));
    // Assess
    expect(Object.keys(answer)).toEqual(['FormattedUrl', 'OriginalUrl', 'ExpiresInSeconds']);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: 'Cannot set the task reference of the original mail',
        extra: { contactId: 'c-1', error: 'ThrottlingException' },
      },
    ]);
  });

  it("leaves the reference alone when the link would exceed the contact's reference budget", async () => {
    // Prepare
    const logger = recordingLogger();
    const long = `https://bucket.s3/o?X-Amz-Security-Token=${'T'.repeat(ORIGINAL_URL_MAX_BYTES)}`;
    const oversized = createGenerateUrlHandler({
      lifetime: { ok: true, seconds: 600 },
      presign: async () => long,
      updateReference,
      logger,
    });
    // Act
    const answer = await oversized(event(mailAttributes));
    // Assess
    expect(answer.OriginalUrl).toBe(long);
    expect(updateReference).not.toHaveBeenCalled();
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'Original mail link too long for a task reference; not set'],
    ]);
  });

  it("refuses keys outside the task's own case folder", async () => {
    expect(caseMailKey(`cases/${CASE}/../other/original.eml`, CASE)).toBeUndefined();
    expect(caseMailKey('inbound/o3vr', CASE)).toBeUndefined();
    expect(caseMailKey(`cases/${CASE}/m/original.eml`, 'NOT A CASE')).toBeUndefined();
    const answer = await handler(
      event({ CaseId: CASE, FormattedKey: 'quarantine/x.eml', OriginalKey: 'quarantine/x.eml' }),
    );
    expect(answer).toEqual({
      Error: 'NO_MAIL',
      ErrorMessage: 'the task has no CaseId / FormattedKey / OriginalKey of its case',
    });
  });

  it('answers errors instead of throwing: not a flow event, misconfigured, presigning failed', async () => {
    expect(await handler({})).toEqual({
      Error: 'INVALID_EVENT',
      ErrorMessage: 'not an Amazon Connect contact flow event',
    });
    const misconfigured = createGenerateUrlHandler({
      lifetime: { ok: false, problem: 'MAIL_BUCKET not set; the EmailChannel construct sets them.' },
      presign,
      updateReference,
      logger: recordingLogger(),
    });
    expect(await misconfigured(event({}))).toEqual({
      Error: 'CONFIGURATION',
      ErrorMessage: 'MAIL_BUCKET not set; the EmailChannel construct sets them.',
    });
    const failing = createGenerateUrlHandler({
      lifetime: { ok: true, seconds: 600 },
      presign: () =>
        Promise.reject(Object.assign(new Error('no credentials'), { name: 'CredentialsProviderError' })),
      updateReference,
      logger: recordingLogger(),
    });
    expect(
      await failing(
        event({ CaseId: CASE, FormattedKey: `cases/${CASE}/m/f.json`, OriginalKey: `cases/${CASE}/m/o.eml` }),
      ),
    ).toEqual({ Error: 'PRESIGN_FAILED', ErrorMessage: 'CredentialsProviderError' });
  });
});

describe("the original mail's task reference (Connect UpdateContact)", () => {
  const requests: EndpointRequest[] = [];
  const endpoint = new LocalEndpoint((req) => {
    requests.push(req);
    // A contact id "slow" never gets an answer: Connect not answering in time.
    return req.path.endsWith('/slow') ? new Promise<never>(() => undefined) : json(200, {});
  });
  let connect: ConnectClient;

  beforeAll(async () => {
    connect = new ConnectClient({
      region: 'us-east-1',
      endpoint: await endpoint.start(),
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    connect.destroy();
    await endpoint.stop();
  });

  it('sends UpdateContact for the task with one URL reference named OriginalMail', async () => {
    // Prepare
    const update = connectOriginalMailReference(
      connect,
      'arn:aws:connect:us-east-1:111111111111:instance/4a5b6c7d-1111-2222-3333-444455556666',
    );
    const url = `https://bucket.s3.us-east-1.amazonaws.com/cases/${CASE}/m/original.eml?X-Amz-Expires=900`;
    // Act
    await update('c-1', url);
    // Assess
    expect(requests.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      [
        'POST',
        '/contacts/4a5b6c7d-1111-2222-3333-444455556666/c-1',
        { References: { OriginalMail: { Type: 'URL', Value: url } } },
      ],
    ]);
  });

  it('gives up when Connect does not answer in time, so the flow still gets its links', async () => {
    // Prepare
    const update = connectOriginalMailReference(
      connect,
      'arn:aws:connect:us-east-1:111111111111:instance/4a5b6c7d-1111-2222-3333-444455556666',
      200,
    );
    const started = Date.now();
    // Act
    const outcome = await update('slow', 'https://bucket.s3/o').then(
      () => 'answered',
      (err: Error) => err.name,
    );
    // Assess
    expect(outcome).not.toBe('answered');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('whisper function', () => {
  const store = (recorded: boolean | Error): CaseStore =>
    ({
      recordAssignment: jest.fn(async () => {
        if (recorded instanceof Error) throw recorded;
        return recorded;
      }),
    }) as unknown as CaseStore;

  it('records the agent from the flow parameters and the queue from the contact', async () => {
    const cases = store(true);
    const handler = createWhisperHandler({
      cases,
      logger: recordingLogger(),
      now: () => new Date('2026-11-17T09:20:00Z'),
    });
    const e = event(
      { CaseId: CASE },
      { AgentArn: 'arn:aws:connect:us-east-1:1:instance/i/agent/a', AgentUserName: 'maria' },
    );
    (e.Details.ContactData as Record<string, unknown>).Queue = { ARN: 'arn:q', Name: 'ACME_Sales' };
    expect(await handler(e)).toEqual({ Recorded: 'true' });
    expect(cases.recordAssignment).toHaveBeenCalledWith(
      CASE,
      { arn: 'arn:aws:connect:us-east-1:1:instance/i/agent/a', userName: 'maria' },
      { arn: 'arn:q', name: 'ACME_Sales' },
      expect.objectContaining({ type: 'ASSIGNED', contactId: 'c-1', at: '2026-11-17T09:20:00.000Z' }),
    );
  });

  it.each([
    ['no case attribute', event({}, { AgentArn: 'arn:a' }), store(true), 'NO_CASE_OR_AGENT'],
    ['no agent parameter', event({ CaseId: CASE }), store(true), 'NO_CASE_OR_AGENT'],
    ['an unknown case', event({ CaseId: CASE }, { AgentArn: 'arn:a' }), store(false), 'UNKNOWN_CASE'],
    [
      'a DynamoDB error',
      event({ CaseId: CASE }, { AgentArn: 'arn:a' }),
      store(new Error('boom')),
      'RECORD_FAILED',
    ],
  ])('answers Recorded false for %s', async (_what, e, cases, code) => {
    const handler = createWhisperHandler({ cases, logger: recordingLogger() });
    expect(await handler(e)).toEqual({ Recorded: 'false', Error: code });
  });
});
