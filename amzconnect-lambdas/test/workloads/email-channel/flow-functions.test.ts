import {
  createGenerateUrlHandler,
  caseMailKey,
} from '../../../src/email-channel/generate-url/create-generate-url-handler';
import { CaseStore } from '../../../src/email-channel/shared/case-store';
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
  const handler = createGenerateUrlHandler({
    lifetime: { ok: true, seconds: 600 },
    presign,
    logger: recordingLogger(),
  });

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
      logger: recordingLogger(),
    });
    expect(
      await failing(
        event({ CaseId: CASE, FormattedKey: `cases/${CASE}/m/f.json`, OriginalKey: `cases/${CASE}/m/o.eml` }),
      ),
    ).toEqual({ Error: 'PRESIGN_FAILED', ErrorMessage: 'CredentialsProviderError' });
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
