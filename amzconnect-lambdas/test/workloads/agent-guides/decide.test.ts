import * as fc from 'fast-check';
import { readGuideSettings } from '../../../src/agent-guides/agent-guides-config';
import { decideReadiness } from '../../../src/agent-guides/decide-readiness';
import { guideSettingsAnswer, managedViewArn } from '../../../src/agent-guides/guide-settings-answer';
import { maskEmail, maskPhone } from '../../../src/agent-guides/mask';
import { isCalendarDate, parseNoticeFields, renderNotice } from '../../../src/agent-guides/notice-fields';
import { isE164, isEmailAddress } from '../../../src/agent-guides/recipients';

describe('recipients', () => {
  it.each(['jane.doe@example.com', 'j+guides@mail.example.co.uk', "o'brien@example.org"])(
    'accepts %s',
    (a) => {
      expect(isEmailAddress(a)).toBe(true);
    },
  );

  it.each([
    'jane.doe@example.com, boss@example.com',
    'Jane <jane@example.com>',
    'jane@example',
    'jane..doe@example.com',
    'jane@-example.com',
    'jane@example.com\r\nBcc: x@example.com',
    '@example.com',
    `${'a'.repeat(65)}@example.com`,
  ])('refuses %j (second recipients, display names, header injection, malformed)', (a) => {
    expect(isEmailAddress(a)).toBe(false);
  });

  it('accepts E.164 numbers only', () => {
    expect(['+12065550100', '+447700900123'].map(isE164)).toEqual([true, true]);
    expect(['12065550100', '+02065550100', '+1206555010012345', '+1 206'].map(isE164)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('notice fields', () => {
  it('accepts real calendar dates only', () => {
    expect(['2026-12-31', '2028-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '31/12/2026', ''].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('reports every wrong field with a reason that never repeats the value', () => {
    // Act
    const parsed = parseNoticeFields({
      CustomerName: 'Jane\u0000<script>',
      CancellationDate: 5,
      Reference: '',
    });
    // Assess
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { field: 'CustomerName', reason: 'contains control characters, <, >, { or }' },
        { field: 'CancellationDate', reason: 'must be a date like 2026-12-31' },
        { field: 'Reference', reason: 'must be 1-40 letters, digits or hyphens' },
      ],
    });
  });

  it('renders only the known placeholders', () => {
    const fields = { CustomerName: 'Jane', CancellationDate: '2026-12-31', Reference: 'BK-1' };
    expect(renderNotice('{{CustomerName}} {{Reference}} {{CancellationDate}} {{Other}}', fields)).toBe(
      'Jane BK-1 2026-12-31 {{Other}}',
    );
  });
});

describe('masking', () => {
  it('keeps the first letter and the top-level domain of an address, and the ends of a number', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskPhone('+12065550100')).toBe('+1******0100');
    expect([maskEmail('nonsense'), maskPhone('+1206')]).toEqual(['***', '***']);
  });

  it('never logs the local part or the domain name of any address', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{4,20}$/), fc.stringMatching(/^[a-z]{4,20}$/), (local, domain) => {
        const masked = maskEmail(`${local}@${domain}.com`);
        return !masked.includes(local) && !masked.includes(domain);
      }),
    );
  });
});

describe('guide settings', () => {
  it('tells the flow what is configured and ready, the links, and the managed view ARNs of its Region', () => {
    // Prepare
    const settings = readGuideSettings({
      AWS_REGION: 'us-west-2',
      EMAIL_IDENTITY: 'example.com',
      EMAIL_FROM_ADDRESS: 'cancellations@example.com',
      EMAIL_TEMPLATE: 'acme-cancellation-notice',
      GUIDE_CUSTOMER_PROFILES: 'true',
      GUIDE_CUSTOMER_PROFILES_DOMAIN: 'amazon-connect-acme-develop-us-west-2',
      GUIDE_LINKS: '[{"label":"Cancellation policy","url":"https://www.example.com/p"}]',
    });
    // Act
    const answer = guideSettingsAnswer(
      settings,
      decideReadiness(settings, {
        email: {
          account: { status: 'found', value: { productionAccess: true, sendingEnabled: true } },
          identity: { status: 'found', value: { verifiedForSending: true } },
          template: { status: 'found', value: true },
        },
      }),
    );
    // Assess
    expect(answer).toEqual({
      EmailConfigured: 'true',
      SmsConfigured: 'false',
      CustomerProfiles: 'true',
      CustomerProfilesDomain: 'amazon-connect-acme-develop-us-west-2',
      EmailReady: 'true',
      SmsReady: 'false',
      EmailStatus: 'Ready',
      SmsStatus: 'Not ready: no sender is configured for this environment',
      BothStatus: 'Not ready: SMS: no sender is configured for this environment',
      EmailNotReady: '',
      SmsNotReady: 'NOT_CONFIGURED',
      CardsView: 'arn:aws:connect:us-west-2:aws:view/cards',
      FormView: 'arn:aws:connect:us-west-2:aws:view/form',
      ConfirmationView: 'arn:aws:connect:us-west-2:aws:view/confirmation',
      LinkCount: '1',
      Link1Label: 'Cancellation policy',
      Link1Url: 'https://www.example.com/p',
      Link2Label: '',
      Link2Url: '',
      Link3Label: '',
      Link3Url: '',
    });
  });

  it('uses the partition of the Region in view ARNs', () => {
    expect(managedViewArn('cn-north-1', 'cards')).toBe('arn:aws-cn:connect:cn-north-1:aws:view/cards');
  });

  it('says Customer Profiles is off when the instance domain is not known, so the flow never looks up a profile in vain', () => {
    // Prepare
    const settings = readGuideSettings({ AWS_REGION: 'us-east-1', GUIDE_CUSTOMER_PROFILES: 'true' });

    // Act
    const answer = guideSettingsAnswer(settings, decideReadiness(settings, {}));

    // Assess
    expect([answer.CustomerProfiles, answer.CustomerProfilesDomain]).toEqual(['false', '']);
  });
});
