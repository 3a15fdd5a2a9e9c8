import { Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { enabledEnvironments, PlatformConfig } from '@amzconnect/env';
import { ArtifactBucket } from './artifact-bucket';
import { NotificationTopics } from './notification-topics';
import { ReleasePlanContinuer } from './release-plan-continuer';
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
 * topics, the self-update pipeline (with its own artifact bucket), the GitHub webhook router and
 * the release-plan continuer. Build projects and artifact buckets are per environment
 * ({@link EnvironmentPipelinesStack}).
 */
export class ToolingCoreStack extends Stack {
  public readonly key: ToolingKey;
  public readonly artifacts: ArtifactBucket;
  public readonly topics: NotificationTopics;
  public readonly selfUpdate: SelfUpdatePipeline;
  public readonly router: WebhookRouter;
  /** Continues release plans; absent while no environment is enabled (there is no plan to continue). */
  public readonly planContinuer?: ReleasePlanContinuer;

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
      approvalTopic: this.topics.approvals,
    });
    this.router = new WebhookRouter(this, 'WebhookRouter', { config: props.config });
    if (enabledEnvironments(props.config).length > 0) {
      this.planContinuer = new ReleasePlanContinuer(this, 'ReleasePlanContinuer', { config: props.config });
    }
  }
}
