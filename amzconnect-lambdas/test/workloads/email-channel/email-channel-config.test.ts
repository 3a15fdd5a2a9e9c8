import {
  emailChannelFor,
  parseEmailChannelConfig,
} from '../../../lib/workloads/email-channel/email-channel-config';
import { exampleWorkloads } from '../../support/example-config';

const FILE = 'amzconnect-lambdas/config/workloads/email-channel.json';
const ENVIRONMENTS = [
  { name: 'develop', regions: ['us-east-1', 'us-west-2'] },
  { name: 'staging', regions: ['us-east-1'] },
  { name: 'prod', regions: ['us-east-1'] },
];
const COMPLETE = {
  enabled: true,
  domain: 'mail.example.com',
  inquiryAddress: 'customerservice@mail.example.com',
  taskFlow: '${flow:ACME_email_inbound}',
  disclaimer: 'Sent by ACME customer service.',
  relaySenders: ['example.com', 'lead@partner.test'],
};
const parse = (environments: unknown, extra: Record<string, unknown> = {}) =>
  parseEmailChannelConfig({ environments, ...extra }, FILE, ENVIRONMENTS);
const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('email channel configuration', () => {
  it('is off where an environment is absent or enabled is false', () => {
    const config = parse({ staging: { enabled: false } });
    expect(config.environments.size).toBe(0);
    expect(emailChannelFor(config, 'staging', 'us-east-1')).toBeUndefined();
  });

  it('applies the defaults: 15-minute URLs, detections off', () => {
    const settings = parse({ develop: COMPLETE }).environments.get('develop');
    expect(settings).toEqual({
      domain: 'mail.example.com',
      inquiryAddress: 'customerservice@mail.example.com',
      taskFlowName: 'ACME_email_inbound',
      presignedUrlMinutes: 15,
      detectLanguage: false,
      detectSentiment: false,
      detectEntities: false,
      disclaimer: 'Sent by ACME customer service.',
      relaySenders: ['example.com', 'lead@partner.test'],
      agentPageOrigins: [],
      manageIdentity: true,
    });
  });

  it('reports every missing setting of an enabled environment, with file, field and fix', () => {
    expect(messageOf(() => parse({ develop: { enabled: true } }))).toBe(
      [
        'Invalid configuration (5 problems):',
        `  - ${FILE}: environments.develop.domain: is required when enabled is true; set the mail domain SES receives for, e.g. "mail.example.com".`,
        `  - ${FILE}: environments.develop.inquiryAddress: is required when enabled is true; set the address customers write to, e.g. "customerservice@mail.example.com".`,
        `  - ${FILE}: environments.develop.taskFlow: is required when enabled is true; reference the contact flow tasks start in, e.g. "\${flow:EMAIL_inbound}".`,
        `  - ${FILE}: environments.develop.disclaimer: is required when enabled is true; set the text placed under every agent reply, e.g. "This message may contain confidential information.".`,
        `  - ${FILE}: environments.develop.relaySenders: is required when enabled is true; list the agents' mail domains or addresses allowed to use the relay addresses, e.g. ["example.com"].`,
      ].join('\n'),
    );
  });

  it('reports malformed settings with the value and the fix', () => {
    const message = messageOf(() =>
      parse({
        develop: {
          ...COMPLETE,
          domain: 'Mail Example',
          inquiryAddress: 'customerservice+x@mail.example.com',
          taskFlow: 'ACME_email_inbound',
          presignedUrlMinutes: 90,
          detectSentiment: 'yes',
          relaySenders: ['not a domain'],
          agentPageOrigins: ['http://ccp.example.com/page'],
          colour: 'blue',
        },
        qa: { enabled: true },
        prod: { domain: 'mail.example.com' },
      }),
    );
    expect(message.split('\n')).toEqual([
      'Invalid configuration (10 problems):',
      `  - ${FILE}: environments.develop.colour: is not a known key; remove it or fix its spelling (known keys: enabled, domain, inquiryAddress, taskFlow, presignedUrlMinutes, detectLanguage, detectSentiment, detectEntities, disclaimer, relaySenders, agentPageOrigins, ses).`,
      `  - ${FILE}: environments.develop.detectSentiment: must be true or false (default false).`,
      `  - ${FILE}: environments.develop.domain: "Mail Example" is not a domain name; use e.g. "mail.example.com".`,
      `  - ${FILE}: environments.develop.inquiryAddress: "customerservice+x@mail.example.com" must be an address like "customerservice@<domain>" whose local part has letters, digits, ".", "_" or "-" (no "+": the channel adds "+<caseId>").`,
      `  - ${FILE}: environments.develop.taskFlow: "ACME_email_inbound" must be a flow reference like "\${flow:EMAIL_inbound}".`,
      `  - ${FILE}: environments.develop.presignedUrlMinutes: must be a whole number of minutes from 2 to 60 (the function's role credentials outlive at most an hour of URLs), not 90.`,
      `  - ${FILE}: environments.develop.relaySenders[0]: "not a domain" must be a domain ("example.com") or an address ("agent@example.com").`,
      `  - ${FILE}: environments.develop.agentPageOrigins[0]: "http://ccp.example.com/page" must be an HTTPS origin without path, e.g. "https://ccp.example.com".`,
      `  - ${FILE}: environments.qa: "qa" is not an environment of env/accountvars.json; fix the name or remove it (known: develop, staging, prod).`,
      `  - ${FILE}: environments.prod.enabled: must be true (switch the channel on) or false (keep it off).`,
    ]);
  });

  it('refuses an inquiry address at another domain or on a relay mailbox', () => {
    expect(messageOf(() => parse({ develop: { ...COMPLETE, inquiryAddress: 'help@example.org' } }))).toBe(
      `Invalid configuration (1 problem):\n  - ${FILE}: environments.develop.inquiryAddress: "help@example.org" must be at the channel's domain "mail.example.com".`,
    );
    expect(
      messageOf(() => parse({ develop: { ...COMPLETE, inquiryAddress: 'agentrelay@mail.example.com' } })),
    ).toBe(
      `Invalid configuration (1 problem):\n  - ${FILE}: environments.develop.inquiryAddress: "agentrelay" is a relay mailbox (agentrelay, queuerelay, relay, rejectrelay); choose another local part.`,
    );
  });

  it('adopts an existing SES identity with ses.manageIdentity false, and refuses other values', () => {
    expect(
      parse({ develop: { ...COMPLETE, ses: { manageIdentity: false } } }).environments.get('develop')
        ?.manageIdentity,
    ).toBe(false);
    expect(messageOf(() => parse({ develop: { ...COMPLETE, ses: { manageIdentity: 'no', dkim: 1 } } }))).toBe(
      [
        'Invalid configuration (2 problems):',
        `  - ${FILE}: environments.develop.ses.dkim: is not a known key; remove it (known keys: manageIdentity).`,
        `  - ${FILE}: environments.develop.ses.manageIdentity: must be true (the stack creates the domain identity with Easy DKIM) or false (the identity exists already in this account and Region).`,
      ].join('\n'),
    );
  });

  it('switches the channel on for develop only in examples/all-workloads', () => {
    const config = {
      environments: exampleWorkloads().settings.get('email-channel') as ReadonlyMap<string, never>,
    };
    expect(emailChannelFor(config, 'develop', 'us-east-1')).toMatchObject({
      domain: 'mail.example.com',
      taskFlowName: 'ACME_email_inbound',
      detectLanguage: true,
      detectSentiment: true,
      detectEntities: true,
    });
    expect(emailChannelFor(config, 'develop', 'us-west-2')).toBeDefined();
    expect(emailChannelFor(config, 'staging', 'us-east-1')).toBeUndefined();
    expect(emailChannelFor(config, 'prod', 'us-east-1')).toBeUndefined();
  });
});
