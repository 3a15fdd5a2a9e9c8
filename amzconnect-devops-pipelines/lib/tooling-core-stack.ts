import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLoggedBucket } from '@amzconnect/constructs';
import { PlatformConfig } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { NotificationTopics } from './notification-topics';
import { PullRequestChecks } from './pull-request-checks';
import { ReleaseAlarms } from './release-alarms';
import { ReleaseQueue } from './release-queue';
import { SelfUpdatePipeline } from './self-update-pipeline';
import { artifactBucketName } from './stack-names';
import { ToolingKey } from './tooling-key';
import { WebhookRouter } from './webhook-router';

/** Props of {@link ToolingCoreStack}. */
export interface ToolingCoreStackProps extends StackProps {
  /** The validated platform configuration. */
  readonly config: PlatformConfig;
}

/**
 * What every environment's pipelines share, in the tooling account: the key, the notification
 * topics, the self-update pipeline (with its own artifact bucket), the GitHub webhook router, the
 * pull-request checks, the release queues and their alarms. Build projects and artifact buckets
 * are per environment ({@link EnvironmentPipelinesStack}).
 */
export class ToolingCoreStack extends Stack {
  public readonly key: ToolingKey;
  public readonly artifacts: AccessLoggedBucket;
  public readonly topics: NotificationTopics;
  public readonly selfUpdate: SelfUpdatePipeline;
  public readonly router: WebhookRouter;
  /** Builds pull requests into environment branches and reports on them. */
  public readonly pullRequestChecks: PullRequestChecks;
  /** One release queue per environment (pushes in, pipeline state changes in, steps out). */
  public readonly releaseQueue: ReleaseQueue;
  /** Router 5xx, function errors, dead letters, stalled releases → the pipeline-results topic. */
  public readonly alarms: ReleaseAlarms;

  constructor(scope: Construct, id: string, props: ToolingCoreStackProps) {
    super(scope, id, props);
    const { tooling } = props.config;
    this.key = new ToolingKey(this, 'ToolingKey');
    this.artifacts = new AccessLoggedBucket(this, 'Artifacts', {
      encryptionKey: this.key.key,
      bucketName: artifactBucketName(tooling),
      retainOnDelete: true,
      // Pipelines keep artifacts only while a release might still use them.
      expiration: Duration.days(90),
      noncurrentVersionExpiration: Duration.days(90),
    });
    acknowledgeGuardRule(
      this.artifacts.bucket,
      's3_event_notifications_enabled_check',
      'CodePipeline and CodeBuild read and write pipeline artifacts by key; nothing reacts to new objects.',
    );
    this.topics = new NotificationTopics(this, 'Notifications', {
      encryptionKey: this.key.key,
      email: tooling.email,
    });
    // Referenced by name so that policies name the bucket rather than a token.
    const artifactBucket = s3.Bucket.fromBucketAttributes(this, 'ArtifactBucketByName', {
      bucketName: artifactBucketName(tooling),
      encryptionKey: this.key.key,
    });
    this.selfUpdate = new SelfUpdatePipeline(this, 'SelfUpdate', {
      tooling,
      artifactBucket,
      artifactBucketName: artifactBucketName(tooling),
      encryptionKey: this.key.key,
      notificationTopic: this.topics.pipelineEvents,
      approvalTopic: this.topics.approvals,
    });
    this.releaseQueue = new ReleaseQueue(this, 'ReleaseQueue', {
      config: props.config,
      notificationTopic: this.topics.pipelineEvents,
      topicKey: this.key.key,
    });
    this.router = new WebhookRouter(this, 'WebhookRouter', {
      config: props.config,
      releaseQueueTable: this.releaseQueue.table,
    });
    this.pullRequestChecks = new PullRequestChecks(this, 'PullRequestChecks', {
      config: props.config,
      encryptionKey: this.key.key,
      artifactBucketName: artifactBucketName(tooling),
    });
    this.alarms = new ReleaseAlarms(this, 'ReleaseAlarms', {
      api: this.router.api,
      functions: { Router: this.router.handler, ReleaseQueue: this.releaseQueue.handler },
      deadLetterQueues: { ReleaseQueue: this.releaseQueue.deadLetterQueue },
      topic: this.topics.pipelineEvents,
      topicKey: this.key.key,
    });
  }
}
