import { Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PlatformConfig } from '@amzconnect/env';
import { ArtifactBucket } from './artifact-bucket';
import { NotificationTopics } from './notification-topics';
import { ReleaseAlarms } from './release-alarms';
import { ReleaseQueue } from './release-queue';
import { SelfUpdatePipeline } from './self-update-pipeline';
import { artifactBucketName } from './stack-names';
import { SubprojectBuildProjects } from './subproject-build-projects';
import { ToolingKey } from './tooling-key';
import { WebhookRouter } from './webhook-router';

/** Props of {@link ToolingCoreStack}. */
export interface ToolingCoreStackProps extends StackProps {
  /** The validated platform configuration. */
  readonly config: PlatformConfig;
}

/**
 * What every environment's pipelines share, in the tooling account: the key, the artifact
 * bucket, the notification topics, one build project per sub-project, the self-update
 * pipeline, the GitHub webhook router, the release queues and their alarms.
 */
export class ToolingCoreStack extends Stack {
  public readonly key: ToolingKey;
  public readonly artifacts: ArtifactBucket;
  public readonly topics: NotificationTopics;
  public readonly buildProjects: SubprojectBuildProjects;
  public readonly selfUpdate: SelfUpdatePipeline;
  public readonly router: WebhookRouter;
  /** One release queue per environment (pushes in, pipeline state changes in, steps out). */
  public readonly releaseQueue: ReleaseQueue;
  /** Router 5xx, function errors, dead letters, stalled releases → the pipeline-results topic. */
  public readonly alarms: ReleaseAlarms;

  constructor(scope: Construct, id: string, props: ToolingCoreStackProps) {
    super(scope, id, props);
    const { tooling } = props.config;
    this.key = new ToolingKey(this, 'ToolingKey');
    this.artifacts = new ArtifactBucket(this, 'Artifacts', {
      encryptionKey: this.key.key,
      bucketName: artifactBucketName(tooling.account, tooling.region),
    });
    this.topics = new NotificationTopics(this, 'Notifications', {
      encryptionKey: this.key.key,
      email: tooling.email,
    });
    this.buildProjects = new SubprojectBuildProjects(this, 'BuildProjects', {
      encryptionKey: this.key.key,
      artifactBucketName: artifactBucketName(tooling.account, tooling.region),
    });
    // Referenced by name so that policies name the bucket rather than a token.
    const artifactBucket = s3.Bucket.fromBucketAttributes(this, 'ArtifactBucketByName', {
      bucketName: artifactBucketName(tooling.account, tooling.region),
      encryptionKey: this.key.key,
    });
    this.selfUpdate = new SelfUpdatePipeline(this, 'SelfUpdate', {
      tooling,
      artifactBucket,
      artifactBucketName: artifactBucketName(tooling.account, tooling.region),
      encryptionKey: this.key.key,
      notificationTopic: this.topics.pipelineEvents,
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
    this.alarms = new ReleaseAlarms(this, 'ReleaseAlarms', {
      api: this.router.api,
      functions: { Router: this.router.handler, ReleaseQueue: this.releaseQueue.handler },
      deadLetterQueues: { ReleaseQueue: this.releaseQueue.deadLetterQueue },
      topic: this.topics.pipelineEvents,
      topicKey: this.key.key,
    });
  }
}
