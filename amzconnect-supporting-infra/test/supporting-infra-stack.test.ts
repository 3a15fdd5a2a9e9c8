import { Match, Template } from 'aws-cdk-lib/assertions';
import { type PlatformConfig } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { problemsOf, samplePlatform } from '@amzconnect/testing';
import { synthesizedApp, type SynthesizedApp } from '@amzconnect/testing/synth';
import { addSupportingInfraStacks, addSupportingInfraStacksWith, SupportingInfraStack } from '../lib';

let sample: SynthesizedApp;
let platform: PlatformConfig;

const template = (name: string): Template => sample.stack(name).template;

/** The develop stacks, built once (not synthesized) for tests that need the constructs themselves. */
let developStacks: SupportingInfraStack[] | undefined;
const developConstructs = () =>
  (developStacks ??= addSupportingInfraStacks(
    createPlatformApp({ skipBundling: true, guard: false }),
    platform,
    {
      environments: ['develop'],
    },
  ) as SupportingInfraStack[]);

function logicalId(
  t: Template,
  type: string,
  where: (props: Record<string, unknown>) => boolean = () => true,
): string {
  const found = Object.entries(t.findResources(type)).filter(([, r]) => where(r.Properties ?? {}));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0][0];
}

beforeAll(() => {
  platform = samplePlatform();
  // Synthesized once per test run and shared with the other readers of the sample's app.
  sample = synthesizedApp('amzconnect-supporting-infra', platform, addSupportingInfraStacks);
});

describe('addSupportingInfraStacks', () => {
  it('adds one stack per enabled environment and Region, named <app>-supporting-infra-<env>-<region>', () => {
    expect(
      sample.stacks.map((s) => [s.id, s.stackName, s.account, s.region, s.terminationProtection]),
    ).toEqual([
      [
        'acme-supporting-infra-develop-us-east-1',
        'acme-supporting-infra-develop-us-east-1',
        '111111111111',
        'us-east-1',
        false,
      ],
      [
        'acme-supporting-infra-develop-us-west-2',
        'acme-supporting-infra-develop-us-west-2',
        '111111111111',
        'us-west-2',
        false,
      ],
      [
        'acme-supporting-infra-staging-us-east-1',
        'acme-supporting-infra-staging-us-east-1',
        '222222222222',
        'us-east-1',
        false,
      ],
      [
        'acme-supporting-infra-prod-us-east-1',
        'acme-supporting-infra-prod-us-east-1',
        '333333333333',
        'us-east-1',
        true,
      ],
    ]);
    expect(developConstructs().every((s) => s instanceof SupportingInfraStack)).toBe(true);
  });

  it('synthesizes without any unacknowledged cdk-nag or template-validation finding', () => {
    expect(sample.findings).toEqual([]);
  });

  it('reports the problems of the configuration and of every bot file together', () => {
    // Prepare: an environment name Lex cannot use as an alias, and an invalid setting in its settings file
    const renamed = {
      ...platform,
      environments: platform.environments.map((e, i) =>
        i === 0
          ? {
              ...e,
              name: 'dev--x',
              settings: { ...e.settings, supportingInfra: { loadSampleCustomers: 'yes' } },
            }
          : e,
      ),
    };

    // Act
    const problems = problemsOf(() =>
      addSupportingInfraStacks(createPlatformApp({ skipBundling: true, guard: false }), renamed),
    );

    // Assess
    expect(problems.map((p) => p.replace(/^.*amzconnect-supporting-infra\//, ''))).toEqual([
      'env/environments/develop.json: supportingInfra.loadSampleCustomers: must be a boolean, not a string.',
      'bots/ACME_lexbot.json: name: for environment "dev--x" gives the bot alias name "dev--x", which Lex rejects; environment names used as aliases need letters and digits, each followed by at most one "-".',
      'bots/ACME_lexbot.json: name: for environment "dev--x" in us-east-1 gives the bot name "ACME_lexbot-dev--x-us-east-1", which Lex rejects; use letters and digits, each followed by at most one "_" or "-".',
      'bots/ACME_lexbot.json: name: for environment "dev--x" in us-west-2 gives the bot name "ACME_lexbot-dev--x-us-west-2", which Lex rejects; use letters and digits, each followed by at most one "_" or "-".',
    ]);
  });

  it('reads the instance ARN from SSM, never from another stack', () => {
    // Prepare
    const t = template('acme-supporting-infra-staging-us-east-1');

    // Assess
    const parameters = t.toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    expect(Object.values(parameters)).toContainEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/acme/staging/connect/instance-arn',
    });
    expect(JSON.stringify(t.toJSON())).not.toContain('Fn::ImportValue');
  });
});

describe('SupportingInfraStack: contact-flow bucket', () => {
  it('is named from the base, versioned, SSE-S3 encrypted, private, access-logged and TLS-only', () => {
    // Prepare
    const t = template('acme-supporting-infra-staging-us-east-1');
    const logBucket = logicalId(t, 'AWS::S3::Bucket', (p) => p.BucketName === undefined);
    const flowBucket = logicalId(t, 'AWS::S3::Bucket', (p) => p.BucketName !== undefined);

    // Assess
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'acme-contact-flows-staging-us-east-1',
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucket }, LogFilePrefix: 'access-logs/' },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: flowBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it.each([
    ['acme-supporting-infra-prod-us-east-1', 'Retain', 0],
    ['acme-supporting-infra-staging-us-east-1', 'Retain', 0],
    ['acme-supporting-infra-develop-us-east-1', 'Delete', 2],
  ])('in %s has deletion policy %s (%d auto-delete custom resources)', (name, policy, autoDeletes) => {
    // Prepare
    const t = template(name);

    // Assess
    for (const r of Object.values(t.findResources('AWS::S3::Bucket'))) expect(r.DeletionPolicy).toBe(policy);
    expect(Object.keys(t.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(autoDeletes);
  });
});

describe('SupportingInfraStack: customer table', () => {
  it('is keyed by phoneNumber (string), on demand, with point-in-time recovery and a customer-managed key', () => {
    // Prepare
    const t = template('acme-supporting-infra-prod-us-east-1');
    const key = logicalId(t, 'AWS::KMS::Key', (p) => p.Description === 'Customer data table (personal data)');

    // Assess
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'phoneNumber', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'phoneNumber', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } },
      DeletionProtectionEnabled: true,
      TableName: Match.absent(),
    });
    t.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Customer data table (personal data)',
      EnableKeyRotation: true,
    });
  });

  it('lets principals of the account use the key only through DynamoDB in this Region', () => {
    template('acme-supporting-infra-prod-us-east-1').hasResourceProperties('AWS::KMS::Key', {
      Description: 'Customer data table (personal data)',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowUseThroughDynamoDBInThisAccount',
            Principal: { AWS: '*' },
            Condition: {
              StringEquals: {
                'kms:CallerAccount': '333333333333',
                'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com',
              },
            },
          }),
        ]),
      },
    });
  });

  it.each([
    ['acme-supporting-infra-prod-us-east-1', 'Retain', true],
    ['acme-supporting-infra-staging-us-east-1', 'Retain', true],
    ['acme-supporting-infra-develop-us-west-2', 'Delete', false],
  ])('in %s has deletion policy %s and deletion protection %s', (name, policy, protection) => {
    // Prepare
    const t = template(name);
    const [table] = Object.values(t.findResources('AWS::DynamoDB::Table'));
    const key = t.findResources('AWS::KMS::Key', {
      Properties: { Description: 'Customer data table (personal data)' },
    });

    // Assess
    expect([
      table.DeletionPolicy,
      table.UpdateReplacePolicy,
      table.Properties.DeletionProtectionEnabled,
    ]).toEqual([policy, policy, protection]);
    expect(Object.values(key)[0].DeletionPolicy).toBe(policy);
  });

  it('loads the sample customer in develop only, without overwriting an existing record', () => {
    // Prepare
    const develop = template('acme-supporting-infra-develop-us-east-1');
    const table = logicalId(develop, 'AWS::DynamoDB::Table');

    // Assess
    develop.resourceCountIs('Custom::AWS', 1);
    template('acme-supporting-infra-staging-us-east-1').resourceCountIs('Custom::AWS', 0);
    template('acme-supporting-infra-prod-us-east-1').resourceCountIs('Custom::AWS', 0);
    const [loader] = Object.values(develop.findResources('Custom::AWS'));
    const create = JSON.stringify(loader.Properties.Create);
    for (const fragment of [
      '\\"service\\":\\"DynamoDB\\"',
      '\\"action\\":\\"putItem\\"',
      '\\"phoneNumber\\":{\\"S\\":\\"+15555550100\\"}',
      '\\"firstName\\":{\\"S\\":\\"Jane\\"}',
      '\\"lastCalledDate\\":{\\"S\\":\\"2024-05-01T14:30:00Z\\"}',
      'attribute_not_exists(phoneNumber)',
      '\\"ignoreErrorCodesMatching\\":\\"ConditionalCheckFailedException\\"',
    ]) {
      expect(create).toContain(fragment);
    }
    develop.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': [table, 'Arn'] } },
        ],
      },
    });
  });
});

describe('SupportingInfraStack: Lex bot', () => {
  it('builds ACME_lexbot named for environment and Region, with its own role, inline locales and auto-build', () => {
    // Prepare
    const t = template('acme-supporting-infra-develop-us-west-2');
    const role = logicalId(t, 'AWS::IAM::Role', (p) => JSON.stringify(p).includes('lexv2.amazonaws.com'));

    // Assess
    t.hasResourceProperties('AWS::Lex::Bot', {
      Name: 'ACME_lexbot-develop-us-west-2',
      RoleArn: { 'Fn::GetAtt': [role, 'Arn'] },
      DataPrivacy: { ChildDirected: false },
      IdleSessionTTLInSeconds: 300,
      AutoBuildBotLocales: true,
      BotLocales: [
        Match.objectLike({
          LocaleId: 'en_US',
          VoiceSettings: { VoiceId: 'Joanna', Engine: 'neural' },
          Intents: Match.arrayWith([
            Match.objectLike({ Name: 'Sales' }),
            Match.objectLike({ Name: 'Finance' }),
            Match.objectLike({ Name: 'FallbackIntent', ParentIntentSignature: 'AMAZON.FallbackIntent' }),
          ]),
          SlotTypes: [Match.objectLike({ Name: 'ProductType' }), Match.objectLike({ Name: 'BillingTopic' })],
        }),
      ],
    });
  });

  it('gives the bot role Polly and its own log group only, assumable by Lex for this account, before the bot uses it', () => {
    // Prepare
    const t = template('acme-supporting-infra-develop-us-east-1');
    // The bot's conversation log group (encrypted with its own key); other log groups belong to
    // functions (the CDK creates one per function with @aws-cdk/aws-lambda:useCdkManagedLogGroup).
    const logGroup = logicalId(t, 'AWS::Logs::LogGroup', (p) =>
      JSON.stringify(p.KmsKeyId ?? '').includes('ConversationLogKey'),
    );

    // Assess
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'lexv2.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          },
        ],
      },
    });
    const rolePolicy = logicalId(t, 'AWS::IAM::Policy', (p) =>
      JSON.stringify(p).includes('polly:SynthesizeSpeech'),
    );
    expect(Object.values(t.findResources('AWS::Lex::Bot'))[0].DependsOn).toEqual(
      expect.arrayContaining([rolePolicy]),
    );
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' },
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
          },
        ],
      },
    });
  });

  it('creates a version from the DRAFT locales and an alias named after the environment on that version', () => {
    // Prepare
    const t = template('acme-supporting-infra-staging-us-east-1');
    const bot = logicalId(t, 'AWS::Lex::Bot');
    const version = logicalId(t, 'AWS::Lex::BotVersion');
    const logGroup = logicalId(t, 'AWS::Logs::LogGroup');

    // Assess
    t.hasResourceProperties('AWS::Lex::BotVersion', {
      BotId: { 'Fn::GetAtt': [bot, 'Id'] },
      BotVersionLocaleSpecification: [
        { LocaleId: 'en_US', BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } },
      ],
    });
    t.hasResourceProperties('AWS::Lex::BotAlias', {
      BotId: { 'Fn::GetAtt': [bot, 'Id'] },
      BotAliasName: 'staging',
      BotVersion: { 'Fn::GetAtt': [version, 'BotVersion'] },
      BotAliasLocaleSettings: [{ LocaleId: 'en_US', BotAliasLocaleSetting: { Enabled: true } }],
      ConversationLogSettings: {
        TextLogSettings: [
          {
            Enabled: true,
            Destination: {
              CloudWatch: {
                CloudWatchLogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] },
                LogPrefix: 'staging/',
              },
            },
          },
        ],
      },
    });
  });

  it('names the version after the definition, so a changed bot gets a new version', () => {
    // Prepare
    const changedApp = createPlatformApp({ skipBundling: true, guard: false });
    const [bot] = developConstructs()[0].bots.values();
    const changed = { ...bot.definition, idleSessionTtlSeconds: 600 };

    // Act
    const [changedStack] = addSupportingInfraStacksWith({ bots: [changed] })(changedApp, platform, {
      environments: ['develop'],
    });

    // Assess
    const versionOf = (t: Template) => Object.keys(t.findResources('AWS::Lex::BotVersion'))[0];
    expect(versionOf(Template.fromStack(changedStack))).not.toBe(
      versionOf(template('acme-supporting-infra-develop-us-east-1')),
    );
  });

  it('sends conversation logs to a log group encrypted with a rotated key CloudWatch Logs may use', () => {
    // Prepare
    const t = template('acme-supporting-infra-prod-us-east-1');
    const key = logicalId(t, 'AWS::KMS::Key', (p) =>
      String(p.Description).startsWith('Lex conversation logs'),
    );

    // Assess
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
      RetentionInDays: 90,
    });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    t.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Lex conversation logs of acme prod',
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it("lets only the environment's Connect instance call the alias, then associates it with the instance", () => {
    // Prepare
    const t = template('acme-supporting-infra-develop-us-east-1');
    const alias = logicalId(t, 'AWS::Lex::BotAlias');
    const policy = logicalId(t, 'AWS::Lex::ResourcePolicy');
    const instanceArn = Object.entries(t.toJSON().Parameters as Record<string, { Default: string }>).find(
      ([, p]) => p.Default === '/acme/develop/connect/instance-arn',
    )![0];

    // Assess
    t.hasResourceProperties('AWS::Lex::ResourcePolicy', {
      ResourceArn: { 'Fn::GetAtt': [alias, 'Arn'] },
      Policy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'connect.amazonaws.com' },
            Action: ['lex:RecognizeText', 'lex:StartConversation'],
            Resource: { 'Fn::GetAtt': [alias, 'Arn'] },
            Condition: {
              StringEquals: { 'AWS:SourceAccount': '111111111111' },
              ArnEquals: { 'AWS:SourceArn': { Ref: instanceArn } },
            },
          },
        ],
      },
    });
    t.hasResource('AWS::Connect::IntegrationAssociation', {
      Properties: {
        InstanceId: { Ref: instanceArn },
        IntegrationType: 'LEX_BOT',
        IntegrationArn: { 'Fn::GetAtt': [alias, 'Arn'] },
      },
      DependsOn: [policy],
    });
  });
});

describe('SupportingInfraStack: SSM outputs', () => {
  it('publishes the bot alias ARN, flow bucket name and customer table name and ARN under /<app>/<env>/infra/', () => {
    // Prepare
    const t = template('acme-supporting-infra-staging-us-east-1');
    const params = Object.values(t.findResources('AWS::SSM::Parameter')).map((r) => [
      r.Properties.Name,
      r.Properties.Value,
    ]);
    const alias = logicalId(t, 'AWS::Lex::BotAlias');
    const table = logicalId(t, 'AWS::DynamoDB::Table');
    const flowBucket = logicalId(t, 'AWS::S3::Bucket', (p) => p.BucketName !== undefined);

    // Assess
    expect(params).toEqual([
      ['/acme/staging/infra/lex/ACME_lexbot/alias-arn', { 'Fn::GetAtt': [alias, 'Arn'] }],
      ['/acme/staging/infra/flow-bucket-name', { Ref: flowBucket }],
      ['/acme/staging/infra/customer-table-name', { Ref: table }],
      ['/acme/staging/infra/customer-table-arn', { 'Fn::GetAtt': [table, 'Arn'] }],
    ]);
  });
});
