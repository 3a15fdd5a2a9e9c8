import * as path from 'path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PlatformFunction } from '@amzconnect/constructs';
import type { PlatformConfig } from '@amzconnect/env';
import { ALLOWED_PIPELINES_ENV } from '../src/plan-continuer/lambda-environment';
import { releasePipelines, routingTableFromConfig } from '../src/router/routing-table';
import { pipelineArn } from './router-pipeline-arns';

/** Props of {@link ReleasePlanContinuer}. */
export interface ReleasePlanContinuerProps {
  /** The validated platform configuration; the sub-project pipelines are derived from it at synth. */
  readonly config: PlatformConfig;
  /** Retention of the function's logs. @default three months */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Continues release plans: an EventBridge rule on `CodePipeline Pipeline Execution State Change`
 * SUCCEEDED of the sub-project pipelines invokes a Lambda that reads the plan and commit from the
 * succeeded execution's variables and starts the next pipeline with the same commit and the rest
 * of the plan. A failed pipeline emits no SUCCEEDED event, so a failure stops the rest.
 * Events the function cannot process after retries land in a dead-letter queue.
 */
export class ReleasePlanContinuer extends Construct {
  /** The continuer Lambda. */
  public readonly handler: PlatformFunction;
  /** The rule on pipeline success. */
  public readonly rule: events.Rule;
  /** Events that could not be processed. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Names of the pipelines whose success continues a plan (and that the continuer may start). */
  public readonly pipelineNames: readonly string[];
  /** ARNs of those pipelines. */
  public readonly pipelineArns: readonly string[];

  constructor(scope: Construct, id: string, props: ReleasePlanContinuerProps) {
    super(scope, id);
    const { config } = props;
    this.pipelineNames = releasePipelines(routingTableFromConfig(config));
    if (this.pipelineNames.length === 0) {
      throw new Error(
        `No enabled environment in ${config.configDir}/accountvars.json: there is no release plan to continue.`,
      );
    }
    this.pipelineArns = this.pipelineNames.map((name) => pipelineArn(config.tooling, name));

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the continuer function and its EventBridge target.',
    });

    this.handler = new PlatformFunction(this, 'Handler', {
      entry: path.join(__dirname, '..', 'src', 'plan-continuer', 'lambda-handler.ts'),
      description: 'Starts the next pipeline of a release plan when the previous one succeeds.',
      serviceName: 'release-plan-continuer',
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
      environment: { [ALLOWED_PIPELINES_ENV]: JSON.stringify(this.pipelineNames) },
    });
    this.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    this.handler.executionRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ContinueReleasePlans',
        actions: ['codepipeline:GetPipelineExecution', 'codepipeline:StartPipelineExecution'],
        resources: [...this.pipelineArns],
      }),
    );

    this.rule = new events.Rule(this, 'PipelineSucceeded', {
      description: 'A sub-project pipeline succeeded: continue its release plan.',
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: ['CodePipeline Pipeline Execution State Change'],
        detail: { state: ['SUCCEEDED'], pipeline: [...this.pipelineNames] },
      },
    });
    this.rule.addTarget(
      new targets.LambdaFunction(this.handler, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 4,
        maxEventAge: Duration.hours(2),
      }),
    );
  }
}
