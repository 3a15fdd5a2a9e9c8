import { CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createPlatformApp, targetStackSynthesizer } from '../src/cdk';
import { synthFindings } from '@amzconnect/testing/synth';

const ENV = { account: '111111111111', region: 'us-east-1' };

describe('createPlatformApp', () => {
  it('fails synthesis on a cdk-nag finding and names the rule and construct', () => {
    const app = createPlatformApp();
    const stack = new Stack(app, 'S', { env: ENV });
    new s3.Bucket(stack, 'Plain');

    expect(synthFindings(app)).toEqual(
      expect.arrayContaining([
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-S1', path: 'S/Plain/Resource', severity: 'error' },
        { plugin: 'AwsSolutions', rule: 'AwsSolutions-S10', path: 'S/Plain/Resource', severity: 'error' },
      ]),
    );
  });

  it('fails synthesis on a value CloudFormation would reject, before any deployment', () => {
    const app = createPlatformApp();
    const stack = new Stack(app, 'S', { env: ENV });
    new logs.CfnLogGroup(stack, 'Logs', { retentionInDays: 17 });

    expect(() => app.synth()).toThrow(/RetentionInDays: 17 is not one of/);
  });

  it('accepts an acknowledged finding on that construct only', () => {
    // cdk-nag's acknowledgement is the subject; cfn-guard's own are tested in control-tower-guard.test.ts.
    const app = createPlatformApp({ guard: false });
    const stack = new Stack(app, 'S', { env: ENV });
    const logsBucket = new s3.Bucket(stack, 'AccessLogs', { enforceSSL: true });
    new s3.Bucket(stack, 'Data', { enforceSSL: true, serverAccessLogsBucket: logsBucket });
    const { Validations } = jest.requireActual('aws-cdk-lib') as typeof import('aws-cdk-lib');
    Validations.of(logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Destination of the access logs.',
    });

    expect(synthFindings(app)).toEqual([]);
  });

  it('puts the environment boundary on every role of a target stack, and on no other stack', () => {
    const app = createPlatformApp();
    const env = {
      app: 'acme',
      name: 'develop',
      account: '111111111111',
      bootstrapQualifier: 'hnb659fds',
      platformPrefix: 'amzconnect',
    };
    const target = new Stack(app, 'Target', { env: ENV, synthesizer: targetStackSynthesizer(env) });
    const tooling = new Stack(app, 'Tooling', { env: ENV });
    for (const stack of [target, tooling]) {
      new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new CfnResource(stack, 'ProviderRole', {
        type: 'AWS::IAM::Role',
        properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } },
            ],
          },
        },
      });
    }

    const boundary = 'arn:aws:iam::111111111111:policy/amzconnect-access/acme-develop-workload-boundary';
    const roles = Template.fromStack(target).findResources('AWS::IAM::Role');
    expect(Object.values(roles).map((r) => r.Properties.PermissionsBoundary)).toEqual([boundary, boundary]);
    const toolingRoles = Template.fromStack(tooling).findResources('AWS::IAM::Role');
    expect(Object.values(toolingRoles).map((r) => r.Properties.PermissionsBoundary)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('gives every custom resource a 15-minute ServiceTimeout, except the flow provisioner, which sets its own', () => {
    const app = createPlatformApp();
    const stack = new Stack(app, 'S', { env: ENV });
    new CfnResource(stack, 'Generic', { type: 'Custom::Thing', properties: { ServiceToken: 'arn:x' } });
    new CfnResource(stack, 'Flows', { type: 'Custom::ContactFlows', properties: { ServiceToken: 'arn:x' } });

    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.Generic.Properties.ServiceTimeout).toBe('900');
    expect(resources.Flows.Properties.ServiceTimeout).toBeUndefined();
  });
});
