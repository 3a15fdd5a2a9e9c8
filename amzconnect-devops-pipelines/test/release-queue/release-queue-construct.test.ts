import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { synthFindings } from '@amzconnect/testing/synth';
import { ToolingCoreStack } from '../../lib/tooling-core-stack';
import { parseRoutingTable } from '../../src/router/routing-table';
import { sampleConfig } from '../router/support/test-config';

const ARN = (name: string) => `arn:aws:codepipeline:us-east-1:999999999999:${name}`;
const PREFIXES = ['instance', 'supporting-infra', 'lambdas', 'contact-flows'].map((s) => `amzconnect-${s}-`);

describe('ReleaseQueue and ReleaseAlarms in the tooling core stack', () => {
  let app: App;
  let core: ToolingCoreStack;
  let template: Template;
  beforeAll(() => {
    app = createPlatformApp({ skipBundling: true, guard: false });
    core = new ToolingCoreStack(app, 'Core', {
      env: { account: '999999999999', region: 'us-east-1' },
      config: sampleConfig,
    });
    template = Template.fromStack(core);
  });

  it('matches every execution state the queue handles, of sub-project pipelines by name prefix', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.codepipeline'],
        'detail-type': ['CodePipeline Pipeline Execution State Change'],
        detail: {
          state: ['STARTED', 'RESUMED', 'SUCCEEDED', 'FAILED', 'STOPPED', 'SUPERSEDED'],
          pipeline: PREFIXES.map((prefix) => ({ prefix })),
        },
      },
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReleaseQueueDeadLetterQueue'), 'Arn'] },
          },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
  });

  it('keeps one record per environment with point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'env', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('hands the queue function the routing table, its table and the topic, and no pipeline list', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: { Description?: string; Environment?: { Variables: Record<string, unknown> } };
    }[];
    const queue = fns.find((f) => f.Properties.Description?.startsWith('Release queue'))!;
    const vars = queue.Properties.Environment!.Variables;
    // Besides the platform function's own (NODE_OPTIONS, POWERTOOLS_*): no pipeline list.
    expect(Object.keys(vars).sort()).toEqual([
      'NODE_OPTIONS',
      'NOTIFICATION_TOPIC_ARN',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_SERVICE_NAME',
      'RELEASE_QUEUE_TABLE',
      'ROUTING_TABLE',
    ]);
    expect(parseRoutingTable(vars.ROUTING_TABLE as string)).toEqual(core.router.routingTable);
  });

  it('lets the queue function start, stop and read only sub-project pipelines, by prefix', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'RunReleaseSteps',
            Action: [
              'codepipeline:GetPipelineExecution',
              'codepipeline:StartPipelineExecution',
              'codepipeline:StopPipelineExecution',
            ],
            Effect: 'Allow',
            Resource: PREFIXES.map((p) => ARN(`${p}*`)).sort(), // sorted by @aws-cdk/aws-iam:minimizePolicies
          },
          {
            Sid: 'KeepReleaseQueues',
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReleaseQueueTable'), 'Arn'] },
          },
          Match.objectLike({ Sid: 'NotifyHaltedReleases', Action: 'sns:Publish' }),
          Match.objectLike({ Sid: 'EncryptNotifications', Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
        ]),
      },
    });
  });

  it('alarms on router 5xx, function errors, dead letters and a stalled release, to the pipeline-results topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as {
      Properties: { MetricName: string; Namespace: string; Threshold: number; AlarmActions: unknown[] };
    }[];
    expect(
      alarms
        .map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}>=${a.Properties.Threshold}`)
        .sort(),
    ).toEqual([
      'AWS/ApiGateway/5XXError>=1',
      'AWS/Lambda/Errors>=1',
      'AWS/Lambda/Errors>=1',
      'AWS/SQS/ApproximateNumberOfMessagesVisible>=1',
      'AmazonConnectCICD/ReleaseQueue/ReleaseStalledSeconds>=14400',
    ]);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual([
        { Ref: expect.stringMatching(/NotificationsPipelineEvents/) },
      ]);
    }
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsToUseKey',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  it('synthesizes with no unacknowledged cdk-nag or template finding', () => {
    expect(synthFindings(app)).toEqual([]);
  });
});
