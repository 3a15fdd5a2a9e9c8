import { Match, Template } from 'aws-cdk-lib/assertions';
import type { App, Stack } from 'aws-cdk-lib';
import { type PlatformConfig } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { samplePlatform } from '@amzconnect/testing';
import { synthFindings } from '@amzconnect/testing/synth';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { addInstanceStacks } from '../lib';

const ARN = 'arn:aws:connect:us-east-1:111111111111:instance/0a1b2c3d-1111-4222-8333-444455556666';

let stack: Stack;
let findings: unknown[];
let template: Template;

/** The sample platform with develop adopting an instance in us-east-1 where ACME_Hours and ACME_Sales exist. */
function adoptingPlatform(): PlatformConfig {
  const platform = samplePlatform();
  return {
    ...platform,
    environments: platform.environments.map((e) =>
      e.name === 'develop'
        ? {
            ...e,
            existingInstances: { 'us-east-1': ARN },
            settings: {
              ...e.settings,
              instance: {
                existingObjects: { hoursOfOperation: ['ACME_Hours'], queues: ['ACME_Sales'] },
              },
            },
          }
        : e,
    ),
  };
}

beforeAll(() => {
  const app: App = createPlatformApp({ skipBundling: true, guard: false });
  const stacks = addInstanceStacks(app, adoptingPlatform(), { environments: ['develop'] });
  stack = stacks.find((s) => s.stackName === 'acme-instance-develop-us-east-1')!;
  findings = synthFindings(app);
  template = Template.fromStack(stack);
});

describe('instance stack of an adopted (existing) instance', () => {
  it('synthesizes without any unacknowledged cdk-nag or template-validation finding', () => {
    expect(findings).toEqual([]);
  });

  it('creates no instance, storage configuration, storage key or bucket (only the stack-wide log key)', () => {
    for (const type of ['AWS::Connect::Instance', 'AWS::Connect::InstanceStorageConfig', 'AWS::S3::Bucket']) {
      template.resourceCountIs(type, 0);
    }
    // The one key is the stack's CloudWatch Logs key (every log group of every stack is on KMS).
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual([
      expect.stringMatching(/^LogEncryptionKey[0-9A-F]{8}$/),
    ]);
  });

  it('looks up the objects that exist by exact name with a read-only search, and never creates them', () => {
    template.resourceCountIs('AWS::Connect::HoursOfOperation', 0);
    template.resourcePropertiesCountIs('AWS::Connect::Queue', { Name: 'ACME_Sales' }, 0);
    const lookups = Object.values(template.findResources('Custom::AWS')).map((r) =>
      JSON.parse(
        r.Properties.Create['Fn::Join'] ? r.Properties.Create['Fn::Join'][1].join('') : r.Properties.Create,
      ),
    );
    expect(lookups.map((l) => [l.action, l.parameters.SearchCriteria.StringCondition])).toEqual([
      ['SearchHoursOfOperations', { FieldName: 'name', Value: 'ACME_Hours', ComparisonType: 'EXACT' }],
      ['SearchQueues', { FieldName: 'name', Value: 'ACME_Sales', ComparisonType: 'EXACT' }],
    ]);
    expect(lookups.every((l) => l.parameters.InstanceId === '0a1b2c3d-1111-4222-8333-444455556666')).toBe(
      true,
    );
  });

  it('allows each lookup only its search action on the adopted instance', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      { Action: 'connect:SearchHoursOfOperations', Effect: 'Allow', Resource: ARN },
      { Action: 'connect:SearchQueues', Effect: 'Allow', Resource: ARN },
    ]);
  });

  it('lets the lookups read the adopted instance, and nothing else (evaluated with iam-simulate)', async () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy')).map(([name, p]) => ({
      name,
      policy: p.Properties.PolicyDocument,
    }));
    const decide = async (action: string, resource: string) => {
      const result = await runSimulation(
        {
          request: {
            principal: 'arn:aws:iam::111111111111:role/lookup',
            action,
            resource: { resource, accountId: '111111111111' },
            contextVariables: {},
          },
          identityPolicies: policies,
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      if (result.resultType === 'error') throw new Error(result.errors.message);
      return result.overallResult;
    };
    const other = ARN.replace('0a1b2c3d', '99999999');

    expect(await decide('connect:SearchQueues', ARN)).toBe('Allowed');
    expect(await decide('connect:SearchHoursOfOperations', ARN)).toBe('Allowed');
    expect(await decide('connect:SearchQueues', other)).toBe('ImplicitlyDenied');
    expect(await decide('connect:UpdateQueueName', `${ARN}/queue/11111111-2222-4333-8444-555566667777`)).toBe(
      'ImplicitlyDenied',
    );
    expect(
      await decide(
        'connect:DeleteHoursOfOperation',
        `${ARN}/operating-hours/11111111-2222-4333-8444-555566667777`,
      ),
    ).toBe('ImplicitlyDenied');
  });

  it('creates the declared objects that do not exist, wired to the existing ones, retained when removed', () => {
    template.hasResource('AWS::Connect::Queue', {
      Properties: {
        Name: 'ACME_Finance',
        InstanceArn: ARN,
        HoursOfOperationArn: {
          'Fn::GetAtt': [
            Match.stringLikeRegexp('^AdminObjectsExistingHoursACMEHours'),
            'HoursOfOperations.0.HoursOfOperationArn',
          ],
        },
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::Connect::RoutingProfile', {
      DefaultOutboundQueueArn: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^AdminObjectsExistingQueueACMESales'), 'Queues.0.QueueArn'],
      },
    });
  });

  it('publishes the same parameters as a managed instance, pointing at the adopted one (storage parameters excepted)', () => {
    const names = Object.values(template.findResources('AWS::SSM::Parameter')).map((p) => p.Properties.Name);
    expect(names.sort()).toEqual([
      '/acme/develop/connect/hours/ACME_Hours/arn',
      '/acme/develop/connect/instance-arn',
      '/acme/develop/connect/instance-id',
      '/acme/develop/connect/queue/ACME_Finance/arn',
      '/acme/develop/connect/queue/ACME_Sales/arn',
    ]);
  });
});
