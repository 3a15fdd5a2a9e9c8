import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { SsmNames } from '@amzconnect/env';
import type { Construct } from 'constructs';
import { AccessLoggedBucket } from '@amzconnect/constructs';
import { ConnectAdminObjects } from './connect-admin-objects';
import type { InstanceConfig } from './instance-config';
import { dataRemovalPolicy, type LifecyclePolicy } from './lifecycle-policy';

/** Properties of {@link ConnectInstanceStack}. */
export interface ConnectInstanceStackProps extends StackProps {
  /** Application prefix of SSM parameter names, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly environmentName: string;
  /** The validated instance configuration. */
  readonly config: InstanceConfig;
  /** Final instance alias (already qualified with environment and Region, and validated). */
  readonly instanceAlias: string;
  /** Final storage bucket name (already qualified with environment and Region, and validated). */
  readonly storageBucketName: string;
  /** Retention and protection of this environment. */
  readonly lifecycle: LifecyclePolicy;
}

/**
 * One Amazon Connect instance for one environment and Region: the instance, its encrypted
 * storage (KMS key, bucket, access-log bucket, storage associations), the admin objects flows
 * refer to, and SSM parameters publishing their ids for the other sub-projects.
 */
export class ConnectInstanceStack extends Stack {
  public readonly instance: connect.CfnInstance;
  public readonly storageKey: kms.Key;
  public readonly storage: AccessLoggedBucket;
  public readonly adminObjects: ConnectAdminObjects;

  constructor(scope: Construct, id: string, props: ConnectInstanceStackProps) {
    super(scope, id, { ...props, terminationProtection: props.lifecycle.terminationProtection });
    const { config, app, environmentName: env } = props;
    const removalPolicy = dataRemovalPolicy(props.lifecycle);

    this.storageKey = new kms.Key(this, 'StorageKey', {
      description: `Amazon Connect storage (recordings, transcripts, reports) of ${app} ${env} in ${this.region}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(props.lifecycle.retainOnDelete ? 30 : 7),
      removalPolicy,
    });

    this.storage = new AccessLoggedBucket(this, 'Storage', {
      bucketName: props.storageBucketName,
      encryptionKey: this.storageKey,
      retainOnDelete: props.lifecycle.retainOnDelete,
      noncurrentVersionExpiration:
        config.storage.noncurrentVersionExpirationDays !== undefined
          ? Duration.days(config.storage.noncurrentVersionExpirationDays)
          : undefined,
    });

    const a = config.attributes;
    this.instance = new connect.CfnInstance(this, 'Instance', {
      instanceAlias: props.instanceAlias,
      identityManagementType: config.identityManagementType,
      directoryId: config.directoryId,
      attributes: {
        inboundCalls: a.inboundCalls,
        outboundCalls: a.outboundCalls,
        contactflowLogs: a.contactflowLogs ?? true,
        contactLens: a.contactLens ?? false,
        autoResolveBestVoices: a.autoResolveBestVoices ?? false,
        useCustomTtsVoices: a.useCustomTtsVoices ?? false,
        earlyMedia: a.earlyMedia ?? false,
        enhancedContactMonitoring: a.enhancedContactMonitoring ?? false,
        enhancedChatMonitoring: a.enhancedChatMonitoring ?? false,
        highVolumeOutBound: a.highVolumeOutBound ?? false,
        multiPartyConference: a.multiPartyConference ?? false,
        multiPartyChatConference: a.multiPartyChatConference ?? false,
        autoMuteAgentOnHold: a.autoMuteAgentOnHold ?? false,
      },
    });
    this.instance.applyRemovalPolicy(removalPolicy);

    const storageTargets: readonly (readonly [string, string, string])[] = [
      ['CallRecordingsStorage', 'CALL_RECORDINGS', config.storage.callRecordingsPrefix],
      ['ChatTranscriptsStorage', 'CHAT_TRANSCRIPTS', config.storage.chatTranscriptsPrefix],
      ['ScheduledReportsStorage', 'SCHEDULED_REPORTS', config.storage.scheduledReportsPrefix],
    ];
    for (const [storageId, resourceType, prefix] of storageTargets) {
      const association = new connect.CfnInstanceStorageConfig(this, storageId, {
        instanceArn: this.instance.attrArn,
        resourceType,
        storageType: 'S3',
        s3Config: {
          bucketName: this.storage.bucket.bucketName,
          bucketPrefix: prefix,
          encryptionConfig: { encryptionType: 'KMS', keyId: this.storageKey.keyArn },
        },
      });
      association.applyRemovalPolicy(removalPolicy);
      // Connect creates a KMS grant for its service-linked role when associating; the bucket
      // (and its policy) must exist first.
      association.node.addDependency(this.storage.bucket);
    }

    this.adminObjects = new ConnectAdminObjects(this, 'AdminObjects', {
      instanceArn: this.instance.attrArn,
      hoursOfOperation: config.hoursOfOperation,
      queues: config.queues,
      routingProfiles: config.routingProfiles,
      quickConnects: config.quickConnects,
      removalPolicy,
    });

    const publish = (id: string, parameterName: string, stringValue: string, description: string) =>
      new ssm.StringParameter(this, id, { parameterName, stringValue, description });
    publish(
      'InstanceIdParameter',
      SsmNames.connect.instanceId(app, env),
      this.instance.attrId,
      'Amazon Connect instance id',
    );
    publish(
      'InstanceArnParameter',
      SsmNames.connect.instanceArn(app, env),
      this.instance.attrArn,
      'Amazon Connect instance ARN',
    );
    publish(
      'StorageBucketNameParameter',
      SsmNames.connect.storageBucketName(app, env),
      this.storage.bucket.bucketName,
      'Bucket of call recordings, chat transcripts and reports',
    );
    publish(
      'StorageKeyArnParameter',
      SsmNames.connect.storageKeyArn(app, env),
      this.storageKey.keyArn,
      'KMS key of the storage bucket',
    );
    for (const [name, queue] of this.adminObjects.queues) {
      publish(
        `QueueArnParameter${name}`,
        SsmNames.connect.queueArn(app, env, name),
        queue.attrQueueArn,
        `ARN of queue ${name}`,
      );
    }
    for (const [name, hours] of this.adminObjects.hoursOfOperation) {
      publish(
        `HoursArnParameter${name}`,
        SsmNames.connect.hoursArn(app, env, name),
        hours.attrHoursOfOperationArn,
        `ARN of hours of operation ${name}`,
      );
    }
  }
}
