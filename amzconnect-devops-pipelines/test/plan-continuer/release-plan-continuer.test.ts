import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env';
import { synthFindings } from '@amzconnect/testing';
import { ReleasePlanContinuer } from '../../lib/release-plan-continuer';
import { sampleConfig } from '../router/support/test-config';

const RELEASE_PIPELINES = ['develop', 'staging', 'main'].flatMap((b) =>
  ['instance', 'supporting-infra', 'lambdas', 'contact-flows'].map((s) => `amzconnect-${s}-${b}`),
);

describe('ReleasePlanContinuer', () => {
  let app: App;
  let template: Template;
  let continuer: ReleasePlanContinuer;
  beforeAll(() => {
    app = createPlatformApp({ skipBundling: true });
    const stack = new Stack(app, 'Tooling', { env: { account: '999999999999', region: 'us-east-1' } });
    continuer = new ReleasePlanContinuer(stack, 'ReleasePlanContinuer', { config: sampleConfig });
    template = Template.fromStack(stack);
  });

  it('listens to SUCCEEDED executions of the sub-project pipelines only', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.codepipeline'],
        'detail-type': ['CodePipeline Pipeline Execution State Change'],
        detail: { state: ['SUCCEEDED'], pipeline: RELEASE_PIPELINES },
      },
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] } },
        }),
      ],
    });
    expect(continuer.pipelineNames).toEqual(RELEASE_PIPELINES);
  });

  it('runs on arm64 with the latest Node.js runtime and tracing, with the allowed pipelines in its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { RELEASE_PIPELINES: JSON.stringify(RELEASE_PIPELINES) } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] } },
      },
    });
  });

  it('may read executions of and start only the sub-project pipelines', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'ContinueReleasePlans',
            Action: ['codepipeline:GetPipelineExecution', 'codepipeline:StartPipelineExecution'],
            Effect: 'Allow',
            Resource: RELEASE_PIPELINES.map((n) => `arn:aws:codepipeline:us-east-1:999999999999:${n}`),
          },
        ]),
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements.flatMap((s) => s.Action).filter((a) => a.startsWith('codepipeline:'))).toEqual([
      'codepipeline:GetPipelineExecution',
      'codepipeline:StartPipelineExecution',
    ]);
  });

  it('keeps failed events in an encrypted, TLS-only dead-letter queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('refuses a configuration without enabled environments', () => {
    const config = {
      ...sampleConfig,
      environments: sampleConfig.environments.map((e) => ({ ...e, enabled: false })),
    };
    expect(
      () =>
        new ReleasePlanContinuer(new Stack(createPlatformApp({ skipBundling: true }), 'S'), 'C', { config }),
    ).toThrow(
      `No enabled environment in ${sampleConfig.configDir}/accountvars.json: there is no release plan to continue.`,
    );
  });

  it('synthesizes with no unacknowledged cdk-nag or template finding', () => {
    expect(synthFindings(app)).toEqual([]);
  });
});
