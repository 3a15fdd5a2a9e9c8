import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { SsmNames, type ExistingInstance } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import type { Construct } from 'constructs';
import { AccessLoggedBucket } from '@amzconnect/constructs';
import { ConnectAdminObjects } from './connect-admin-objects';
import { CustomerProfilesDomain } from './customer-profiles-domain';
import type { CustomerProfilesSettings, ExistingAdminObjects, InstanceConfig } from './instance-config';
import { dataRemovalPolicy, type LifecyclePolicy } from './lifecycle-policy';

/** Properties of {@link ConnectInstanceStack}. */
export interface ConnectInstanceStackProps extends StackProps {
  /** Application prefix of SSM parameter names, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly environmentName: string;
  /** The validated instance configuration. */
  readonly config: InstanceConfig;
  /** Final instance alias (already qualified with environment and Region, and validated). Unused with `existingInstance`. */
  readonly instanceAlias: string;
  /** Final storage bucket name (already qualified with environment and Region, and validated). Unused with `existingInstance`. */
  readonly storageBucketName: string;
  /**
   * An instance the platform adopts instead of creating one: no instance, KMS key, storage bucket
   * or storage configuration is created; the SSM parameters point at this instance, and the
   * declared admin objects are created in it unless `existingObjects` says they exist.
   * @default none: the stack creates and manages the instance
   */
  readonly existingInstance?: ExistingInstance;
  /** Declared admin objects that already exist in `existingInstance`. @default none */
  readonly existingObjects?: ExistingAdminObjects;
  /** Retention and protection of this environment. */
  readonly lifecycle: LifecyclePolicy;
  /**
   * The environment's Customer Profiles domain: adopted by name (`existingDomainName`), or created
   * as `customerProfilesDomainName` and integrated with the instance.
   * @default none: no domain is created or published
   */
  readonly customerProfiles?: CustomerProfilesSettings;
  /**
   * Name of the domain to create (already validated), used when `customerProfiles` asks for a
   * created domain. @default none
   */
  readonly customerProfilesDomainName?: string;
}

/** Days a created domain keeps a profile's data when the settings do not say. */
export const DEFAULT_PROFILE_EXPIRATION_DAYS = 366;

/**
 * One Amazon Connect instance for one environment and Region: the instance, its encrypted
 * storage (KMS key, bucket, access-log bucket, storage associations), the admin objects flows
 * refer to, and SSM parameters publishing their ids for the other sub-projects.
 */
export class ConnectInstanceStack extends Stack {
  /** The managed instance; `undefined` on an adopted (existing) instance. */
  public readonly instance?: connect.CfnInstance;
  /** Key of the managed instance's storage; `undefined` on an adopted instance. */
  public readonly storageKey?: kms.Key;
  /** Storage bucket of the managed instance; `undefined` on an adopted instance. */
  public readonly storage?: AccessLoggedBucket;
  public readonly adminObjects: ConnectAdminObjects;
  /** ARN of the instance, managed or adopted. */
  public readonly instanceArn: string;
  /** Id of the instance, managed or adopted. */
  public readonly instanceId: string;
  /** The Customer Profiles domain the stack created; `undefined` when adopted or not asked for. */
  public readonly customerProfilesDomain?: CustomerProfilesDomain;
  /** Name of the environment's Customer Profiles domain (created or adopted); `undefined` when not asked for. */
  public readonly customerProfilesDomainName?: string;

  constructor(scope: Construct, id: string, props: ConnectInstanceStackProps) {
    super(scope, id, { ...props, terminationProtection: props.lifecycle.terminationProtection });
    const { config, app, environmentName: env } = props;
    const removalPolicy = dataRemovalPolicy(props.lifecycle);
    const publish = (id: string, parameterName: string, stringValue: string, description: string) =>
      new ssm.StringParameter(this, id, { parameterName, stringValue, description });

    if (props.existingInstance) {
      this.instanceArn = props.existingInstance.arn;
      this.instanceId = props.existingInstance.instanceId;
    } else {
      const managed = this.createInstance(props, removalPolicy);
      this.instance = managed.instance;
      this.storageKey = managed.storageKey;
      this.storage = managed.storage;
      this.instanceArn = managed.instance.attrArn;
      this.instanceId = managed.instance.attrId;
      publish(
        'StorageBucketNameParameter',
        SsmNames.connect.storageBucketName(app, env),
        managed.storage.bucket.bucketName,
        'Bucket of call recordings, chat transcripts and reports',
      );
      publish(
        'StorageKeyArnParameter',
        SsmNames.connect.storageKeyArn(app, env),
        managed.storageKey.keyArn,
        'KMS key of the storage bucket',
      );
    }

    this.adminObjects = new ConnectAdminObjects(this, 'AdminObjects', {
      instanceArn: this.instanceArn,
      instanceId: this.instanceId,
      hoursOfOperation: config.hoursOfOperation,
      queues: config.queues,
      routingProfiles: config.routingProfiles,
      quickConnects: config.quickConnects,
      // Objects created in an adopted instance stay when they leave the stack: the instance is not ours.
      removalPolicy: props.existingInstance ? RemovalPolicy.RETAIN : removalPolicy,
      existing: props.existingInstance ? props.existingObjects : undefined,
    });

    publish(
      'InstanceIdParameter',
      SsmNames.connect.instanceId(app, env),
      this.instanceId,
      'Amazon Connect instance id',
    );
    publish(
      'InstanceArnParameter',
      SsmNames.connect.instanceArn(app, env),
      this.instanceArn,
      'Amazon Connect instance ARN',
    );
    const profiles = props.customerProfiles;
    if (profiles) {
      if (profiles.existingDomainName) {
        this.customerProfilesDomainName = profiles.existingDomainName;
      } else {
        if (!props.customerProfilesDomainName)
          throw new Error(`${id}: customerProfiles asks for a created domain but no domain name was given.`);
        this.customerProfilesDomain = new CustomerProfilesDomain(this, 'CustomerProfiles', {
          domainName: props.customerProfilesDomainName,
          instanceArn: this.instanceArn,
          expirationDays: profiles.expirationDays ?? DEFAULT_PROFILE_EXPIRATION_DAYS,
          removalPolicy,
        });
        this.customerProfilesDomainName = this.customerProfilesDomain.domainName;
      }
      const parameter = publish(
        'CustomerProfilesDomainNameParameter',
        SsmNames.connect.customerProfilesDomainName(app, env),
        this.customerProfilesDomainName,
        'Name of the Customer Profiles domain of the instance',
      );
      // Consumers read the name only once the domain (and its integration) exists.
      if (this.customerProfilesDomain) parameter.node.addDependency(this.customerProfilesDomain);
    }
    for (const [name, arn] of this.adminObjects.queueArns) {
      publish(
        `QueueArnParameter${name}`,
        SsmNames.connect.queueArn(app, env, name),
        arn,
        `ARN of queue ${name}`,
      );
    }
    for (const [name, arn] of this.adminObjects.hoursOfOperationArns) {
      publish(
        `HoursArnParameter${name}`,
        SsmNames.connect.hoursArn(app, env, name),
        arn,
        `ARN of hours of operation ${name}`,
      );
    }
  }

  /** The managed instance with its encrypted storage. */
  private createInstance(
    props: ConnectInstanceStackProps,
    removalPolicy: RemovalPolicy,
  ): { instance: connect.CfnInstance; storageKey: kms.Key; storage: AccessLoggedBucket } {
    const { config, app, environmentName: env } = props;

    const storageKey = new kms.Key(this, 'StorageKey', {
      description: `Amazon Connect storage (recordings, transcripts, reports) of ${app} ${env} in ${this.region}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(props.lifecycle.retainOnDelete ? 30 : 7),
      removalPolicy,
    });

    const storage = new AccessLoggedBucket(this, 'Storage', {
      bucketName: props.storageBucketName,
      encryptionKey: storageKey,
      retainOnDelete: props.lifecycle.retainOnDelete,
      noncurrentVersionExpiration:
        config.storage.noncurrentVersionExpirationDays !== undefined
          ? Duration.days(config.storage.noncurrentVersionExpirationDays)
          : undefined,
    });
    acknowledgeGuardRule(
      storage.bucket,
      's3_event_notifications_enabled_check',
      'Amazon Connect writes recordings, transcripts and reports here for people and Contact Lens to read on demand; nothing reacts to new objects.',
    );

    const a = config.attributes;
    const instance = new connect.CfnInstance(this, 'Instance', {
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
        // Only when set: the CloudFormation Template Reference's AWS::Connect::Instance Attributes
        // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-connect-instance-attributes.html)
        // lists 13 attributes without AutoMuteAgentOnHold, and cfn-lint's schema rejects it, while
        // aws-cdk-lib 2.276's CfnInstance (generated from the newer registry schema) has it. A
        // template that never names it deploys under both schemas.
        ...(a.autoMuteAgentOnHold !== undefined ? { autoMuteAgentOnHold: a.autoMuteAgentOnHold } : {}),
      },
    });
    instance.applyRemovalPolicy(removalPolicy);

    const storageTargets: readonly (readonly [string, string, string])[] = [
      ['CallRecordingsStorage', 'CALL_RECORDINGS', config.storage.callRecordingsPrefix],
      ['ChatTranscriptsStorage', 'CHAT_TRANSCRIPTS', config.storage.chatTranscriptsPrefix],
      ['ScheduledReportsStorage', 'SCHEDULED_REPORTS', config.storage.scheduledReportsPrefix],
    ];
    for (const [storageId, resourceType, prefix] of storageTargets) {
      const association = new connect.CfnInstanceStorageConfig(this, storageId, {
        instanceArn: instance.attrArn,
        resourceType,
        storageType: 'S3',
        s3Config: {
          bucketName: storage.bucket.bucketName,
          bucketPrefix: prefix,
          encryptionConfig: { encryptionType: 'KMS', keyId: storageKey.keyArn },
        },
      });
      association.applyRemovalPolicy(removalPolicy);
      // Connect creates a KMS grant for its service-linked role when associating; the bucket
      // (and its policy) must exist first.
      association.node.addDependency(storage.bucket);
    }

    return { instance, storageKey, storage };
  }
}
