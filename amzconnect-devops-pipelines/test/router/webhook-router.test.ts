import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { synthFindings } from '@amzconnect/testing/synth';
import { WebhookRouter } from '../../lib/webhook-router';
import { parseRoutingTable } from '../../src/router/routing-table';
import { sampleConfig } from './support/test-config';

const ARN = (name: string) => `arn:aws:codepipeline:us-east-1:999999999999:${name}`;
const SUBPROJECT_PREFIXES = ['instance', 'supporting-infra', 'lambdas', 'contact-flows'].map(
  (s) => `amzconnect-${s}-*`,
);

/** A queue table the router enqueues into (the ReleaseQueue construct owns the real one). */
function queueTable(stack: Stack): dynamodb.ITable {
  return dynamodb.Table.fromTableName(stack, 'QueueTable', 'release-queue');
}

describe('WebhookRouter', () => {
  let app: App;
  let router: WebhookRouter;
  let template: Template;
  beforeAll(() => {
    app = createPlatformApp({ skipBundling: true, guard: false });
    const stack = new Stack(app, 'Tooling', { env: { account: '999999999999', region: 'us-east-1' } });
    router = new WebhookRouter(stack, 'WebhookRouter', {
      config: sampleConfig,
      releaseQueueTable: queueTable(stack),
    });
    template = Template.fromStack(stack);
  });

  it('runs the handler on arm64 with the latest Node.js runtime, tracing and its own log group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: 10,
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('hands the routing table to the Lambda as compact JSON derived from the configuration', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    const vars = fn.Properties.Environment.Variables;
    expect(parseRoutingTable(vars.ROUTING_TABLE as string)).toEqual(router.routingTable);
    expect(vars.WEBHOOK_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/WebhookSecret/) });
    expect(vars.IDEMPOTENCY_TABLE_NAME).toEqual({ Ref: expect.stringMatching(/IdempotencyTable/) });
    expect(vars.RELEASE_QUEUE_TABLE).toBe('release-queue');
    expect(vars.PREVIOUS_SECRET_WINDOW_SECONDS).toBe('86400');
  });

  it('keeps no plaintext secret in the template: the value is generated at creation', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
      SecretString: Match.absent(),
    });
  });

  it('creates the idempotency table keyed by id with TTL on expiration', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('throttles and access-logs the API stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ],
    });
  });

  it('exposes only POST /webhook, and lets only that method invoke the handler', () => {
    template.resourceCountIs('AWS::ApiGateway::Method', 1);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'NONE',
    });
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/POST/webhook$')])] },
    });
  });

  it('outputs the payload URL and the secret ARN under stable names', () => {
    template.hasOutput('WebhookPayloadUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/webhook$')])] },
    });
    template.hasOutput('WebhookSecretArn', { Value: { Ref: Match.stringLikeRegexp('WebhookSecret') } });
  });

  it('grants exactly: start on the platform prefix of each sub-project and self-update, read the secret, record deliveries, enqueue pushes, write its logs, trace', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      { Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' },
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/HandlerLogGroup/), 'Arn'] },
      },
      {
        Sid: 'StartReleasePipelines',
        Action: 'codepipeline:StartPipelineExecution',
        Effect: 'Allow',
        // Sorted: @aws-cdk/aws-iam:minimizePolicies orders actions and resources.
        Resource: [...SUBPROJECT_PREFIXES, 'amzconnect-devops-pipelines'].map(ARN).sort(),
      },
      {
        Sid: 'ReadWebhookSecret',
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: { Ref: expect.stringMatching(/WebhookSecret/) },
      },
      {
        Sid: 'RecordDeliveries',
        Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/IdempotencyTable/), 'Arn'] },
      },
      {
        Sid: 'EnqueuePushes',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Effect: 'Allow',
        Resource: 'arn:aws:dynamodb:us-east-1:999999999999:table/release-queue',
      },
    ]);
    expect(router.startablePipelineArns).toEqual(
      [...SUBPROJECT_PREFIXES, 'amzconnect-devops-pipelines'].map(ARN),
    );
  });

  it('attaches no managed policy to the handler role', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      },
      ManagedPolicyArns: Match.absent(),
    });
  });

  it('uses the partition of a GovCloud tooling Region in pipeline ARNs', () => {
    const govApp = createPlatformApp({ skipBundling: true, guard: false });
    const stack = new Stack(govApp, 'Gov', { env: { account: '999999999999', region: 'us-gov-west-1' } });
    const config = { ...sampleConfig, tooling: { ...sampleConfig.tooling, region: 'us-gov-west-1' } };
    const gov = new WebhookRouter(stack, 'WebhookRouter', { config, releaseQueueTable: queueTable(stack) });
    expect(gov.startablePipelineArns[0]).toBe(
      'arn:aws-us-gov:codepipeline:us-gov-west-1:999999999999:amzconnect-instance-*',
    );
  });

  it('refuses a routing table too large for a Lambda environment', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...sampleConfig.environments[0],
      name: `environment-name-${i}`,
      branch: `a-long-release-branch-name-for-environment-${i}`,
    }));
    const stack = new Stack(createPlatformApp({ skipBundling: true, guard: false }), 'Big');
    expect(
      () =>
        new WebhookRouter(stack, 'WebhookRouter', {
          config: { ...sampleConfig, environments: many },
          releaseQueueTable: queueTable(stack),
        }),
    ).toThrow(
      /^The routing table for 60 enabled environments takes \d+ characters, more than the 3000 a Lambda environment can hold; disable environments in .*\/accountvars\.json\.$/,
    );
  });

  it('synthesizes with no unacknowledged cdk-nag or template finding', () => {
    expect(synthFindings(app)).toEqual([]);
  });
});
