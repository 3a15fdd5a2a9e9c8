import * as path from 'path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PlatformConfig, SUBPROJECT_IDS } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { QUEUE_ENV } from '../src/release-queue/lambda-environment';
import { EXECUTION_STATES } from '../src/release-queue/queue-event';
import { subprojectPipelinePrefix } from '../src/release-queue/release-queue';
import { routingTableFromConfig, serializeRoutingTable } from '../src/router/routing-table';
import { PlatformFunction } from '@amzconnect/constructs';
import { subprojectPipelineArns } from './router-pipeline-arns';

/** Props of {@link ReleaseQueue}. */
export interface ReleaseQueueProps {
  /** The validated platform configuration; the routing table is derived from it at synth. */
  readonly config: PlatformConfig;
  /** Topic that receives halted releases and refused executions (the pipeline-results topic). */
  readonly notificationTopic: sns.ITopic;
  /** Key the topic is encrypted with: publishing needs it. */
  readonly topicKey: kms.IKey;
  /** How often the periodic check runs (lost starts, stalled-release metric). @default 5 minutes */
  readonly checkInterval?: Duration;
  /** Retention of the function's logs. @default three months */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * One release queue per environment: a DynamoDB record per environment written with conditional
 * writes, and a function that reacts to the sub-project pipelines' execution state changes
 * (matched by name prefix, so the pattern does not grow with environments) and to a periodic
 * check. The router enqueues pushes in the same table. See ROUTER.md, "Release queue".
 */
export class ReleaseQueue extends Construct {
  /** One item per environment (`env` key). */
  public readonly table: dynamodb.Table;
  /** The queue function. */
  public readonly handler: PlatformFunction;
  /** Pipeline state changes → the function. */
  public readonly rule: events.Rule;
  /** The periodic check. */
  public readonly schedule: events.Rule;
  /** Events and invocations that could not be processed. */
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ReleaseQueueProps) {
    super(scope, id);
    const { config } = props;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'env', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the release-queue function and its EventBridge targets.',
    });
    acknowledgeGuardRule(
      this.deadLetterQueue,
      'sqs_dlq_check',
      'This queue is itself the dead-letter queue of the release-queue function and its EventBridge targets.',
    );

    this.handler = new PlatformFunction(this, 'Handler', {
      entry: path.join(__dirname, '..', 'src', 'release-queue', 'lambda-handler.ts'),
      description:
        'Release queue: one release in flight per environment, newest push first, never backwards.',
      serviceName: 'release-queue',
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
      environment: {
        [QUEUE_ENV.routingTable]: serializeRoutingTable(routingTableFromConfig(config)),
        [QUEUE_ENV.table]: this.table.tableName,
        [QUEUE_ENV.topicArn]: props.notificationTopic.topicArn,
      },
    });
    this.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    const role = this.handler.executionRole;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RunReleaseSteps',
        actions: [
          'codepipeline:GetPipelineExecution',
          'codepipeline:StartPipelineExecution',
          'codepipeline:StopPipelineExecution',
        ],
        resources: subprojectPipelineArns(config.tooling),
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'KeepReleaseQueues',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan'],
        resources: [this.table.tableArn],
      }),
    );
    // Publishing to a KMS-encrypted topic needs the key (Amazon SNS Developer Guide, "Encryption
    // at rest": the publisher needs kms:GenerateDataKey and kms:Decrypt); named actions, no wildcard.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'NotifyHaltedReleases',
        actions: ['sns:Publish'],
        resources: [props.notificationTopic.topicArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptNotifications',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.topicKey.keyArn],
      }),
    );
    for (const arn of subprojectPipelineArns(config.tooling)) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${arn}]`,
        reason:
          "The wildcard follows the platform's own name prefix of one sub-project's pipelines, so the policy does not grow with environments; the function starts, stops and reads only executions of those pipelines.",
      });
    }

    // Any state the queue handles, of any pipeline whose name starts with a sub-project's prefix:
    // four `prefix` matchers, whatever the number of environments (EventBridge event patterns are
    // limited to 2,048 characters by default: EventBridge quotas).
    const pipelinePrefixes = SUBPROJECT_IDS.map((sub) => ({
      prefix: subprojectPipelinePrefix(config.tooling.platformPrefix, sub),
    }));
    this.rule = new events.Rule(this, 'PipelineExecutionChanged', {
      description: 'A sub-project pipeline execution changed state: advance or halt its release queue.',
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: ['CodePipeline Pipeline Execution State Change'],
        detail: { state: [...EXECUTION_STATES], pipeline: pipelinePrefixes },
      },
    });
    const target = () =>
      new targets.LambdaFunction(this.handler, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 4,
        maxEventAge: Duration.hours(2),
      });
    this.rule.addTarget(target());
    this.schedule = new events.Rule(this, 'PeriodicCheck', {
      description: 'Re-drives lost starts and reports how long each release has not moved.',
      schedule: events.Schedule.rate(props.checkInterval ?? Duration.minutes(5)),
    });
    this.schedule.addTarget(target());
  }
}
