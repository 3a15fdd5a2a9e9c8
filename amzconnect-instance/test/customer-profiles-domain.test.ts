import { Template } from 'aws-cdk-lib/assertions';
import type { App } from 'aws-cdk-lib';
import { SsmNames, type PlatformConfig } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { samplePlatform } from '@amzconnect/testing';
import { synthFindings } from '@amzconnect/testing/synth';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { addInstanceStacks, ConnectInstanceStack } from '../lib';

const ACCOUNT = '111111111111';
const DOMAIN = 'amazon-connect-acme-develop-us-east-1';
const DOMAIN_ARN = `arn:aws:profile:us-east-1:${ACCOUNT}:domains/${DOMAIN}`;

const ADOPTED_INSTANCE = `arn:aws:connect:us-west-2:${ACCOUNT}:instance/0a1b2c3d-1111-4222-8333-444455556666`;

/**
 * The sample with develop asking for a created domain (us-west-2 on an adopted instance) and
 * staging adopting a domain by name.
 */
function profilesPlatform(): PlatformConfig {
  const platform = samplePlatform();
  const instance: Record<string, unknown> = {
    develop: { retainOnDelete: false, customerProfiles: { expirationDays: 90 } },
    staging: { customerProfiles: { existingDomainName: 'amazon-connect-acme-staging' } },
  };
  return {
    ...platform,
    environments: platform.environments.map((e) =>
      e.name in instance
        ? {
            ...e,
            ...(e.name === 'develop' ? { existingInstances: { 'us-west-2': ADOPTED_INSTANCE } } : {}),
            settings: { ...e.settings, instance: instance[e.name] },
          }
        : e,
    ),
  };
}

let stacks: ConnectInstanceStack[];
let findings: unknown[];
const template = (name: string) => Template.fromStack(stacks.find((s) => s.stackName === name)!);
let develop: Template;

beforeAll(() => {
  const app: App = createPlatformApp({ skipBundling: true, guard: false });
  stacks = addInstanceStacks(app, profilesPlatform(), {
    environments: ['develop', 'staging', 'prod'],
  }) as ConnectInstanceStack[];
  findings = synthFindings(app);
  develop = template('acme-instance-develop-us-east-1');
});

/** The one resource of `type` in the develop us-east-1 template, with its logical id. */
function only(type: string): [string, { Properties: Record<string, any> }] {
  const found = Object.entries(develop.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as [string, { Properties: Record<string, any> }];
}

describe('the Customer Profiles domain of an instance', () => {
  it('synthesizes without any unacknowledged cdk-nag or template-validation finding', () => {
    expect(findings).toEqual([]);
  });

  it('creates the domain amazon-connect-<alias> with the configured expiration, its own key and dead-letter queue', () => {
    const [keyId] = Object.entries(develop.findResources('AWS::KMS::Key')).find(([, k]) =>
      String(k.Properties.Description).startsWith('Customer Profiles domain'),
    )!;
    const [queueId] = only('AWS::SQS::Queue');

    develop.hasResourceProperties('AWS::CustomerProfiles::Domain', {
      DomainName: DOMAIN,
      DefaultExpirationDays: 90,
      DefaultEncryptionKey: { 'Fn::GetAtt': [keyId, 'Arn'] },
      DeadLetterQueueUrl: { Ref: queueId },
    });
    develop.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('integrates the domain with the instance: Uri is the instance ARN and contact records (CTR) feed it', () => {
    const [instanceId] = only('AWS::Connect::Instance');
    const [domainId] = only('AWS::CustomerProfiles::Domain');
    const [, integration] = only('AWS::CustomerProfiles::Integration');

    expect(integration.Properties).toEqual({
      DomainName: DOMAIN,
      Uri: { 'Fn::GetAtt': [instanceId, 'Arn'] },
      ObjectTypeName: 'CTR',
    });
    expect((integration as { DependsOn?: string[] }).DependsOn).toContain(domainId);
  });

  it("integrates a created domain with an adopted instance's ARN", () => {
    template('acme-instance-develop-us-west-2').hasResourceProperties('AWS::CustomerProfiles::Integration', {
      DomainName: 'amazon-connect-acme-develop-us-west-2',
      Uri: ADOPTED_INSTANCE,
      ObjectTypeName: 'CTR',
    });
  });

  it('needs no Connect IntegrationAssociation for Customer Profiles', () => {
    develop.resourceCountIs('AWS::Connect::IntegrationAssociation', 0);
  });

  it('publishes the domain name under the contract name, after the domain exists', () => {
    const [domainId] = only('AWS::CustomerProfiles::Domain');
    const parameter = Object.values(
      develop.findResources('AWS::SSM::Parameter', {
        Properties: { Name: SsmNames.connect.customerProfilesDomainName('acme', 'develop') },
      }),
    );

    expect(parameter.map((p) => p.Properties.Value)).toEqual([DOMAIN]);
    expect(parameter[0].DependsOn).toEqual(expect.arrayContaining([domainId]));
  });

  it('adopts an existing domain by name: creates nothing and publishes the name', () => {
    const staging = template('acme-instance-staging-us-east-1');

    for (const type of [
      'AWS::CustomerProfiles::Domain',
      'AWS::CustomerProfiles::Integration',
      'AWS::SQS::Queue',
    ])
      staging.resourceCountIs(type, 0);
    staging.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/acme/staging/connect/customer-profiles-domain-name',
      Value: 'amazon-connect-acme-staging',
    });
  });

  it('creates and publishes nothing for an environment that does not ask for a domain', () => {
    const prod = template('acme-instance-prod-us-east-1');

    prod.resourceCountIs('AWS::CustomerProfiles::Domain', 0);
    prod.resourceCountIs('AWS::SQS::Queue', 0);
    expect(
      Object.values(prod.findResources('AWS::SSM::Parameter')).map((p) => p.Properties.Name),
    ).not.toContain('/acme/prod/connect/customer-profiles-domain-name');
  });

  it('follows the environment lifecycle: develop (retainOnDelete false) deletes the domain, key and queue with the stack', () => {
    for (const type of ['AWS::CustomerProfiles::Domain', 'AWS::SQS::Queue']) {
      const [, resource] = only(type);
      expect((resource as { DeletionPolicy?: string }).DeletionPolicy).toBe('Delete');
    }
  });
});

describe('the resource policies of the domain key and dead-letter queue', () => {
  /** Decides a request of the Customer Profiles service principal against a resource policy. */
  async function decide(
    policy: unknown,
    action: string,
    resource: string,
    sourceArn: string,
    sourceAccount = ACCOUNT,
  ): Promise<string> {
    const result = await runSimulation(
      {
        request: {
          principal: 'profile.amazonaws.com',
          action,
          resource: { resource, accountId: ACCOUNT },
          contextVariables: {
            'aws:SourceArn': sourceArn,
            'aws:SourceAccount': sourceAccount,
            'aws:PrincipalIsAWSService': 'true',
            'kms:GrantIsForAWSResource': 'false',
          },
        },
        identityPolicies: [],
        resourcePolicy: policy,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
  }

  /** A synthesized policy document with the stack's tokens replaced by the develop values. */
  function resolved(document: unknown): unknown {
    const [queueId] = only('AWS::SQS::Queue');
    return JSON.parse(
      JSON.stringify(document, (_k, v: unknown) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const o = v as Record<string, unknown>;
          if (o['Fn::GetAtt'] && (o['Fn::GetAtt'] as string[])[0] === queueId)
            return `arn:aws:sqs:us-east-1:${ACCOUNT}:acme-dlq`;
          if (o.Ref === 'AWS::AccountId') return ACCOUNT;
          if (o['Fn::Join']) {
            const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
            return parts
              .map((p) =>
                typeof p === 'string'
                  ? p
                  : (
                      {
                        'AWS::Partition': 'aws',
                        'AWS::Region': 'us-east-1',
                        'AWS::AccountId': ACCOUNT,
                      } as Record<string, string>
                    )[(p as { Ref: string }).Ref],
              )
              .join(sep);
          }
        }
        return v;
      }),
    );
  }

  it('lets Customer Profiles send to the dead-letter queue for this domain only (confused deputy)', async () => {
    const [, queuePolicy] = only('AWS::SQS::QueuePolicy');
    const policy = resolved(queuePolicy.Properties.PolicyDocument);
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:acme-dlq`;

    expect(await decide(policy, 'sqs:SendMessage', queue, DOMAIN_ARN)).toBe('Allowed');
    expect(await decide(policy, 'sqs:SendMessage', queue, `${DOMAIN_ARN}-other`)).not.toBe('Allowed');
    expect(await decide(policy, 'sqs:SendMessage', queue, DOMAIN_ARN, '999999999999')).not.toBe('Allowed');
    expect(await decide(policy, 'sqs:ReceiveMessage', queue, DOMAIN_ARN)).not.toBe('Allowed');
  });

  it('lets Customer Profiles use the key for this domain only, and only for data keys, decryption and grants', async () => {
    const key = Object.values(develop.findResources('AWS::KMS::Key')).find((k) =>
      String(k.Properties.Description).startsWith('Customer Profiles domain'),
    )!;
    const policy = resolved(key.Properties.KeyPolicy);
    const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0a1b2c3d-1111-4222-8333-444455556666`;

    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'])
      expect(await decide(policy, action, keyArn, DOMAIN_ARN)).toBe('Allowed');
    expect(
      await decide(policy, 'kms:Decrypt', keyArn, `arn:aws:profile:us-east-1:${ACCOUNT}:domains/other`),
    ).not.toBe('Allowed');
    expect(await decide(policy, 'kms:ScheduleKeyDeletion', keyArn, DOMAIN_ARN)).not.toBe('Allowed');
  });
});
