import { createHash } from 'crypto';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lex from 'aws-cdk-lib/aws-lex';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import type { BotDefinition } from './bot-definition';
import { lexBotLocales } from './lex-bot-locales';

/** Properties of {@link LexBot}. */
export interface LexBotProps {
  /** The validated bot definition. */
  readonly definition: BotDefinition;
  /** Physical bot name, unique per account and Region (e.g. `ACME_lexbot-develop-us-east-1`). */
  readonly botName: string;
  /** Name of the alias Connect uses, the environment's name (e.g. `develop`). */
  readonly aliasName: string;
  /** ARN of the Connect instance allowed to use the alias, and associated with it. */
  readonly instanceArn: string;
  /** Key encrypting the conversation log group; its policy must let CloudWatch Logs use it. */
  readonly logKey: kms.IKey;
  /** How long conversation logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Removal policy of the conversation log group. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * One Lex V2 bot built from its definition: the bot (inline locales, auto-built), an immutable
 * version whose logical id follows the definition (a changed definition creates a new version
 * and moves the alias to it), an alias named after the environment with text conversation logs
 * in an encrypted log group, a resource policy letting the environment's Connect instance call
 * the alias, and the `LEX_BOT` integration association with that instance.
 */
export class LexBot extends Construct {
  /** The definition the bot was built from. */
  public readonly definition: BotDefinition;
  public readonly role: iam.Role;
  public readonly bot: lex.CfnBot;
  public readonly version: lex.CfnBotVersion;
  public readonly alias: lex.CfnBotAlias;
  public readonly logGroup: logs.LogGroup;
  public readonly aliasPolicy: lex.CfnResourcePolicy;
  public readonly association: connect.CfnIntegrationAssociation;
  /** ARN of the alias, for flows (`${lex:<name>}`). */
  public readonly aliasArn: string;

  constructor(scope: Construct, id: string, props: LexBotProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { definition } = props;
    this.definition = definition;

    this.logGroup = new logs.LogGroup(this, 'ConversationLogs', {
      encryptionKey: props.logKey,
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    if (props.logRetention < logs.RetentionDays.ONE_YEAR) {
      acknowledgeGuardRule(
        this.logGroup,
        'cloudwatch_log_group_retention_period_check',
        `Lex conversation logs (what callers said), kept ${props.logRetention} days (conversationLogRetention): keeping customer utterances longer than needed to tune the bot is a privacy cost.`,
      );
    }

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `Runtime role of Lex bot ${props.botName}`,
    });
    const polly = new iam.PolicyStatement({ actions: ['polly:SynthesizeSpeech'], resources: ['*'] });
    const logWrite = new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.logGroup.logGroupArn],
    });
    this.role.addToPrincipalPolicy(polly);
    this.role.addToPrincipalPolicy(logWrite);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'polly:SynthesizeSpeech supports no resource-level permissions; the bot speaks its prompts with Polly.',
    });

    this.bot = new lex.CfnBot(this, 'Bot', {
      name: props.botName,
      description: definition.description,
      roleArn: this.role.roleArn,
      dataPrivacy: { ChildDirected: definition.childDirected },
      idleSessionTtlInSeconds: definition.idleSessionTtlSeconds,
      autoBuildBotLocales: true,
      botLocales: lexBotLocales(definition),
    });
    // The role's policy (Polly for the build, logs for the alias) must exist before Lex uses the role.
    this.bot.node.addDependency(this.role);

    const fingerprint = createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 12);
    this.version = new lex.CfnBotVersion(this, `Version${fingerprint}`, {
      botId: this.bot.attrId,
      description: `Definition ${fingerprint}`,
      botVersionLocaleSpecification: definition.locales.map((l) => ({
        localeId: l.localeId,
        botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' },
      })),
    });

    this.alias = new lex.CfnBotAlias(this, 'Alias', {
      botId: this.bot.attrId,
      botAliasName: props.aliasName,
      botVersion: this.version.attrBotVersion,
      description: `${props.aliasName} alias used by Amazon Connect`,
      botAliasLocaleSettings: definition.locales.map((l) => ({
        localeId: l.localeId,
        botAliasLocaleSetting: { enabled: true },
      })),
      conversationLogSettings: {
        textLogSettings: [
          {
            enabled: true,
            destination: {
              cloudWatch: {
                cloudWatchLogGroupArn: this.logGroup.logGroupArn,
                logPrefix: `${props.aliasName}/`,
              },
            },
          },
        ],
      },
    });
    this.aliasArn = this.alias.attrArn;

    this.aliasPolicy = new lex.CfnResourcePolicy(this, 'AliasPolicy', {
      resourceArn: this.alias.attrArn,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowConnectInstance',
            Effect: 'Allow',
            Principal: { Service: 'connect.amazonaws.com' },
            Action: ['lex:RecognizeText', 'lex:StartConversation'],
            Resource: this.alias.attrArn,
            Condition: {
              StringEquals: { 'AWS:SourceAccount': stack.account },
              ArnEquals: { 'AWS:SourceArn': props.instanceArn },
            },
          },
        ],
      },
    });

    this.association = new connect.CfnIntegrationAssociation(this, 'ConnectAssociation', {
      instanceId: props.instanceArn,
      integrationType: 'LEX_BOT',
      integrationArn: this.alias.attrArn,
    });
    this.association.addResourceDependency(this.aliasPolicy);
  }
}
