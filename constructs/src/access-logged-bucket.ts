import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';

const S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

/** Properties of {@link AccessLoggedBucket}. */
export interface AccessLoggedBucketProps {
  /** Physical name of the data bucket. @default a name CloudFormation generates */
  readonly bucketName?: string;
  /** Customer-managed key for the data bucket. @default SSE-S3 (Amazon S3 managed keys) */
  readonly encryptionKey?: kms.IKey;
  /**
   * Keep both buckets and their objects when they leave the stack. When `false`, the buckets are
   * emptied (every version) and deleted with the stack, which only non-production environments
   * may choose.
   */
  readonly retainOnDelete: boolean;
  /** Days after which non-current versions in the data bucket are deleted. @default 365 days */
  readonly noncurrentVersionExpiration?: Duration;
  /** Days after which current objects in the data bucket expire. @default never */
  readonly expiration?: Duration;
  /** Days after which server access logs are deleted. @default 365 days */
  readonly accessLogExpiration?: Duration;
  /**
   * Role of the function that applies the data bucket's event notifications (the `s3.Bucket`
   * property of the same name), so that its owner can refer to it, e.g. to acknowledge findings.
   * The function is one per stack: the role of the first bucket with notifications is used.
   * @default a role the CDK creates inside its notifications handler
   */
  readonly notificationsHandlerRole?: iam.IRole;
}

/**
 * The one bucket construct of the platform (Connect storage, the flow bucket, mail storage, the
 * pipelines' artifact store): a data bucket with the platform's secure defaults (versioned, encrypted, TLS-only, public
 * access blocked, ACLs disabled) whose server access logs go to a second bucket with the same
 * defaults (SSE-S3, the only encryption log delivery supports).
 */
export class AccessLoggedBucket extends Construct {
  /** The data bucket. */
  public readonly bucket: s3.Bucket;
  /** The bucket receiving the data bucket's server access logs. */
  public readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLoggedBucketProps) {
    super(scope, id);
    // Grant log delivery with a bucket policy rather than the legacy LogDeliveryWrite ACL, so
    // ACLs stay disabled on both buckets, whatever the app's feature flags say. S3 User Guide,
    // "Permissions for log delivery": a bucket policy granting s3:PutObject to the
    // logging.s3.amazonaws.com service principal works with Object Ownership set to
    // BucketOwnerEnforced, while the ACL grant to the Log Delivery group does not.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = props.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const autoDeleteObjects = !props.retainOnDelete;

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          expiration: props.accessLogExpiration ?? Duration.days(365),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
      removalPolicy,
      autoDeleteObjects,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the server access log destination; logging its own access would loop.',
    });
    acknowledgeGuardRule(
      this.accessLogBucket,
      's3_bucket_logging_enabled_check',
      'This bucket is the server access log destination; logging its own access would loop.',
    );
    // S3 User Guide, "Enabling Amazon S3 server access logging": the destination bucket may use
    // default encryption only with SSE-S3; log delivery cannot write to an SSE-KMS bucket.
    acknowledgeGuardRule(
      this.accessLogBucket,
      's3_bucket_default_encryption_kms_check',
      'Destination of S3 server access logs, which S3 delivers only to buckets with SSE-S3 default encryption.',
    );
    acknowledgeGuardRule(
      this.accessLogBucket,
      's3_event_notifications_enabled_check',
      'Nothing reacts to new access-log objects; they are read on demand during an investigation.',
    );

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: props.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: props.encryptionKey ? true : undefined,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'access-logs/',
      notificationsHandlerRole: props.notificationsHandlerRole,
      lifecycleRules: [
        {
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(365),
          expiration: props.expiration,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
      autoDeleteObjects,
    });

    for (const bucket of [this.accessLogBucket, this.bucket]) {
      acknowledgeGuardRule(
        bucket,
        's3_bucket_object_lock_enabled_check',
        'Object Lock would keep objects undeletable for a retention period, defeating the lifecycle expiration and the non-production teardown; versioning keeps overwritten and deleted objects recoverable.',
      );
    }
  }
}
