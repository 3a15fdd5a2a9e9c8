import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Props of {@link ArtifactBucket}. */
export interface ArtifactBucketProps {
  /** Key that encrypts the artifacts. */
  readonly encryptionKey: kms.IKey;
  /** Physical name of the bucket (see `artifactBucketName`). */
  readonly bucketName: string;
  /**
   * Days after which old artifact versions and finished artifacts expire.
   * @default 90
   */
  readonly retentionDays?: number;
}

/**
 * The pipelines' artifact store: KMS-encrypted, versioned, TLS-only, public access blocked, and
 * access-logged to a companion bucket.
 */
export class ArtifactBucket extends Construct {
  /** The artifact bucket shared by every pipeline of the tooling account. */
  public readonly bucket: s3.Bucket;
  /** The server access log bucket. */
  public readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArtifactBucketProps) {
    super(scope, id);
    const days = Duration.days(props.retentionDays ?? 90);
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the destination of the artifact bucket access logs; logging it to itself would loop.',
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'artifacts/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ noncurrentVersionExpiration: days, expiration: days }],
    });
  }
}
