import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, loadPlatformConfig, REPO_ROOT } from '@amzconnect/env';
import {
  loadMessagingChannels,
  loadMessagingChannelsConfig,
  messagingChannelsFor,
  parseMessagingChannelsConfig,
  RepositoryFlow,
} from '../../../lib';

const FILE = 'amzconnect-lambdas/config/workloads/messaging-channels.json';
const platform = loadPlatformConfig(path.join(REPO_ROOT, 'env'));
const flows: RepositoryFlow[] = [
  { name: 'ACME_messaging_chat', type: 'CONTACT_FLOW' },
  { name: 'ACME_customer_queue', type: 'CUSTOMER_QUEUE' },
];
const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/develop/facebook-AbC123';
const SMS = {
  enabled: true,
  originationNumber: '+12065550100',
  applicationId: '0123456789abcdef0123456789abcdef',
};

function problemsOf(raw: unknown): string[] {
  try {
    parseMessagingChannelsConfig(raw, FILE, platform, flows);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.field}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('messaging channels configuration', () => {
  it('reads the sample file: both channels on in develop us-east-1, off everywhere else', () => {
    // Act
    const config = loadMessagingChannels(platform);
    // Assess
    expect(messagingChannelsFor(config, 'develop', 'us-east-1')).toEqual({
      region: 'us-east-1',
      contactFlow: {
        reference: '${flow:ACME_messaging_chat}',
        name: 'ACME_messaging_chat',
        deployedName: 'acme-ACME_messaging_chat',
      },
      sms: { originationNumber: '+12065550100', applicationId: '0123456789abcdef0123456789abcdef' },
      facebook: {
        secretArn:
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/develop/messaging-channels/facebook-AbC123',
      },
    });
    expect(messagingChannelsFor(config, 'develop', 'us-west-2')).toBeUndefined();
    expect(messagingChannelsFor(config, 'staging', 'us-east-1')).toBeUndefined();
    expect(messagingChannelsFor(config, 'prod', 'us-east-1')).toBeUndefined();
  });

  it('treats a missing file as every channel off', () => {
    // Act
    const config = loadMessagingChannelsConfig(
      path.join(os.tmpdir(), 'no-such-messaging.json'),
      platform,
      flows,
    );
    // Assess
    expect(config.environments.size).toBe(0);
  });

  it('leaves an environment off when its channels are off or absent, without requiring settings', () => {
    expect(problemsOf({ environments: { develop: { sms: { enabled: false } }, staging: {} } })).toEqual([]);
    const config = parseMessagingChannelsConfig(
      { environments: { develop: { sms: { enabled: false } } } },
      FILE,
      platform,
      flows,
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
      flows,
    );
    expect(config.environments.get('prod')).toEqual({
      region: 'us-east-1',
      contactFlow: {
        reference: '${flow:ACME_messaging_chat}',
        name: 'ACME_messaging_chat',
        deployedName: 'acme-ACME_messaging_chat',
      },
      sms: { originationNumber: '+12065550100', applicationId: '0123456789abcdef0123456789abcdef' },
    });
  });

  it('fails when a channel is on with its settings missing, naming each field and the fix', () => {
    expect(
      problemsOf({ environments: { develop: { sms: { enabled: true }, facebook: { enabled: true } } } }),
    ).toEqual([
      'environments.develop.sms.originationNumber: is required when sms.enabled is true; set the E.164 number of the End User Messaging phone number, e.g. "+12065550100".',
      'environments.develop.sms.applicationId: is required when sms.enabled is true; set the End User Messaging (Pinpoint) application id, 32 hexadecimal characters.',
      'environments.develop.facebook.secretArn: is required when facebook.enabled is true; set the ARN of the Secrets Manager secret holding { "appSecret", "pageAccessToken", "verifyToken" }.',
      'environments.develop.contactFlow: is required when a channel is on; set the contact flow chats start in, e.g. "${flow:ACME_messaging_chat}".',
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
      'environments.develop.contactFlow: "ACME_messaging_chat" must be a flow reference like "${flow:ACME_messaging_chat}".',
    ]);
    expect(
      problemsOf({
        environments: {
          develop: {
            contactFlow: '${flow:ACME_messaging_chat}',
            sms: { ...SMS, originationNumber: '206 555 0100', applicationId: 'ABC' },
          },
        },
      }),
    ).toEqual([
      'environments.develop.sms.originationNumber: "206 555 0100" is not an E.164 number (a "+" and up to 15 digits, no spaces), e.g. "+12065550100".',
      'environments.develop.sms.applicationId: "ABC" is not an End User Messaging (Pinpoint) application id: 32 lowercase hexadecimal characters.',
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

  it('requires the flow to be a CONTACT_FLOW of the repository', () => {
    expect(
      problemsOf({
        environments: { develop: { contactFlow: '${flow:ACME_customer_queue}', sms: SMS } },
      }),
    ).toEqual([
      'environments.develop.contactFlow: "${flow:ACME_customer_queue}" names no CONTACT_FLOW flow that amzconnect-contact-flows/flows deploys to "develop" (known: ACME_messaging_chat); fix the name or add the flow.',
    ]);
  });

  it('switches an environment off with "enabled": false, whatever its channels say', () => {
    const config = parseMessagingChannelsConfig(
      { environments: { develop: { enabled: false, sms: { enabled: true } } } },
      FILE,
      platform,
      flows,
    );
    expect(config.environments.size).toBe(0);
    expect(problemsOf({ environments: { develop: { enabled: 'no' } } })).toEqual([
      'environments.develop.enabled: must be true or false (false switches every channel of the environment off; leave it out otherwise).',
    ]);
  });

  it('accepts only a flow that the deployment puts in that environment (workload flows where the workload is on)', () => {
    const perEnv = (envName: string) => (envName === 'develop' ? flows : []);
    const raw = (env: string) => ({
      environments: { [env]: { contactFlow: '${flow:ACME_messaging_chat}', sms: SMS } },
    });
    expect(parseMessagingChannelsConfig(raw('develop'), FILE, platform, perEnv).environments.size).toBe(1);
    expect(() => parseMessagingChannelsConfig(raw('staging'), FILE, platform, perEnv)).toThrow(
      'environments.staging.contactFlow: "${flow:ACME_messaging_chat}" names no CONTACT_FLOW flow that amzconnect-contact-flows/flows deploys to "staging" (known: (none)); fix the name or add the flow.',
    );
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
      'environments.develop.sms.number: is not a known key; remove it or fix its spelling (known keys: enabled, originationNumber, applicationId).',
    ]);
  });

  it('names the file in the thrown message', () => {
    // Prepare
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messaging-'));
    const file = path.join(dir, 'messaging-channels.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        environments: { develop: { sms: { enabled: true, applicationId: SMS.applicationId } } },
      }),
    );
    // Act / Assess
    expect(() => loadMessagingChannelsConfig(file, platform, flows, dir)).toThrow(
      'Invalid configuration (2 problems):\n' +
        '  - messaging-channels.json: environments.develop.sms.originationNumber: is required when sms.enabled is true; set the E.164 number of the End User Messaging phone number, e.g. "+12065550100".\n' +
        '  - messaging-channels.json: environments.develop.contactFlow: is required when a channel is on; set the contact flow chats start in, e.g. "${flow:ACME_messaging_chat}".',
    );
  });
});
