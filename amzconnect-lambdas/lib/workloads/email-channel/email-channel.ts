import * as path from 'path';
import { ArnFormat, CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { deployedFlowName, SsmNames } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { AccessLoggedBucket, PlatformFunction } from '@amzconnect/constructs';
import { iam5Resource } from '../../nag-resource-name';
import { CHANNEL_ENV } from '../../../src/email-channel/shared/channel-config';
import {
  CASES_PREFIX,
  EmailChannelSettings,
  INBOUND_PREFIX,
  QUARANTINE_PREFIX,
  RELAY_MAILBOXES,
  RELAY_PREFIX,
} from './email-channel-settings';
import { EmailAgentPage } from './email-agent-page';
import { EmailChannelSes } from './email-channel-ses';

/** Properties of {@link EmailChannel}. */
export interface EmailChannelProps {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /** The environment's validated settings. */
  readonly settings: EmailChannelSettings;
  /** ARN of the environment's Connect instance (from SSM). */
  readonly connectInstanceArn: string;
  /** Keep the mail bucket and the interaction table when they leave the stack. @default true */
  readonly retainData?: boolean;
}

/** Registry-style names of the channel's functions: `${lambda:<name>}` in flows and SSM names. */
export const EMAIL_CHANNEL_FUNCTIONS = {
  gateway: 'email-gateway',
  relay: 'email-relay',
  generateUrl: 'email-generate-url',
  whisper: 'email-whisper',
} as const;

/** Days SES's deliveries stay under `inbound/` and `relay/` (accepted mail is copied under `cases/`). */
export const RECEIVED_MAIL_EXPIRATION = Duration.days(30);

const SRC = path.join(__dirname, '..', '..', '..', 'src', 'email-channel');

/**
 * An email channel built on Amazon Connect Tasks: SES receives mail for the inquiry address and
 * the relay addresses into an encrypted bucket (each prefix triggering its function), the
 * gateway turns customer mail into tasks, the relay sends agents' answers, and two functions
 * serve the email flows (presigned URLs, whisper). Cases live in a DynamoDB interaction table.
 */
export class EmailChannel extends Construct {
  /** Bucket of received and stored mail, encrypted with {@link mailKey}. */
  public readonly mailBucket: s3.Bucket;
  /** Customer managed key of the mail bucket (SSE-KMS with an S3 Bucket Key). */
  public readonly mailKey: kms.Key;
  /** Interaction (case) records, key `caseId`. */
  public readonly caseTable: dynamodb.Table;
  /** The functions, by role. */
  public readonly gateway: PlatformFunction;
  public readonly relay: PlatformFunction;
  public readonly generateUrl: PlatformFunction;
  public readonly whisper: PlatformFunction;
  /**
   * The account's ACTIVE receipt rule set of this Region, found at deploy time: the channel adds
   * its two rules to it (relay rule first, then inbound, each ending with a Stop action) instead
   * of activating a rule set of its own, which would switch off whatever else receives mail here.
   */
  public readonly ruleSet: ses.IReceiptRuleSet;
  /** SES prerequisites: the configuration set and, when managed here, the domain identity (Easy DKIM). */
  public readonly ses: EmailChannelSes;
  /** The agent workspace app showing each email task's mail and relay links. */
  public readonly agentPage: EmailAgentPage;
  /**
   * S3 events the gateway or the relay still failed on after Lambda's two retries (an AWS error,
   * not a bad mail: those are quarantined or refused). The mail itself stays in the bucket;
   * replay an event by invoking the function with it.
   */
  public readonly failedEvents: sqs.Queue;

  constructor(scope: Construct, id: string, props: EmailChannelProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { app, envName, settings, connectInstanceArn } = props;
    const retain = props.retainData ?? true;
    const names = {
      relayRule: `${app}-${envName}-email-relay`,
      inboundRule: `${app}-${envName}-email-inbound`,
    };

    // --- storage -------------------------------------------------------------------------------
    this.mailKey = new kms.Key(this, 'MailKey', {
      description: `Received and stored mail of the email channel of ${app} ${envName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(retain ? 30 : 7),
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.allowSesToEncrypt(stack);
    // The role of CDK's bucket-notifications handler (the function that applies the event
    // notifications below), ours so that its finding is acknowledged on it, by reference.
    const notificationsRole = new iam.Role(this, 'MailNotificationsHandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Applies the event notifications of the mail bucket (CDK bucket-notifications handler)',
    });
    Validations.of(notificationsRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's bucket-notifications custom resource handler: it only logs and calls s3:PutBucketNotification on the mail bucket at deploy time; the managed basic-execution policy grants just CloudWatch Logs.",
    });
    const storage = new AccessLoggedBucket(this, 'Mail', {
      retainOnDelete: retain,
      encryptionKey: this.mailKey,
      notificationsHandlerRole: notificationsRole,
    });
    this.mailBucket = storage.bucket;
    acknowledgeGuardRule(
      this.mailBucket,
      's3_event_notifications_enabled_check',
      "Its notifications (inbound/ to the gateway, relay/ to the relay) are set by CDK's Custom::S3BucketNotifications resource, which the rule cannot see in the bucket's properties.",
    );
    for (const prefix of [INBOUND_PREFIX, RELAY_PREFIX])
      this.mailBucket.addLifecycleRule({ prefix, expiration: RECEIVED_MAIL_EXPIRATION });
    if (settings.agentPageOrigins.length > 0)
      this.mailBucket.addCorsRule({
        allowedMethods: [s3.HttpMethods.GET],
        allowedOrigins: [...settings.agentPageOrigins],
        maxAge: 300,
      });

    this.caseTable = new dynamodb.Table(this, 'Cases', {
      partitionKey: { name: 'caseId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // --- functions -----------------------------------------------------------------------------
    const environment = {
      [CHANNEL_ENV.mailBucket]: this.mailBucket.bucketName,
      [CHANNEL_ENV.caseTable]: this.caseTable.tableName,
      [CHANNEL_ENV.domain]: settings.domain,
      [CHANNEL_ENV.inquiryAddress]: settings.inquiryAddress,
      [CHANNEL_ENV.connectInstanceArn]: connectInstanceArn,
      [CHANNEL_ENV.taskFlowName]: deployedFlowName(app, settings.taskFlowName),
      [CHANNEL_ENV.urlLifetimeSeconds]: String(settings.presignedUrlMinutes * 60),
      [CHANNEL_ENV.detectLanguage]: String(settings.detectLanguage),
      [CHANNEL_ENV.detectSentiment]: String(settings.detectSentiment),
      [CHANNEL_ENV.detectEntities]: String(settings.detectEntities),
      [CHANNEL_ENV.disclaimer]: settings.disclaimer,
      [CHANNEL_ENV.relaySenders]: settings.relaySenders.join(','),
    };
    const pick = (...keys: (keyof typeof CHANNEL_ENV)[]) =>
      Object.fromEntries(keys.map((k) => [CHANNEL_ENV[k], environment[CHANNEL_ENV[k]]]));
    const receiving = [
      'mailBucket',
      'caseTable',
      'domain',
      'inquiryAddress',
      'connectInstanceArn',
      'taskFlowName',
    ] as const;

    this.gateway = new PlatformFunction(this, 'Gateway', {
      entry: path.join(SRC, 'gateway', 'handler.ts'),
      description: 'Turns mail to the inquiry address into Amazon Connect tasks of a case (email channel).',
      serviceName: EMAIL_CHANNEL_FUNCTIONS.gateway,
      environment: pick(...receiving, 'detectLanguage', 'detectSentiment', 'detectEntities'),
      timeout: Duration.seconds(60),
      memorySize: 1024,
    });
    this.relay = new PlatformFunction(this, 'Relay', {
      entry: path.join(SRC, 'relay', 'handler.ts'),
      description:
        "Acts on agents' mail to the relay addresses: answers the customer (and sets where their next mail goes) or closes the case (email channel).",
      serviceName: EMAIL_CHANNEL_FUNCTIONS.relay,
      environment: pick(...receiving, 'disclaimer', 'relaySenders'),
      timeout: Duration.seconds(60),
    });
    this.generateUrl = new PlatformFunction(this, 'GenerateUrl', {
      entry: path.join(SRC, 'generate-url', 'handler.ts'),
      description:
        "Presigns URLs of a task's formatted mail and original .eml, sets the original as the task's reference; returns when to refresh them (email channel).",
      serviceName: EMAIL_CHANNEL_FUNCTIONS.generateUrl,
      environment: pick('mailBucket', 'urlLifetimeSeconds', 'connectInstanceArn'),
      invokedByFlows: true,
      connectInstanceArn,
    });
    this.whisper = new PlatformFunction(this, 'Whisper', {
      entry: path.join(SRC, 'whisper', 'handler.ts'),
      description: 'Records the agent and queue that accepted an email task on its case (email channel).',
      serviceName: EMAIL_CHANNEL_FUNCTIONS.whisper,
      environment: pick('caseTable'),
      invokedByFlows: true,
      connectInstanceArn,
    });
    this.ses = new EmailChannelSes(this, 'Ses', {
      app,
      envName,
      domain: settings.domain,
      manageIdentity: settings.manageIdentity,
    });
    this.grant(stack, settings, connectInstanceArn);
    this.agentPage = new EmailAgentPage(this, 'AgentPage', {
      app,
      envName,
      mailDomain: settings.domain,
      mailBucket: this.mailBucket,
      connectInstanceArn,
      retainData: retain,
    });
    // The page fetches the formatted mail through its presigned URL from its CloudFront origin.
    // Its exact name cannot be used here: the page's CSP names this bucket (connect-src), so the
    // bucket naming the distribution would be a dependency cycle. CORS only decides which pages a
    // browser lets read the answer; the presigned URL itself is the credential, usable from
    // anywhere by whoever holds it, so the wildcard widens nothing an attacker could not do.
    this.mailBucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.GET],
      allowedOrigins: ['https://*.cloudfront.net'],
      maxAge: 300,
    });

    this.failedEvents = new sqs.Queue(this, 'FailedMailEvents', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedEvents).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the failure destination of the gateway's and relay's asynchronous invocations.",
    });
    acknowledgeGuardRule(
      this.failedEvents,
      'sqs_dlq_check',
      "This queue is itself the failure destination of the gateway's and relay's asynchronous invocations.",
    );
    for (const fn of [this.gateway, this.relay])
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        onFailure: new destinations.SqsDestination(this.failedEvents),
      });

    // --- receiving -----------------------------------------------------------------------------
    this.ruleSet = ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'ActiveRuleSet', this.activeRuleSetName());
    const ruleArn = (rule: string) =>
      stack.formatArn({
        service: 'ses',
        resource: 'receipt-rule-set',
        resourceName: `${this.ruleSet.receiptRuleSetName}:receipt-rule/${rule}`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    const sesMayPut = (sid: string, prefix: string, rule: string) =>
      this.mailBucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
          actions: ['s3:PutObject'],
          resources: [this.mailBucket.arnForObjects(`${prefix}*`)],
          conditions: {
            StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': ruleArn(rule) },
          },
        }),
      );
    sesMayPut('SesWritesRelayMail', RELAY_PREFIX, names.relayRule);
    sesMayPut('SesWritesInboundMail', INBOUND_PREFIX, names.inboundRule);
    const store = (prefix: string): ses.IReceiptRuleAction => ({
      bind: () => ({ s3Action: { bucketName: this.mailBucket.bucketName, objectKeyPrefix: prefix } }),
    });
    const relayRule = this.ruleSet.addRule('RelayRule', {
      receiptRuleName: names.relayRule,
      recipients: RELAY_MAILBOXES.map((m) => `${m}@${settings.domain}`),
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      // Stop: later rules of the shared rule set do not also act on the channel's mail (reference).
      actions: [store(RELAY_PREFIX), new sesActions.Stop()],
    });
    const inboundRule = this.ruleSet.addRule('InboundRule', {
      receiptRuleName: names.inboundRule,
      after: relayRule,
      recipients: [settings.inquiryAddress],
      scanEnabled: true,
      actions: [store(INBOUND_PREFIX), new sesActions.Stop()],
    });
    // SES checks it may write to the bucket when the rule is created.
    const policy = this.mailBucket.policy as s3.BucketPolicy;
    relayRule.node.addDependency(policy);
    inboundRule.node.addDependency(policy);

    this.mailBucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.LambdaDestination(this.gateway),
      {
        prefix: INBOUND_PREFIX,
      },
    );
    this.mailBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.relay), {
      prefix: RELAY_PREFIX,
    });

    this.publish(app, envName);
    this.acknowledgeNotificationsHandler(stack, notificationsRole);
  }

  /**
   * Lets SES store received mail in the SSE-KMS mail bucket. SES writes with its service principal
   * (the bucket policy allows it only for this channel's receipt rules); S3 then asks KMS for a
   * data key on SES's behalf, so the key policy must allow `ses.amazonaws.com` `kms:GenerateDataKey`
   * and `kms:Encrypt` (SES Developer Guide, "Giving permissions to Amazon SES for email
   * receiving", and the SES API Reference `S3Action.IamRoleArn`: writing to a KMS-encrypted bucket
   * needs both). Only through S3 of this Region (`kms:ViaService`), for this account when the
   * request names one, and never Decrypt; the key serves this bucket only. The bucket's ARN cannot
   * be named here: the bucket names the key, so the reference would be circular.
   */
  private allowSesToEncrypt(stack: Stack): void {
    this.mailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesStoresReceivedMailThroughS3',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
          StringEqualsIfExists: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
  }

  /**
   * CDK's bucket-notifications handler (one per stack) runs with `notificationsRole`, which this
   * construct owns; the handler's function resource depends on that role, which is how it is
   * found (public `node.dependencies`, no CDK-internal construct id).
   */
  private acknowledgeNotificationsHandler(stack: Stack, notificationsRole: iam.IRole): void {
    const handlers = stack.node
      .findAll()
      .filter(
        (c): c is CfnResource =>
          CfnResource.isCfnResource(c) &&
          c.cfnResourceType === 'AWS::Lambda::Function' &&
          c.node.dependencies.includes(notificationsRole),
      );
    if (handlers.length !== 1) {
      throw new Error(`EmailChannel: expected one bucket-notifications handler, found ${handlers.length}.`);
    }
    acknowledgeGuardRule(
      handlers[0],
      'lambda_inside_vpc_check',
      "CDK's bucket-notifications handler: it calls s3:PutBucketNotificationConfiguration on the mail bucket at deploy time; it reaches only AWS service endpoints, so a VPC would add NAT or endpoints for nothing.",
    );
  }

  /** Grants each function exactly what its code calls. */
  private grant(stack: Stack, settings: EmailChannelSettings, instanceArn: string): void {
    const objects = (prefix: string) => this.mailBucket.arnForObjects(`${prefix}*`);
    // SSE-KMS: reading an object needs kms:Decrypt, writing one kms:GenerateDataKey (S3 User Guide,
    // "Using server-side encryption with AWS KMS keys", permissions).
    const mailKey = (actions: string[]) =>
      new iam.PolicyStatement({ sid: 'MailKey', actions, resources: [this.mailKey.keyArn] });
    this.gateway.addToRolePolicy(mailKey(['kms:Decrypt', 'kms:GenerateDataKey']));
    this.relay.addToRolePolicy(mailKey(['kms:Decrypt', 'kms:GenerateDataKey']));
    this.generateUrl.addToRolePolicy(mailKey(['kms:Decrypt']));
    const connectTasks = [
      new iam.PolicyStatement({
        sid: 'FindTaskFlow',
        actions: ['connect:ListContactFlows'],
        resources: [instanceArn, `${instanceArn}/contact-flow/*`],
      }),
      new iam.PolicyStatement({
        sid: 'StartTasks',
        actions: ['connect:StartTaskContact'],
        resources: [`${instanceArn}/contact-flow/*`, `${instanceArn}/contact/*`],
      }),
    ];
    const caseItems = (actions: string[]) =>
      new iam.PolicyStatement({ actions, resources: [this.caseTable.tableArn] });

    // Gateway: read inbound/, write cases/ and quarantine/, the case table, Comprehend, tasks.
    this.gateway.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(INBOUND_PREFIX)] }),
    );
    this.gateway.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [objects(CASES_PREFIX), objects(QUARANTINE_PREFIX)],
      }),
    );
    this.gateway.addToRolePolicy(caseItems(['dynamodb:GetItem', 'dynamodb:UpdateItem']));
    const comprehend = [
      ...(settings.detectLanguage ? ['comprehend:DetectDominantLanguage'] : []),
      ...(settings.detectSentiment ? ['comprehend:DetectSentiment'] : []),
      ...(settings.detectEntities ? ['comprehend:DetectEntities'] : []),
    ];
    if (comprehend.length > 0) {
      this.gateway.addToRolePolicy(
        new iam.PolicyStatement({ sid: 'DetectInsights', actions: comprehend, resources: ['*'] }),
      );
      Validations.of(this.gateway.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing and the switched-on Comprehend real-time detections (DetectDominantLanguage, DetectSentiment, DetectEntities): neither supports resource-level permissions.',
      });
    }
    connectTasks.forEach((s) => this.gateway.addToRolePolicy(s));

    // Relay: read relay/ and cases/, write cases/, the case table, SES from the domain (no tasks:
    // every relay address answers the customer or closes the case; routing happens on the next mail).
    this.relay.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [objects(RELAY_PREFIX), objects(CASES_PREFIX)],
      }),
    );
    this.relay.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects(CASES_PREFIX)] }),
    );
    this.relay.addToRolePolicy(caseItems(['dynamodb:GetItem', 'dynamodb:UpdateItem']));
    this.relay.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'SendFromTheChannelDomain',
        actions: ['ses:SendEmail'],
        // SES v2 SendEmail authorizes the identity and the configuration set it sends with (Service
        // Authorization Reference, Amazon SES v2, SendEmail: resource types identity, configuration-set).
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: settings.domain }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.ses.configurationSet.configurationSetName,
          }),
        ],
        conditions: {
          StringLike: { 'ses:FromAddress': `${settings.inquiryAddress.split('@')[0]}+*@${settings.domain}` },
        },
      }),
    );

    // Flow functions: presign cases/ objects (the URL carries the role's permission); record assignments.
    this.generateUrl.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(CASES_PREFIX)] }),
    );
    // ...and set the task's OriginalMail reference to the fresh link (Connect UpdateContact; its
    // resource type is the contact, Service Authorization Reference, Amazon Connect).
    this.generateUrl.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'SetOriginalMailReference',
        actions: ['connect:UpdateContact'],
        resources: [`${instanceArn}/contact/*`],
      }),
    );
    this.whisper.addToRolePolicy(caseItems(['dynamodb:UpdateItem']));

    const reasons: [PlatformFunction, string, string][] = [
      [
        this.gateway,
        objects(INBOUND_PREFIX),
        'SES names each received mail by its message id under inbound/; read-only.',
      ],
      [
        this.gateway,
        objects(CASES_PREFIX),
        "Each case's mails are stored under cases/<caseId>/<mailId>/, ids known only at run time.",
      ],
      [
        this.gateway,
        objects(QUARANTINE_PREFIX),
        'Unusable mail is kept under quarantine/<mailId>.eml, ids known only at run time.',
      ],
      [
        this.relay,
        objects(RELAY_PREFIX),
        'SES names each agent mail by its message id under relay/; read-only.',
      ],
      [
        this.relay,
        objects(CASES_PREFIX),
        "The relay reads a case's latest mail and stores the agent's mail under cases/<caseId>/.",
      ],
      [
        this.generateUrl,
        objects(CASES_PREFIX),
        "Presigned URLs of a task's own stored mails under cases/<caseId>/; read-only.",
      ],
    ];
    for (const [fn, resource, reason] of reasons)
      Validations.of(fn.executionRole).acknowledge({ id: iam5Resource(stack, resource), reason });
    Validations.of(this.generateUrl.executionRole).acknowledge({
      id: iam5Resource(stack, `${instanceArn}/contact/*`),
      reason:
        "UpdateContact sets the reference of the task the flow invokes the function for; its id is known only at run time. This instance's contacts only.",
    });
    for (const fn of [this.gateway])
      Validations.of(fn.executionRole).acknowledge(
        {
          id: iam5Resource(stack, `${instanceArn}/contact-flow/*`),
          reason:
            "The task flow is found by name and tasks start in it; its id is assigned when the contact flows deploy. This instance's flows only.",
        },
        {
          id: iam5Resource(stack, `${instanceArn}/contact/*`),
          reason:
            'StartTaskContact creates a contact whose id is unknown before the call; contacts of this instance only.',
        },
      );
  }

  /**
   * The name of the account's active receipt rule set in this Region, read at deploy time with
   * SES `DescribeActiveReceiptRuleSet` (`Metadata.Name`; API reference:
   * https://docs.aws.amazon.com/ses/latest/APIReference/API_DescribeActiveReceiptRuleSet.html).
   * One rule set is active per account and Region; when none is, the deployment fails here and
   * the README says to create and activate one first (SES console, Email receiving).
   */
  private activeRuleSetName(): string {
    const call: cr.AwsSdkCall = {
      service: 'SES',
      action: 'DescribeActiveReceiptRuleSet',
      outputPaths: ['Metadata.Name'],
      physicalResourceId: cr.PhysicalResourceId.of('active-receipt-rule-set'),
    };
    const describe = new cr.AwsCustomResource(this, 'ActiveRuleSetLookup', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ses:DescribeActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    });
    Validations.of(describe).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:DescribeActiveReceiptRuleSet supports no resource-level permissions; it is the only action of this read-only policy.',
    });
    // The role of the function the lookup runs in: the lambda.SingletonFunction it creates (one per
    // stack), found by type and read through its public `role`, never by a CDK-internal id.
    const provider = describe.node
      .findAll()
      .find((c): c is lambda.SingletonFunction => c instanceof lambda.SingletonFunction);
    if (!provider?.role)
      throw new Error(`EmailChannel: AwsCustomResource ${describe.node.path} has no function role.`);
    Validations.of(provider.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's AwsCustomResource provider (one per stack): it runs only at deploy time; the managed basic-execution policy grants just CloudWatch Logs.",
    });
    return describe.getResponseField('Metadata.Name');
  }

  /** Publishes the flow functions' ARN and name, so flows resolve `${lambda:email-...}`. */
  private publish(app: string, envName: string): void {
    const flowFunctions: [string, PlatformFunction][] = [
      [EMAIL_CHANNEL_FUNCTIONS.generateUrl, this.generateUrl],
      [EMAIL_CHANNEL_FUNCTIONS.whisper, this.whisper],
    ];
    for (const [name, fn] of flowFunctions) {
      new ssm.StringParameter(this, `${fn.node.id}ArnParameter`, {
        parameterName: SsmNames.lambdas.functionArn(app, envName, name),
        stringValue: fn.functionArn,
        description: `ARN of the ${name} function`,
      });
      new ssm.StringParameter(this, `${fn.node.id}NameParameter`, {
        parameterName: SsmNames.lambdas.functionName(app, envName, name),
        stringValue: fn.functionName,
        description: `Name of the ${name} function`,
      });
    }
  }
}
