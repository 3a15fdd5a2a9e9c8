import * as path from 'path';
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PlatformFunction } from '@amzconnect/constructs';
import { type PlatformConfig } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { ROUTER_ENV } from '../src/router/lambda-environment';
import { routingTableFromConfig, RoutingTable, serializeRoutingTable } from '../src/router/routing-table';
import { pipelineArn, subprojectPipelineArns } from './router-pipeline-arns';

/** Props of {@link WebhookRouter}. */
export interface WebhookRouterProps {
  /** The validated platform configuration; the routing table is derived from it at synth. */
  readonly config: PlatformConfig;
  /** Steady-state requests per second API Gateway lets through. @default 10 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests API Gateway lets through. @default 20 */
  readonly throttlingBurstLimit?: number;
  /** Retention of the handler's and the access logs. @default three months */
  readonly logRetention?: logs.RetentionDays;
  /** The release queues' table: pushes to an environment branch are enqueued there. */
  readonly releaseQueueTable: dynamodb.ITable;
  /**
   * How long after a rotation the previous webhook secret is still accepted (counted from the
   * creation of the current version). @default 24 hours
   */
  readonly previousSecretWindow?: Duration;
}

/** Lambda environment variables are limited to 4 KB in total; keep the table well under it. */
export const MAX_ROUTING_TABLE_CHARS = 3000;

/**
 * The GitHub webhook endpoint: API Gateway (throttled, access-logged) in front of the router
 * Lambda, which verifies GitHub's signature with the secret kept in Secrets Manager, decides
 * which pipelines a push needs, and starts the first pipeline of the release plan (and the
 * self-update pipeline) pinned to the pushed commit, once per delivery (DynamoDB idempotency
 * table with TTL). Outputs: `WebhookPayloadUrl`, `WebhookSecretArn`.
 */
export class WebhookRouter extends Construct {
  /** The URL to paste into GitHub as the webhook's payload URL. */
  public readonly payloadUrl: string;
  /** The webhook secret (generated at creation; set your own with `put-secret-value`). */
  public readonly secret: secretsmanager.Secret;
  /** The router Lambda. */
  public readonly handler: PlatformFunction;
  /** Delivery ids already handled, expiring by TTL. */
  public readonly idempotencyTable: dynamodb.Table;
  /** The REST API. */
  public readonly api: apigateway.RestApi;
  /** Access logs of the API stage. */
  public readonly accessLogGroup: logs.LogGroup;
  /** The routing table handed to the Lambda. */
  public readonly routingTable: RoutingTable;
  /**
   * ARNs the router may start: one wildcard per sub-project on the platform's pipeline name
   * prefix (the queue decides which), and the self-update pipeline.
   */
  public readonly startablePipelineArns: readonly string[];

  constructor(scope: Construct, id: string, props: WebhookRouterProps) {
    super(scope, id);
    const { config } = props;
    this.routingTable = routingTableFromConfig(config);
    const routingTableJson = serializeRoutingTable(this.routingTable);
    if (routingTableJson.length > MAX_ROUTING_TABLE_CHARS) {
      throw new Error(
        `The routing table for ${this.routingTable.environments.length} enabled environments takes ${routingTableJson.length} characters, ` +
          `more than the ${MAX_ROUTING_TABLE_CHARS} a Lambda environment can hold; disable environments in ${config.configDir}/accountvars.json.`,
      );
    }
    this.startablePipelineArns = [
      ...subprojectPipelineArns(config.tooling),
      pipelineArn(config.tooling, this.routingTable.selfUpdatePipeline),
    ];

    this.secret = new secretsmanager.Secret(this, 'WebhookSecret', {
      description:
        'Secret of the GitHub webhook; GitHub signs every delivery with it (see ROUTER.md to set or rotate it).',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The value is shared with GitHub, which Secrets Manager cannot update; it is rotated by hand (ROUTER.md), and the router accepts AWSCURRENT and AWSPREVIOUS meanwhile.',
    });

    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiration',
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const noRecovery =
      'Holds only delivery ids already handled, expiring after four days by TTL; losing them at worst lets one old delivery be redelivered, so point-in-time recovery adds cost without value.';
    Validations.of(this.idempotencyTable).acknowledge({ id: 'AwsSolutions-DDB3', reason: noRecovery });
    acknowledgeGuardRule(this.idempotencyTable, 'dynamodb_table_pitr_enabled_check', noRecovery);

    this.handler = new PlatformFunction(this, 'Handler', {
      entry: path.join(__dirname, '..', 'src', 'router', 'lambda-handler.ts'),
      description: 'GitHub webhook router: verifies deliveries and starts the pipelines a push needs.',
      serviceName: 'webhook-router',
      // GitHub waits 10 seconds for the answer to a webhook delivery.
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      environment: {
        [ROUTER_ENV.routingTable]: routingTableJson,
        [ROUTER_ENV.secretArn]: this.secret.secretArn,
        [ROUTER_ENV.idempotencyTable]: this.idempotencyTable.tableName,
        [ROUTER_ENV.queueTable]: props.releaseQueueTable.tableName,
        [ROUTER_ENV.previousSecretWindowSeconds]: String(
          (props.previousSecretWindow ?? Duration.hours(24)).toSeconds(),
        ),
      },
    });
    const role = this.handler.executionRole;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'StartReleasePipelines',
        actions: ['codepipeline:StartPipelineExecution'],
        resources: [...this.startablePipelineArns],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWebhookSecret',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.secret.secretArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RecordDeliveries',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [this.idempotencyTable.tableArn],
      }),
    );

    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EnqueuePushes',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [props.releaseQueueTable.tableArn],
      }),
    );
    for (const arn of subprojectPipelineArns(config.tooling)) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${arn}]`,
        reason:
          "The wildcard follows the platform's own name prefix of one sub-project's pipelines, so the policy does not grow with environments; the release queue decides which of them starts.",
      });
    }

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const accessLogDays = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;
    if (accessLogDays < logs.RetentionDays.ONE_YEAR) {
      acknowledgeGuardRule(
        this.accessLogGroup,
        'cloudwatch_log_group_retention_period_check',
        `Access logs of the webhook endpoint, kept ${accessLogDays} days like the router's own logs; GitHub keeps every delivery with its response for redelivery.`,
      );
    }
    this.api = new apigateway.RestApi(this, 'Api', {
      // API names need not be unique; the prefix tells two platforms' routers apart in the console.
      restApiName: `${config.tooling.platformPrefix}-webhook-router`,
      description: 'GitHub webhook endpoint of the release pipelines.',
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      // API Gateway writes CloudWatch logs through one account-level role per Region
      // (AWS::ApiGateway::Account). That setting is account-wide, so this stack does not take it
      // over (nor delete it on removal): the README lists setting it once as a prerequisite.
      cloudWatchRole: false,
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: props.throttlingRateLimit ?? 10,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 20,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields({
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
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        tracingEnabled: true,
        metricsEnabled: true,
      },
    });
    const webhook = this.api.root.addResource('webhook');
    const method = webhook.addMethod(
      'POST',
      new apigateway.LambdaIntegration(this.handler, { allowTestInvoke: false }),
      {
        authorizationType: apigateway.AuthorizationType.NONE,
      },
    );
    this.payloadUrl = this.api.urlForPath(webhook.path);

    const byHmac =
      'GitHub webhooks cannot carry IAM, Cognito or API-key credentials; every request is authenticated by the HMAC-SHA256 signature the router verifies on the raw body before doing anything else.';
    Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason: byHmac });
    Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason: byHmac });
    for (const permission of method.node.findAll().filter((c) => c instanceof lambda.CfnPermission)) {
      acknowledgeGuardRule(
        permission,
        'lambda_function_public_access_prohibited_check',
        "Only API Gateway may invoke, and its SourceArn limits it to this API's POST /webhook; the rule cannot read a SourceArn built with Fn::Join.",
      );
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The router validates the request itself, after the signature check, so that a missing signature gets 401 (not a 400 from API Gateway) and the body is never parsed before it is verified.',
    });
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Unsigned requests are rejected by the router before any work; stage throttling bounds the cost of abuse. A WAF web ACL would add a fixed monthly cost for one low-traffic endpoint.',
    });

    new CfnOutput(this, 'PayloadUrl', {
      description: 'Payload URL of the GitHub webhook (content type application/json).',
      value: this.payloadUrl,
    }).overrideLogicalId('WebhookPayloadUrl');
    new CfnOutput(this, 'SecretArn', {
      description: 'Secrets Manager secret holding the GitHub webhook secret.',
      value: this.secret.secretArn,
    }).overrideLogicalId('WebhookSecretArn');
  }
}
