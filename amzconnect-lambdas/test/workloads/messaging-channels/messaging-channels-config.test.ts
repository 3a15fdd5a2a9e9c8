import { ConfigError } from '@amzconnect/env';
import { MessagingChannelsConfig, messagingChannelsFor, parseMessagingChannelsConfig } from '../../../lib';
import { examplePlatform, exampleWorkloads } from '../../support/example-config';

const FILE = 'env/environments/develop.json';
const platform = examplePlatform();
const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/develop/facebook-AbC123';
const SMS = {
  enabled: true,
  originationNumber: '+12065550100',
  phoneNumberId: 'phone-0123456789abcdef0123456789abcdef',
};

function problemsOf(raw: unknown): string[] {
  try {
    parseMessagingChannelsConfig(raw, FILE, platform);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.field}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('messaging channels configuration', () => {
  it('reads examples/all-workloads: both channels on in develop us-east-1, off everywhere else', () => {
    // Act
    const config: MessagingChannelsConfig = {
      environments: exampleWorkloads(platform).settings.get(
        'messaging-channels',
      ) as MessagingChannelsConfig['environments'],
    };
    // Assess
    expect(messagingChannelsFor(config, 'develop', 'us-east-1')).toEqual({
      region: 'us-east-1',
      contactFlow: {
        reference: '${flow:ACME_messaging_chat}',
        name: 'ACME_messaging_chat',
        deployedName: 'acme-ACME_messaging_chat',
      },
      sms: { originationNumber: '+12065550100', phoneNumberId: 'phone-00000000000000000000000000000000' },
      facebook: {
        secretArn:
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/develop/messaging-channels/facebook-AbC123',
      },
    });
    expect(messagingChannelsFor(config, 'develop', 'us-west-2')).toBeUndefined();
    expect(messagingChannelsFor(config, 'staging', 'us-east-1')).toBeUndefined();
    expect(messagingChannelsFor(config, 'prod', 'us-east-1')).toBeUndefined();
  });

  it('leaves an environment off when its channels are off or absent, without requiring settings', () => {
    expect(problemsOf({ environments: { develop: { sms: { enabled: false } }, staging: {} } })).toEqual([]);
    const config = parseMessagingChannelsConfig(
      { environments: { develop: { sms: { enabled: false } } } },
      FILE,
      platform,
    );
    expect(config.environments.size).toBe(0);
  });

  it('defaults the Region to the environment’s first and keeps only the channels that are on', () => {
    const config = parseMessagingChannelsConfig(
      {
        environments: {
          prod: { contactFlow: '${flow:ACME_messaging_chat}', sms: SMS, facebook: { enabled: false } },
        },
      },
      FILE,
      platform,
    );
    expect(config.environments.get('prod')).toEqual({
      region: 'us-east-1',
      contactFlow: {
        reference: '${flow:ACME_messaging_chat}',
        name: 'ACME_messaging_chat',
        deployedName: 'acme-ACME_messaging_chat',
      },
      sms: { originationNumber: '+12065550100', phoneNumberId: 'phone-0123456789abcdef0123456789abcdef' },
    });
  });

  it('fails when a channel is on with its settings missing, naming each field and the fix', () => {
    expect(
      problemsOf({ environments: { develop: { sms: { enabled: true }, facebook: { enabled: true } } } }),
    ).toEqual([
      'environments.develop.sms.originationNumber: is required when sms.enabled is true; set the E.164 number of the End User Messaging phone number, e.g. "+12065550100".',
      'environments.develop.sms.phoneNumberId: is required when sms.enabled is true; set the End User Messaging SMS phone number id of that number ("phone-" and 32 hex digits, console: Phone numbers).',
      'environments.develop.facebook.secretArn: is required when facebook.enabled is true; set the ARN of the Secrets Manager secret holding { "appSecret", "pageAccessToken", "verifyToken" }.',
    ]);
  });

  it('reports malformed values with the expected shape', () => {
    expect(
      problemsOf({
        environments: {
          develop: {
            region: 'eu-west-1',
            contactFlow: 'ACME_messaging_chat',
            sms: { enabled: 'yes' },
            facebook: { enabled: true, secretArn: 'acme/develop/facebook' },
          },
        },
      }),
    ).toEqual([
      'environments.develop.region: "eu-west-1" is not a Region of environment "develop" (us-east-1, us-west-2); use one of them, or leave it out for us-east-1.',
      'environments.develop.sms.enabled: must be true or false (false, the default, leaves the channel off).',
      'environments.develop.facebook.secretArn: "acme/develop/facebook" is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>).',
      'environments.develop.contactFlow: "ACME_messaging_chat" must be a flow reference like "${flow:ACME_messaging_chat}", or be left out for the workload\'s own chat flow.',
    ]);
    expect(
      problemsOf({
        environments: {
          develop: {
            contactFlow: '${flow:ACME_messaging_chat}',
            sms: { ...SMS, originationNumber: '206 555 0100', phoneNumberId: 'ABC' },
          },
        },
      }),
    ).toEqual([
      'environments.develop.sms.originationNumber: "206 555 0100" is not an E.164 number (a "+" and up to 15 digits, no spaces), e.g. "+12065550100".',
      'environments.develop.sms.phoneNumberId: "ABC" is not an End User Messaging SMS phone number id: "phone-" and 32 lowercase hexadecimal characters.',
    ]);
  });

  it('refuses a secret of another account or Region than where the channels deploy', () => {
    expect(
      problemsOf({
        environments: {
          develop: {
            region: 'us-west-2',
            contactFlow: '${flow:ACME_messaging_chat}',
            facebook: { enabled: true, secretArn: SECRET.replace('111111111111', '222222222222') },
          },
        },
      }),
    ).toEqual([
      'environments.develop.facebook.secretArn: is in account 222222222222, Region us-east-1, but environment "develop" deploys the channels to account 111111111111, Region us-west-2; use a secret of that account and Region.',
    ]);
  });

  it("starts chats in the workload's own flow when contactFlow is left out", () => {
    const config = parseMessagingChannelsConfig({ environments: { develop: { sms: SMS } } }, FILE, platform);
    expect(config.environments.get('develop')?.contactFlow).toEqual({
      reference: '${flow:ACME_messaging_chat}',
      name: 'ACME_messaging_chat',
      deployedName: 'acme-ACME_messaging_chat',
    });
  });

  it('switches an environment off with "enabled": false, whatever its channels say', () => {
    const config = parseMessagingChannelsConfig(
      { environments: { develop: { enabled: false, sms: { enabled: true } } } },
      FILE,
      platform,
    );
    expect(config.environments.size).toBe(0);
    expect(problemsOf({ environments: { develop: { enabled: 'no' } } })).toEqual([
      'environments.develop.enabled: must be true or false (false switches every channel of the environment off; leave it out otherwise).',
    ]);
  });

  it('reports unknown environments and keys', () => {
    expect(
      problemsOf({
        environment: {},
        environments: {
          qa: {},
          develop: { contactFlow: '${flow:ACME_messaging_chat}', sms: { ...SMS, number: 1 }, whatsapp: {} },
        },
      }),
    ).toEqual([
      'environment: is not a known key; remove it (the only key is "environments").',
      'environments.qa: "qa" is not an environment of env/accountvars.json (known: develop, staging, prod); fix the name or remove the entry.',
      'environments.develop.whatsapp: is not a known key; remove it or fix its spelling (known keys: enabled, region, contactFlow, sms, facebook).',
      'environments.develop.sms.number: is not a known key; remove it or fix its spelling (known keys: enabled, originationNumber, phoneNumberId).',
    ]);
  });
});
