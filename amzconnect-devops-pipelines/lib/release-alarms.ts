import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RELEASE_QUEUE_NAMESPACE, STALLED_METRIC } from '../src/release-queue/stall-metric';

/** Props of {@link ReleaseAlarms}. */
export interface ReleaseAlarmsProps {
  /** The webhook API (its 5xx answers mean GitHub got a failure it will not retry). */
  readonly api: apigateway.RestApi;
  /** Functions whose errors alarm (the router and the release queue). */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /** Dead-letter queues that must stay empty. */
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  /** Where alarms go (the pipeline-results topic). */
  readonly topic: sns.ITopic;
  /** Key of the topic: CloudWatch must be allowed to use it to publish. */
  readonly topicKey: kms.IKey;
  /**
   * A release that has not moved for longer than this (an approval waiting, a halt nobody
   * pushed after, a start that never returned) alarms. @default 4 hours
   */
  readonly stalledAfter?: Duration;
}

/**
 * Anything that stops a release is visible within minutes: router 5xx (GitHub does not redeliver
 * failed deliveries on its own: docs.github.com, "Handling failed webhook deliveries"), router and
 * queue errors, any message in a dead-letter queue, and a release that has not moved.
 */
export class ReleaseAlarms extends Construct {
  /** Every alarm, by purpose. */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: ReleaseAlarmsProps) {
    super(scope, id);
    const alarms: Record<string, cloudwatch.Alarm> = {};
    const action = new actions.SnsAction(props.topic);
    const add = (name: string, metric: cloudwatch.IMetric, description: string, threshold = 1) => {
      const alarm = new cloudwatch.Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(action);
      alarms[name] = alarm;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };

    add(
      'RouterServerErrors',
      props.api.metricServerError(fiveMinutes),
      'The webhook answered 5xx: GitHub does not redeliver on its own. Check the router logs, then Redeliver the failed deliveries (Settings → Webhooks → Recent Deliveries).',
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      add(
        `${name}Errors`,
        fn.metricErrors(fiveMinutes),
        `The ${name} function failed; see its log group. Release-queue events are retried and then kept in its dead-letter queue.`,
      );
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      add(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        `Messages in the ${name} dead-letter queue: events that were not processed. Read them, fix the cause, then push to release.`,
      );
    }
    const stalledAfter = props.stalledAfter ?? Duration.hours(4);
    add(
      'ReleaseStalled',
      new cloudwatch.Metric({
        namespace: RELEASE_QUEUE_NAMESPACE,
        metricName: STALLED_METRIC,
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      `A release has not moved for ${stalledAfter.toHumanString()}: an approval is waiting, a halted release needs a push, or a start never returned. The release-queue logs name the environment.`,
      stalledAfter.toSeconds(),
    );
    this.alarms = alarms;

    // Alarm actions publish to a KMS-encrypted topic: CloudWatch needs the key (AWS re:Post
    // knowledge center, "CloudWatch alarm does not notify an encrypted SNS topic").
    props.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseKey',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${props.topic.stack.region}.amazonaws.com` } },
      }),
    );
  }
}
