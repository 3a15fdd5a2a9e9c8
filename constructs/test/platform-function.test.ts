import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { synthFindings } from '@amzconnect/testing/synth';
import {
  defaultBundling,
  defaultEnvironment,
  defaultRuntime,
  defaultTimeout,
  PlatformFunction,
} from '../src';

/** Bundling is skipped in these tests; the entry only has to exist. */
const ENTRY = path.join(__dirname, 'fixtures', 'echo-handler.ts');
const INSTANCE_ARN = 'arn:aws:connect:us-east-1:111111111111:instance/c8c0e68d-2200-4265-82c0-0123456789ab';

function newStack(): Stack {
  const app = createPlatformApp({ skipBundling: true, guard: false });
  return new Stack(app, 'Test', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('PlatformFunction defaults', () => {
  it('pins the newest Node.js runtime aws-cdk-lib knows', () => {
    expect(defaultRuntime()).toBe(lambda.Runtime.NODEJS_24_X);
  });

  it('bundles the AWS SDK v3, minified, with external source maps and no embedded sources', () => {
    expect(defaultBundling()).toMatchObject({
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      bundleAwsSDK: true,
      externalModules: [],
    });
  });

  it('keeps flow-invoked functions under Connect’s 8-second limit', () => {
    expect(defaultTimeout(true).toSeconds()).toBe(6);
    expect(defaultTimeout(false).toSeconds()).toBe(30);
  });

  it('sets the Powertools service name and level', () => {
    expect(defaultEnvironment('svc', 'WARN')).toEqual({
      POWERTOOLS_SERVICE_NAME: 'svc',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });
});

describe('PlatformFunction', () => {
  it('associates a flow-invoked function with the instance and lets only that instance invoke it', () => {
    // Prepare
    const stack = newStack();
    // Act
    const fn = new PlatformFunction(stack, 'Fn', {
      entry: ENTRY,
      description: 'd',
      serviceName: 'svc',
      invokedByFlows: true,
      connectInstanceArn: INSTANCE_ARN,
    });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      InstanceId: INSTANCE_ARN,
      IntegrationType: 'LAMBDA_FUNCTION',
      IntegrationArn: {
        'Fn::GetAtt': [stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction), 'Arn'],
      },
    });
    template.hasResource('AWS::Connect::IntegrationAssociation', {
      DependsOn: [Match.stringLikeRegexp('^FnConnectInvoke')],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'connect.amazonaws.com',
      SourceArn: INSTANCE_ARN,
      SourceAccount: '111111111111',
    });
    expect(fn.integrationAssociation).toBeDefined();
  });

  it('creates neither association nor permission for a function flows do not invoke', () => {
    const stack = newStack();
    new PlatformFunction(stack, 'Fn', { entry: ENTRY, description: 'd', serviceName: 'svc' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Connect::IntegrationAssociation', 0);
    template.resourceCountIs('AWS::Lambda::Permission', 0);
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 30, MemorySize: 512 });
  });

  it('merges function-specific environment over the defaults', () => {
    const stack = newStack();
    new PlatformFunction(stack, 'Fn', {
      entry: ENTRY,
      description: 'd',
      serviceName: 'svc',
      logLevel: 'DEBUG',
      environment: { TABLE: 't' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'svc',
          POWERTOOLS_LOG_LEVEL: 'DEBUG',
          NODE_OPTIONS: '--enable-source-maps',
          TABLE: 't',
        },
      },
    });
  });

  it('refuses a flow-invoked function without an instance', () => {
    expect(
      () =>
        new PlatformFunction(newStack(), 'Fn', {
          entry: ENTRY,
          description: 'd',
          serviceName: 'svc',
          invokedByFlows: true,
        }),
    ).toThrow('PlatformFunction Fn: invokedByFlows needs connectInstanceArn, the instance the flows run in.');
  });

  it('refuses an instance ARN on a function flows do not invoke', () => {
    expect(
      () =>
        new PlatformFunction(newStack(), 'Fn', {
          entry: ENTRY,
          description: 'd',
          serviceName: 'svc',
          connectInstanceArn: INSTANCE_ARN,
        }),
    ).toThrow(
      'PlatformFunction Fn: connectInstanceArn is only used with invokedByFlows: true; remove it or set invokedByFlows.',
    );
  });

  it('refuses a flow-invoked function whose timeout exceeds Connect’s 8 seconds', () => {
    expect(
      () =>
        new PlatformFunction(newStack(), 'Fn', {
          entry: ENTRY,
          description: 'd',
          serviceName: 'svc',
          invokedByFlows: true,
          connectInstanceArn: INSTANCE_ARN,
          timeout: Duration.seconds(9),
        }),
    ).toThrow(
      "PlatformFunction Fn: timeout 9 seconds exceeds Amazon Connect's 8-second limit for functions flows invoke; use at most 8 seconds.",
    );
  });

  it('synthesizes with no unacknowledged finding (X-Ray wildcard acknowledged on its own role)', () => {
    const stack = newStack();
    new PlatformFunction(stack, 'Fn', {
      entry: ENTRY,
      description: 'd',
      serviceName: 'svc',
      invokedByFlows: true,
      connectInstanceArn: INSTANCE_ARN,
    });
    expect(synthFindings(stack.node.root as never)).toEqual([]);
  });

  it('avoids what a plain traced Function gets: the managed policy and an unacknowledged X-Ray wildcard', () => {
    // Prepare: a plain function with tracing and its default role, the way Lambda's construct makes it.
    const stack = newStack();
    const bare = new lambda.Function(stack, 'Bare', {
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      handler: 'index.handler',
      runtime: defaultRuntime(),
      tracing: lambda.Tracing.ACTIVE,
    });
    new PlatformFunction(stack, 'Fn', { entry: ENTRY, description: 'd', serviceName: 'svc' });
    // Act: the findings, whether the helper returns them or synthesis throws them.
    let report: string;
    try {
      report = JSON.stringify(synthFindings(stack.node.root as never));
    } catch (err) {
      report = String(err);
    }
    // Assess: only the plain function's role is reported.
    expect(report).toContain(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    );
    expect(report).toContain('Test/Bare/ServiceRole/Resource');
    expect(report).toContain('AwsSolutions-IAM5[Resource::*]');
    expect(report).toContain('Test/Bare/ServiceRole/DefaultPolicy/Resource');
    expect(report).not.toContain('Test/Fn');
    expect(bare.role).toBeDefined();
  });
});
