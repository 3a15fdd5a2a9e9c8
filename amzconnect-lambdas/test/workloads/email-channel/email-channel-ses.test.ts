import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Environment } from '@amzconnect/env';
import { EmailChannelSes } from '../../../lib/workloads/email-channel/email-channel-ses';
import { EmailChannelSettings } from '../../../lib/workloads/email-channel/email-channel-settings';
import { sesIdentityOwnerProblems } from '../../../lib/workloads/email-channel/ses-identity-owners';
import { EMAIL_CHANNEL_MANIFEST } from '../../../lib/workloads/email-channel/email-channel-manifest';

const environment = (name: string, account: string, regions: string[]) =>
  ({ name, account, regions }) as unknown as Environment;
const settings = (domain: string, manageIdentity: boolean) =>
  ({ domain, manageIdentity }) as unknown as EmailChannelSettings;
const entry = (env: Environment, s: EmailChannelSettings) => ({
  file: `env/environments/${env.name}.json`,
  field: 'workloads.email-channel',
  environment: env,
  settings: s,
});

describe('SES identity ownership across environments', () => {
  it('refuses a second environment creating the same identity in a shared account and Region, naming the fix', () => {
    // Prepare
    const develop = environment('develop', '111111111111', ['us-east-1', 'us-west-2']);
    const test = environment('test', '111111111111', ['us-west-2']);
    // Act
    const problems = sesIdentityOwnerProblems([
      entry(develop, settings('mail.example.com', true)),
      entry(test, settings('mail.example.com', true)),
    ]);
    // Assess
    expect(problems).toEqual([
      {
        file: 'env/environments/test.json',
        field: 'workloads.email-channel.ses.manageIdentity',
        message:
          'environment "test" would create the SES identity "mail.example.com" in account 111111111111 again in us-west-2 (created by "develop"); one identity exists per account and Region: set "ses": { "manageIdentity": false } here to use the existing one.',
      },
    ]);
  });

  it('accepts other accounts, other Regions, other domains and an adopted identity', () => {
    const develop = environment('develop', '111111111111', ['us-east-1']);
    expect(
      sesIdentityOwnerProblems([
        entry(develop, settings('mail.example.com', true)),
        entry(environment('staging', '222222222222', ['us-east-1']), settings('mail.example.com', true)),
        entry(environment('test', '111111111111', ['us-west-2']), settings('mail.example.com', true)),
        entry(environment('qa', '111111111111', ['us-east-1']), settings('qa.example.com', true)),
        entry(environment('demo', '111111111111', ['us-east-1']), settings('mail.example.com', false)),
      ]),
    ).toEqual([]);
  });

  it("is the email channel manifest's check across environments", () => {
    expect(EMAIL_CHANNEL_MANIFEST.checkAcrossEnvironments).toBe(sesIdentityOwnerProblems);
  });
});

describe('EmailChannelSes with an adopted identity', () => {
  it('creates no identity and no DKIM output, but still the configuration set and the SSM names', () => {
    // Prepare
    const stack = new Stack(new App(), 'Ses', { env: { account: '111111111111', region: 'us-east-1' } });
    // Act
    new EmailChannelSes(stack, 'Ses', {
      app: 'acme',
      envName: 'develop',
      domain: 'mail.acme.test',
      manageIdentity: false,
    });
    // Assess
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(template.findOutputs('*')).toEqual({});
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/acme/develop/workloads/email-channel/ses-identity',
      Value: 'mail.acme.test',
    });
  });
});
