import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { SsmNames } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import { AccessLoggedBucket } from '@amzconnect/constructs';
import { dataRemovalPolicy, type LifecyclePolicy } from '@amzconnect/instance';
import type { Construct } from 'constructs';
import type { BotDefinition } from './bot-definition';
import type { CustomerRecord } from './customer-record';
import { CustomerTable } from './customer-table';
import { LexBot } from './lex-bot';
import { lexBotPhysicalName } from './lex-names';

/** Properties of {@link SupportingInfraStack}. */
export interface SupportingInfraStackProps extends StackProps {
  /** Application prefix of SSM parameter names, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`; also the name of every bot alias. */
  readonly environmentName: string;
  /** Validated bot definitions, one Lex bot each. */
  readonly bots: readonly BotDefinition[];
  /** Final contact-flow bucket name (already qualified with environment and Region, and validated). */
  readonly flowBucketName: string;
  /** Days conversation logs are kept. */
  readonly conversationLogRetention: logs.RetentionDays;
  /** Records loaded into the customer table at deployment. @default none */
  readonly sampleCustomers?: readonly CustomerRecord[];
  /** Retention and protection of this environment. */
  readonly lifecycle: LifecyclePolicy;
}

/**
 * The services the flows rely on besides Lambda code, for one environment and Region: Lex bots
 * associated with the environment's Connect instance (read from SSM, never a cross-stack export),
 * the contact-flow bucket, and the customer table; their names and ARNs published to SSM.
 */
export class SupportingInfraStack extends Stack {
  public readonly flowBucket: AccessLoggedBucket;
  public readonly customerTable: CustomerTable;
  public readonly conversationLogKey: kms.Key;
  public readonly bots: ReadonlyMap<string, LexBot>;

  constructor(scope: Construct, id: string, props: SupportingInfraStackProps) {
    super(scope, id, { ...props, terminationProtection: props.lifecycle.terminationProtection });
    const { app, environmentName: env } = props;
    const removalPolicy = dataRemovalPolicy(props.lifecycle);
    const instanceArn = ssm.StringParameter.valueForStringParameter(
      this,
      SsmNames.connect.instanceArn(app, env),
    );

    this.flowBucket = new AccessLoggedBucket(this, 'FlowBucket', {
      bucketName: props.flowBucketName,
      retainOnDelete: props.lifecycle.retainOnDelete,
    });
    acknowledgeGuardRule(
      this.flowBucket.bucket,
      's3_bucket_default_encryption_kms_check',
      'Holds contact-flow definitions from the repository (no customer data), readable by everyone who reads the repository; SSE-S3 protects them at rest without a key to manage.',
    );
    acknowledgeGuardRule(
      this.flowBucket.bucket,
      's3_event_notifications_enabled_check',
      'The flow provisioner reads and backs up flows by key during a deployment; nothing reacts to new objects.',
    );

    this.customerTable = new CustomerTable(this, 'CustomerTable', {
      removalPolicy,
      deletionProtection: props.lifecycle.retainOnDelete,
      sampleRecords: props.sampleCustomers,
    });

    this.conversationLogKey = new kms.Key(this, 'ConversationLogKey', {
      description: `Lex conversation logs of ${app} ${env}`,
      enableKeyRotation: true,
      removalPolicy,
    });
    this.conversationLogKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*`,
          },
        },
      }),
    );

    const bots = new Map<string, LexBot>();
    for (const definition of props.bots) {
      const bot = new LexBot(this, `Bot${definition.name}`, {
        definition,
        botName: lexBotPhysicalName(definition.name, env, this.region),
        aliasName: env,
        instanceArn,
        logKey: this.conversationLogKey,
        logRetention: props.conversationLogRetention,
        logRemovalPolicy: removalPolicy,
      });
      bots.set(definition.name, bot);
      new ssm.StringParameter(this, `LexBotAliasArnParameter${definition.name}`, {
        parameterName: SsmNames.infra.lexBotAliasArn(app, env, definition.name),
        stringValue: bot.aliasArn,
        description: `ARN of the ${env} alias of Lex bot ${definition.name}`,
      });
    }
    this.bots = bots;

    new ssm.StringParameter(this, 'FlowBucketNameParameter', {
      parameterName: SsmNames.infra.flowBucketName(app, env),
      stringValue: this.flowBucket.bucket.bucketName,
      description: 'Bucket of contact-flow backups and run-time mappings',
    });
    new ssm.StringParameter(this, 'CustomerTableNameParameter', {
      parameterName: SsmNames.infra.customerTableName(app, env),
      stringValue: this.customerTable.table.tableName,
      description: 'Customer table keyed by phoneNumber (E.164)',
    });
    new ssm.StringParameter(this, 'CustomerTableArnParameter', {
      parameterName: SsmNames.infra.customerTableArn(app, env),
      stringValue: this.customerTable.table.tableArn,
      description: 'ARN of the customer table',
    });
  }
}
