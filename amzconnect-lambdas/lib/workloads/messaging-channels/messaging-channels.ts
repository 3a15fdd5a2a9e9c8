import * as path from 'path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MESSAGING_ENV } from '../../../src/messaging-channels/messaging-settings';
import { CONTACT_ID_INDEX } from '../../../src/messaging-channels/session-store';
import { PlatformFunction } from '@amzconnect/constructs';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { iam5Resource } from '../../nag-resource-name';
import { MessagingChannelsSettings } from './messaging-channels-config';

/** Properties of {@link MessagingChannels}. */
export interface MessagingChannelsProps {
  /** The validated settings of this environment (at least one channel on). */
  readonly settings: MessagingChannelsSettings;
  /** ARN of the environment's Connect instance (from SSM). */
  readonly connectInstanceArn: string;
  /** Steady-state requests per second the Facebook endpoint lets through. @default 20 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests the Facebook endpoint lets through. @default 40 */
  readonly throttlingBurstLimit?: number;
  /** Retention of the functions' and the endpoint's logs. @default three months */
  readonly logRetention?: logs.RetentionDays;
}

const SRC = path.join(__dirname, '..', '..', '..', 'src', 'messaging-channels');

/**
 * The service principal that publishes two-way SMS to a topic: AWS End User Messaging SMS
 * (`sms-voice.amazonaws.com`, see "Two-way messaging" / SNS topic policy in the End User
 * Messaging SMS user guide). No Amazon Pinpoint application is involved.
 */
const SMS_PUBLISHERS = ['sms-voice.amazonaws.com'];

/**
 * SMS and Facebook Messenger conversations bridged to Amazon Connect chat through message
 * streaming (the `messaging-channels` workload):
 *
 * - inbound: two-way SMS published to {@link smsInboundTopic}, Messenger webhooks on
 *   {@link facebookApi} (`POST /facebook`, `GET /facebook` for the verification challenge), both
 *   into the {@link inbound} function, which starts or reuses a chat per conversation
 *   ({@link sessions} table);
 * - outbound: Connect streams each chat to {@link streamingTopic} (standard SNS, Connect may
 *   publish only for this account and instance); the {@link outbound} function sends agent
 *   messages to the customer's channel and deletes the session when the chat ends.
 */
export class MessagingChannels extends Construct {
  /** Conversation → chat sessions and received message ids, expiring by TTL (`expiresAt`). */
  public readonly sessions: dynamodb.Table;
  /** The key encrypting both topics (Connect and End User Messaging may use it to publish). */
  public readonly topicKey: kms.Key;
  /** The standard topic Connect streams chats to. */
  public readonly streamingTopic: sns.Topic;
  /** The topic two-way SMS arrives on; set it as the phone number's two-way channel. */
  public readonly smsInboundTopic?: sns.Topic;
  /** Inbound messages of both channels → Connect chat. */
  public readonly inbound: PlatformFunction;
  /** Streamed chat items → the customer's channel. */
  public readonly outbound: PlatformFunction;
  /** Facebook's verification challenge and health check. */
  public readonly healthCheck?: PlatformFunction;
  /** The Facebook webhook endpoint. */
  public readonly facebookApi?: apigwv2.HttpApi;
  /** The callback URL to give Facebook. */
  public readonly facebookWebhookUrl?: string;
  /**
   * SNS deliveries (inbound SMS, streamed chat items) that still failed after Lambda's two
   * retries, kept 14 days for inspection and replay.
   */
  public readonly failedDeliveries: sqs.Queue;

  constructor(scope: Construct, id: string, props: MessagingChannelsProps) {
    super(scope, id);
    const { settings, connectInstanceArn } = props;
    const stack = Stack.of(this);
    const logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;

    this.sessions = this.createSessionsTable();
    this.topicKey = this.createTopicKey(settings.sms !== undefined);
    this.streamingTopic = new sns.Topic(this, 'StreamingTopic', {
      displayName: 'Connect chat message streaming (messaging channels)',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.streamingTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConnectStreamsChatsOfThisInstance',
        principals: [new iam.ServicePrincipal('connect.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.streamingTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': connectInstanceArn },
        },
      }),
    );

    const environment: Record<string, string> = {
      [MESSAGING_ENV.tableName]: this.sessions.tableName,
      ...(settings.sms
        ? {
            [MESSAGING_ENV.smsPhoneNumberId]: settings.sms.phoneNumberId,
            [MESSAGING_ENV.smsOriginationNumber]: settings.sms.originationNumber,
          }
        : {}),
      ...(settings.facebook ? { [MESSAGING_ENV.facebookSecretArn]: settings.facebook.secretArn } : {}),
    };

    this.inbound = new PlatformFunction(this, 'Inbound', {
      entry: path.join(SRC, 'inbound', 'handler.ts'),
      description:
        'Messaging channels: bridges SMS and Messenger messages into Amazon Connect chat (start or reuse a chat, stream it, send).',
      serviceName: 'messaging-inbound',
      logRetention,
      timeout: Duration.seconds(20),
      environment: {
        ...environment,
        [MESSAGING_ENV.instanceArn]: connectInstanceArn,
        [MESSAGING_ENV.contactFlowName]: settings.contactFlow.deployedName,
        [MESSAGING_ENV.streamingTopicArn]: this.streamingTopic.topicArn,
      },
    });
    this.grantInbound(connectInstanceArn);

    this.outbound = new PlatformFunction(this, 'Outbound', {
      entry: path.join(SRC, 'outbound', 'handler.ts'),
      description: "Messaging channels: delivers agents' chat messages to SMS or Messenger; ends sessions.",
      serviceName: 'messaging-outbound',
      logRetention,
      timeout: Duration.seconds(20),
      environment,
    });
    this.grantOutbound(settings);
    this.streamingTopic.addSubscription(new subscriptions.LambdaSubscription(this.outbound));

    this.failedDeliveries = new sqs.Queue(this, 'FailedDeliveries', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    Validations.of(this.failedDeliveries).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the failure destination of the messaging functions; nothing consumes it automatically, so it needs no dead-letter queue of its own.',
    });
    acknowledgeGuardRule(
      this.failedDeliveries,
      'sqs_dlq_check',
      'This queue is itself the failure destination of the messaging functions; nothing consumes it automatically, so it needs no dead-letter queue of its own.',
    );
    for (const fn of [this.inbound, this.outbound]) {
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        onFailure: new destinations.SqsDestination(this.failedDeliveries),
      });
    }

    if (settings.sms) {
      this.smsInboundTopic = this.createSmsInboundTopic();
      this.smsInboundTopic.addSubscription(new subscriptions.LambdaSubscription(this.inbound));
      new CfnOutput(this, 'SmsInboundTopicArn', {
        description:
          "Set as the two-way SMS destination of the origination number's End User Messaging configuration.",
        value: this.smsInboundTopic.topicArn,
      });
    }

    if (settings.facebook) {
      const secretArn = settings.facebook.secretArn;
      this.healthCheck = new PlatformFunction(this, 'HealthCheck', {
        entry: path.join(SRC, 'health-check', 'handler.ts'),
        description:
          "Messaging channels: answers Facebook's webhook verification challenge and health checks.",
        serviceName: 'messaging-health-check',
        logRetention,
        timeout: Duration.seconds(10),
        memorySize: 256,
        environment: { [MESSAGING_ENV.facebookSecretArn]: secretArn },
      });
      for (const fn of [this.inbound, this.outbound, this.healthCheck]) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            sid: 'ReadFacebookSecret',
            actions: ['secretsmanager:GetSecretValue'],
            resources: [secretArn],
          }),
        );
      }
      this.facebookApi = this.createFacebookApi(props, logRetention);
      this.facebookWebhookUrl = `${this.facebookApi.apiEndpoint}/facebook`;
      new CfnOutput(this, 'FacebookWebhookUrl', {
        description:
          "Callback URL of the Facebook app's Messenger webhook (verify token: the secret's verifyToken).",
        value: this.facebookWebhookUrl,
      });
    }
  }

  private createSessionsTable(): dynamodb.Table {
    const table = new dynamodb.Table(this, 'Sessions', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    table.addGlobalSecondaryIndex({
      indexName: CONTACT_ID_INDEX,
      partitionKey: { name: 'contactId', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    const noRecovery =
      'Holds only live conversation-to-chat sessions (at most 25 hours, by TTL) and recent message ids; losing them at worst starts a new chat for the next message, so point-in-time recovery adds cost without value.';
    Validations.of(table).acknowledge({ id: 'AwsSolutions-DDB3', reason: noRecovery });
    acknowledgeGuardRule(table, 'dynamodb_table_pitr_enabled_check', noRecovery);
    return table;
  }

  private createTopicKey(withSms: boolean): kms.Key {
    const stack = Stack.of(this);
    const key = new kms.Key(this, 'TopicKey', {
      description:
        'Encrypts the messaging-channel topics; Connect and End User Messaging may use it to publish.',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const publishers = ['connect.amazonaws.com', ...(withSms ? SMS_PUBLISHERS : [])];
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ServicesPublishToEncryptedTopics',
        principals: publishers.map((p) => new iam.ServicePrincipal(p)),
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    return key;
  }

  private createSmsInboundTopic(): sns.Topic {
    const stack = Stack.of(this);
    const topic = new sns.Topic(this, 'SmsInboundTopic', {
      displayName: 'Two-way SMS received (messaging channels)',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EndUserMessagingPublishesInboundSms',
        principals: SMS_PUBLISHERS.map((p) => new iam.ServicePrincipal(p)),
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    return topic;
  }

  /** The inbound function may start chats in this instance, stream them to the topic, and use the sessions table. */
  private grantInbound(instanceArn: string): void {
    const stack = Stack.of(this);
    const role = this.inbound.executionRole;
    const flows = `${instanceArn}/contact-flow/*`;
    const contacts = `${instanceArn}/contact/*`;
    this.inbound.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ResolveContactFlowByName',
        actions: ['connect:ListContactFlows'],
        resources: [instanceArn, flows],
      }),
    );
    this.inbound.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'StartChats',
        actions: ['connect:StartChatContact'],
        resources: [instanceArn, flows],
      }),
    );
    this.inbound.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'StreamChats',
        actions: ['connect:StartContactStreaming'],
        resources: [instanceArn, contacts],
      }),
    );
    this.inbound.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'Sessions',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
        resources: [this.sessions.tableArn],
      }),
    );
    Validations.of(role).acknowledge(
      {
        id: iam5Resource(stack, flows),
        reason:
          'The contact flow is resolved by name at run time (flows deploy after this stack, so its id is unknown here); any flow of this one instance.',
      },
      {
        id: iam5Resource(stack, contacts),
        reason:
          'Streaming starts on chat contacts this function creates at run time; contacts of this one instance only.',
      },
    );
  }

  /** The outbound function may find and delete sessions, and send SMS from the one phone number. */
  private grantOutbound(settings: MessagingChannelsSettings): void {
    const stack = Stack.of(this);
    this.outbound.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'Sessions',
        actions: ['dynamodb:Query', 'dynamodb:DeleteItem'],
        resources: [this.sessions.tableArn, `${this.sessions.tableArn}/index/${CONTACT_ID_INDEX}`],
      }),
    );
    if (settings.sms) {
      this.outbound.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'SendSmsFromTheConfiguredNumber',
          // Service Authorization Reference, AWS End User Messaging SMS and Voice v2:
          // SendTextMessage authorizes on the origination phone-number resource.
          actions: ['sms-voice:SendTextMessage'],
          resources: [
            `arn:${stack.partition}:sms-voice:${stack.region}:${stack.account}:phone-number/${settings.sms.phoneNumberId}`,
          ],
        }),
      );
    }
  }

  private createFacebookApi(
    props: MessagingChannelsProps,
    logRetention: logs.RetentionDays,
  ): apigwv2.HttpApi {
    const api = new apigwv2.HttpApi(this, 'FacebookApi', {
      description: 'Facebook Messenger webhook of the messaging channels.',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'FacebookApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (logRetention < logs.RetentionDays.ONE_YEAR) {
      acknowledgeGuardRule(
        accessLogs,
        'cloudwatch_log_group_retention_period_check',
        `Access logs of the Facebook webhook, kept ${logRetention} days like the functions' logs (logRetention); Facebook keeps its own delivery log.`,
      );
    }
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttlingRateLimit ?? 20, burstLimit: props.throttlingBurstLimit ?? 40 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });
    const [post] = api.addRoutes({
      path: '/facebook',
      methods: [apigwv2.HttpMethod.POST],
      integration: new HttpLambdaIntegration('Webhook', this.inbound),
    });
    const [get] = api.addRoutes({
      path: '/facebook',
      methods: [apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Verification', this.healthCheck as PlatformFunction),
    });
    const reason =
      'Facebook cannot send IAM, Cognito or JWT credentials: every POST is authenticated by the X-Hub-Signature-256 HMAC the inbound function verifies on the raw body before anything else, and GET only echoes the challenge when the verify token matches.';
    for (const route of [post, get]) {
      Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason });
      acknowledgeGuardRule(route, 'api_gw_v2_authorization_type_configured_check', reason);
      for (const permission of route.node.findAll().filter((c) => c instanceof lambda.CfnPermission)) {
        acknowledgeGuardRule(
          permission,
          'lambda_function_public_access_prohibited_check',
          "Only API Gateway may invoke, and its SourceArn limits it to this API's /facebook route; the rule cannot read a SourceArn built with Fn::Join.",
        );
      }
    }
    return api;
  }
}
