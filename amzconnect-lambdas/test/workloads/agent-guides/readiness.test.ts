import { GuideSettings, readGuideSettings } from '../../../src/agent-guides/agent-guides-config';
import { createSettingsHandler, READINESS_CACHE_MS } from '../../../src/agent-guides/create-settings-handler';
import { decideReadiness, readinessStatus } from '../../../src/agent-guides/decide-readiness';
import { createSesClient, createSmsClient } from '../../../src/agent-guides/messaging-clients';
import { recordingLogger } from '../../support/log-recorder';
import { MessagingEmulator } from './support/messaging-emulator';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const PHONE = 'phone-0123456789abcdef0123456789abcdef';
const POOL = 'pool-0123456789abcdef0123456789abcdef';
const ENV = {
  AWS_REGION: 'us-east-1',
  EMAIL_IDENTITY: 'acme.test',
  EMAIL_FROM_ADDRESS: 'cancellations@acme.test',
  EMAIL_TEMPLATE: 'acme-cancellation-notice',
  EMAIL_CONFIGURATION_SET: 'acme-agent-guides',
  SMS_ORIGINATION_IDENTITY: PHONE,
  SMS_MESSAGE_TEMPLATE: 'ACME: {{CustomerName}} {{Reference}} {{CancellationDate}}',
  SMS_CONFIGURATION_SET: 'acme-sms',
  GUIDE_CUSTOMER_PROFILES: 'true',
  GUIDE_LINKS: '[]',
};

describe('the settings function checks every prerequisite against SES v2 and End User Messaging endpoints', () => {
  const emulator = new MessagingEmulator();
  let endpoint: string;

  /** Everything in place, as a deployed environment should have it. */
  function allReady(): void {
    const s = MessagingEmulator.noSenders();
    s.account.ProductionAccessEnabled = true;
    s.identities.set('acme.test', true);
    s.templates.add('acme-cancellation-notice');
    s.configurationSets.set('acme-agent-guides', true);
    s.originationIdentities.set(PHONE, 'ACTIVE');
    s.originationIdentities.set(POOL, 'ACTIVE');
    s.smsConfigurationSets.add('acme-sms');
    emulator.senders = s;
  }

  function handler(env: Record<string, string> = ENV, now = () => 0) {
    const options = { requestTimeoutMs: 2000, endpoint, region: 'us-east-1', credentials };
    const logger = recordingLogger();
    const h = createSettingsHandler({
      settings: readGuideSettings(env),
      clients: { ses: createSesClient(options), sms: createSmsClient(options) },
      logger,
      now,
    });
    return { h, logger };
  }

  beforeAll(async () => {
    endpoint = await emulator.start();
  });
  afterAll(async () => {
    await emulator.stop();
  });
  beforeEach(() => {
    allReady();
    emulator.failLookups = undefined;
    emulator.lookups.length = 0;
  });

  it('says Ready for both channels only when every prerequisite is in place, after reading each one', async () => {
    // Act
    const answer = await handler().h();
    // Assess
    expect(answer).toMatchObject({
      EmailReady: 'true',
      SmsReady: 'true',
      EmailStatus: 'Ready',
      SmsStatus: 'Ready',
      EmailNotReady: '',
      SmsNotReady: '',
    });
    expect([...emulator.lookups].sort()).toEqual([
      'SESv2.account',
      'SESv2.configuration-sets',
      'SESv2.identities',
      'SESv2.templates',
      'SMSVoiceV2.DescribeConfigurationSets',
      'SMSVoiceV2.DescribePhoneNumbers',
    ]);
  });

  it.each([
    {
      missing: 'SES production access (sandbox)',
      change: () => (emulator.senders.account.ProductionAccessEnabled = false),
      email: 'SES_SANDBOX',
      status:
        'Not ready: the Amazon SES account is in the sandbox in this Region (request production access)',
    },
    {
      missing: 'SES sending enabled',
      change: () => (emulator.senders.account.SendingEnabled = false),
      email: 'SES_SENDING_DISABLED',
      status: 'Not ready: Amazon SES sending is paused for the account in this Region',
    },
    {
      missing: 'the SES identity',
      change: () => emulator.senders.identities.clear(),
      email: 'SES_IDENTITY_NOT_FOUND',
      status: 'Not ready: the SES identity does not exist in this Region',
    },
    {
      missing: 'a verified SES identity',
      change: () => emulator.senders.identities.set('acme.test', false),
      email: 'SES_IDENTITY_NOT_VERIFIED',
      status: 'Not ready: the SES identity is not verified for sending',
    },
    {
      missing: 'the SES template',
      change: () => emulator.senders.templates.clear(),
      email: 'SES_TEMPLATE_NOT_FOUND',
      status: 'Not ready: the SES template does not exist in this Region',
    },
    {
      missing: 'the SES configuration set',
      change: () => emulator.senders.configurationSets.clear(),
      email: 'SES_CONFIGURATION_SET_NOT_FOUND',
      status: 'Not ready: the SES configuration set does not exist in this Region',
    },
    {
      missing: 'sending on the SES configuration set',
      change: () => emulator.senders.configurationSets.set('acme-agent-guides', false),
      email: 'SES_CONFIGURATION_SET_SENDING_DISABLED',
      status: 'Not ready: sending is disabled on the SES configuration set',
    },
  ])(
    'says e-mail is NOT ready without $missing ($email), and SMS stays Ready',
    async ({ change, email, status }) => {
      // Prepare
      change();
      // Act
      const answer = await handler().h();
      // Assess
      expect(answer).toMatchObject({
        EmailReady: 'false',
        EmailNotReady: email,
        EmailStatus: status,
        SmsReady: 'true',
        SmsStatus: 'Ready',
      });
    },
  );

  it.each([
    {
      missing: 'the phone number',
      change: () => emulator.senders.originationIdentities.delete(PHONE),
      sms: 'SMS_ORIGINATION_IDENTITY_NOT_FOUND',
      status: 'Not ready: the SMS phone number or pool does not exist in this Region',
    },
    {
      missing: 'an ACTIVE phone number',
      change: () => emulator.senders.originationIdentities.set(PHONE, 'PENDING'),
      sms: 'SMS_ORIGINATION_IDENTITY_NOT_ACTIVE',
      status: 'Not ready: the SMS phone number or pool is PENDING, not ACTIVE',
    },
    {
      missing: 'the SMS configuration set',
      change: () => emulator.senders.smsConfigurationSets.clear(),
      sms: 'SMS_CONFIGURATION_SET_NOT_FOUND',
      status: 'Not ready: the SMS configuration set does not exist in this Region',
    },
  ])(
    'says SMS is NOT ready without $missing ($sms), and e-mail stays Ready',
    async ({ change, sms, status }) => {
      // Prepare
      change();
      // Act
      const answer = await handler().h();
      // Assess
      expect(answer).toMatchObject({
        SmsReady: 'false',
        SmsNotReady: sms,
        SmsStatus: status,
        EmailReady: 'true',
      });
    },
  );

  it('checks a pool with DescribePools', async () => {
    // Act
    const answer = await handler({ ...ENV, SMS_ORIGINATION_IDENTITY: POOL }).h();
    // Assess
    expect(answer.SmsStatus).toBe('Ready');
    expect(emulator.lookups).toContain('SMSVoiceV2.DescribePools');
    expect(emulator.lookups).not.toContain('SMSVoiceV2.DescribePhoneNumbers');
  });

  it('never says Ready for a placeholder, even where the resource exists, and counts the other reasons', async () => {
    // Prepare
    emulator.senders.templates.clear();
    // Act
    const answer = await handler({ ...ENV, GUIDE_PLACEHOLDERS: 'email.identity,email.fromAddress' }).h();
    // Assess
    expect(answer).toMatchObject({
      EmailReady: 'false',
      EmailNotReady: 'PLACEHOLDER,PLACEHOLDER,SES_TEMPLATE_NOT_FOUND',
      EmailStatus: 'Not ready: email.identity is a placeholder value, not a real one (and 2 more)',
      SmsReady: 'true',
    });
  });

  it('says NOT_CONFIGURED without any call where no sender is configured', async () => {
    // Act
    const answer = await handler({ AWS_REGION: 'us-east-1' }).h();
    // Assess
    expect(answer).toMatchObject({
      EmailReady: 'false',
      SmsReady: 'false',
      EmailNotReady: 'NOT_CONFIGURED',
      EmailStatus: 'Not ready: no sender is configured for this environment',
    });
    expect(emulator.lookups).toEqual([]);
  });

  it('says NOT ready when a look-up fails, and checks again on the next contact instead of caching it', async () => {
    // Prepare
    emulator.failLookups = { status: 400, type: 'AccessDeniedException', message: 'not authorized' };
    const { h } = handler();
    // Act
    const first = await h();
    emulator.failLookups = undefined;
    const second = await h();
    // Assess
    expect(first).toMatchObject({
      EmailReady: 'false',
      SmsReady: 'false',
      EmailStatus:
        'Not ready: the Amazon SES account could not be checked (AccessDeniedException); try again later (and 3 more)',
    });
    expect(second).toMatchObject({ EmailReady: 'true', SmsReady: 'true' });
  });

  it('reuses a complete answer for five minutes, then reads again', async () => {
    // Prepare
    let clock = 0;
    const { h } = handler(ENV, () => clock);
    await h();
    const calls = emulator.lookups.length;
    // Act
    emulator.senders.templates.clear();
    clock = READINESS_CACHE_MS - 1;
    const cached = await h();
    clock = READINESS_CACHE_MS;
    const fresh = await h();
    // Assess
    expect(cached.EmailReady).toBe('true');
    expect(emulator.lookups.length).toBe(calls * 2);
    expect(fresh).toMatchObject({ EmailReady: 'false', EmailNotReady: 'SES_TEMPLATE_NOT_FOUND' });
  });

  it('logs the readiness codes, never the identity or number', async () => {
    // Prepare
    emulator.senders.identities.clear();
    const { h, logger } = handler();
    // Act
    await h();
    // Assess
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'Readiness checked',
        extra: {
          emailReady: false,
          smsReady: true,
          emailNotReady: ['SES_IDENTITY_NOT_FOUND'],
          smsNotReady: [],
        },
      },
    ]);
  });
});

describe('decideReadiness (pure)', () => {
  const settings: GuideSettings = readGuideSettings(ENV);

  it('is ready only when every fact is found and good', () => {
    // Act
    const r = decideReadiness(settings, {
      email: {
        account: { status: 'found', value: { productionAccess: true, sendingEnabled: true } },
        identity: { status: 'found', value: { verifiedForSending: true } },
        template: { status: 'found', value: true },
        configurationSet: { status: 'found', value: { sendingEnabled: true } },
      },
      sms: {
        originationIdentity: { status: 'found', value: { status: 'ACTIVE' } },
        configurationSet: { status: 'found', value: true },
      },
    });
    // Assess
    expect([r.email.ready, r.sms.ready, readinessStatus(r.email)]).toEqual([true, true, 'Ready']);
  });

  it('is not ready where facts are absent for a configured channel', () => {
    const r = decideReadiness(settings, {});
    expect(r.email.reasons.map((x) => x.code)).toEqual(['NOT_CONFIGURED']);
    expect(r.sms.reasons.map((x) => x.code)).toEqual(['NOT_CONFIGURED']);
  });

  it('reads no e-mail identity where EMAIL_IDENTITY is not set (an older deployment), so it is not ready', () => {
    const { EMAIL_IDENTITY: _unused, ...env } = ENV;
    expect(readGuideSettings(env).email).toBeUndefined();
  });
});
