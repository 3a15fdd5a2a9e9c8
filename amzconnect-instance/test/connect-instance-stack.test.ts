import { Match, Template } from 'aws-cdk-lib/assertions';
import { type PlatformConfig } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { samplePlatform } from '@amzconnect/testing';
import { synthesizedApp, type SynthesizedApp } from '@amzconnect/testing/synth';
import { addInstanceStacks, ConnectInstanceStack } from '../lib';

let platform: PlatformConfig;
let sample: SynthesizedApp;

const template = (name: string): Template => sample.stack(name).template;

beforeAll(() => {
  platform = samplePlatform();
  // Synthesized once per test run and shared with the other readers of the sample's instance app.
  sample = synthesizedApp('amzconnect-instance', platform, addInstanceStacks);
});

describe('addInstanceStacks', () => {
  it('adds one stack per enabled environment and Region, named <app>-instance-<env>-<region>', () => {
    expect(sample.stacks.map((s) => [s.id, s.stackName, s.account, s.region])).toEqual([
      ['acme-instance-develop-us-east-1', 'acme-instance-develop-us-east-1', '111111111111', 'us-east-1'],
      ['acme-instance-develop-us-west-2', 'acme-instance-develop-us-west-2', '111111111111', 'us-west-2'],
      ['acme-instance-staging-us-east-1', 'acme-instance-staging-us-east-1', '222222222222', 'us-east-1'],
      ['acme-instance-prod-us-east-1', 'acme-instance-prod-us-east-1', '333333333333', 'us-east-1'],
    ]);
  });

  it('adds only the stacks of the environments asked for', () => {
    // Act
    const only = addInstanceStacks(createPlatformApp({ skipBundling: true, guard: false }), platform, {
      environments: ['staging'],
    });

    // Assess
    expect(only.map((s) => s.stackName)).toEqual(['acme-instance-staging-us-east-1']);
    expect(only.every((s) => s instanceof ConnectInstanceStack)).toBe(true);
  });

  it('synthesizes without any unacknowledged cdk-nag or template-validation finding', () => {
    expect(sample.findings).toEqual([]);
  });

  it('creates no Customer Profiles domain in the sample, where no environment asks for one', () => {
    for (const s of sample.stacks) {
      s.template.resourceCountIs('AWS::CustomerProfiles::Domain', 0);
      s.template.resourceCountIs('AWS::CustomerProfiles::Integration', 0);
    }
  });

  it('protects the production stack only (environment on the tooling branch)', () => {
    expect(sample.stacks.map((s) => [s.stackName, s.terminationProtection])).toEqual([
      ['acme-instance-develop-us-east-1', false],
      ['acme-instance-develop-us-west-2', false],
      ['acme-instance-staging-us-east-1', false],
      ['acme-instance-prod-us-east-1', true],
    ]);
  });
});

describe('ConnectInstanceStack', () => {
  it('creates the instance with an alias qualified by environment and Region and the configured attributes', () => {
    template('acme-instance-develop-us-west-2').hasResourceProperties('AWS::Connect::Instance', {
      InstanceAlias: 'acme-develop-us-west-2',
      IdentityManagementType: 'CONNECT_MANAGED',
      Attributes: {
        InboundCalls: true,
        OutboundCalls: true,
        ContactflowLogs: true,
        ContactLens: true,
        AutoResolveBestVoices: true,
        EarlyMedia: true,
        UseCustomTTSVoices: false,
        EnhancedContactMonitoring: false,
        HighVolumeOutBound: false,
      },
    });
  });

  it('names AutoMuteAgentOnHold in no sample template, since the sample config does not set it', () => {
    const attributes = sample.stacks.flatMap((s) =>
      Object.values(s.template.findResources('AWS::Connect::Instance')).map(
        (r) => r.Properties.Attributes as Record<string, unknown>,
      ),
    );

    expect(attributes.length).toBeGreaterThan(0);
    for (const a of attributes) expect(Object.keys(a)).not.toContain('AutoMuteAgentOnHold');
  });

  it.each([
    ['acme-instance-staging-us-east-1', 'Retain'],
    ['acme-instance-prod-us-east-1', 'Retain'],
    ['acme-instance-develop-us-east-1', 'Delete'],
  ])('in %s gives the instance, key, buckets and admin objects the deletion policy %s', (name, policy) => {
    // Prepare
    const t = template(name);

    // Assess
    for (const type of [
      'AWS::Connect::Instance',
      'AWS::KMS::Key',
      'AWS::S3::Bucket',
      'AWS::Connect::InstanceStorageConfig',
      'AWS::Connect::HoursOfOperation',
      'AWS::Connect::Queue',
      'AWS::Connect::RoutingProfile',
      'AWS::Connect::QuickConnect',
    ]) {
      const resources = Object.values(t.findResources(type));
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources) {
        expect([type, r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual([type, policy, policy]);
      }
    }
  });

  it('empties the dev buckets on deletion, and never the retained ones', () => {
    expect(
      Object.keys(template('acme-instance-develop-us-east-1').findResources('Custom::S3AutoDeleteObjects')),
    ).toHaveLength(2);
    expect(
      Object.keys(template('acme-instance-prod-us-east-1').findResources('Custom::S3AutoDeleteObjects')),
    ).toHaveLength(0);
  });

  it('encrypts storage with a rotated customer-managed key', () => {
    template('acme-instance-prod-us-east-1').hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      PendingWindowInDays: 30,
    });
  });

  it('creates the storage bucket named from the base, versioned, KMS-encrypted, private and access-logged', () => {
    // Prepare
    const t = template('acme-instance-staging-us-east-1');
    const key = Object.keys(t.findResources('AWS::KMS::Key'))[0];
    const logBucket = Object.entries(t.findResources('AWS::S3::Bucket')).find(
      ([, r]) => !r.Properties.BucketName,
    )![0];

    // Assess
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'acme-connect-storage-staging-us-east-1',
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucket }, LogFilePrefix: 'access-logs/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 365 } })]),
      },
    });
  });

  it('denies every request to either bucket that does not use TLS', () => {
    // Prepare
    const t = template('acme-instance-staging-us-east-1');

    // Assess
    const policies = Object.values(t.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect(p.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('keeps access logs in an SSE-S3 bucket with public access blocked, granting log delivery by bucket policy', () => {
    // Prepare
    const t = template('acme-instance-staging-us-east-1');

    // Assess
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.absent(),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true }),
      AccessControl: Match.absent(),
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
          }),
        ]),
      },
    });
  });

  it.each([
    ['CALL_RECORDINGS', 'connect/call-recordings'],
    ['CHAT_TRANSCRIPTS', 'connect/chat-transcripts'],
    ['SCHEDULED_REPORTS', 'connect/reports'],
  ])('stores %s under %s in the bucket, KMS-encrypted', (resourceType, prefix) => {
    // Prepare
    const t = template('acme-instance-develop-us-east-1');
    const key = Object.keys(t.findResources('AWS::KMS::Key'))[0];
    const bucket = Object.entries(t.findResources('AWS::S3::Bucket')).find(
      ([, r]) => r.Properties.BucketName,
    )![0];

    // Assess
    t.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
      InstanceArn: { 'Fn::GetAtt': ['Instance', 'Arn'] },
      ResourceType: resourceType,
      StorageType: 'S3',
      S3Config: {
        BucketName: { Ref: bucket },
        BucketPrefix: prefix,
        EncryptionConfig: { EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': [key, 'Arn'] } },
      },
    });
  });

  it('creates the hours of operation with the schedule in the configured time zone', () => {
    template('acme-instance-develop-us-east-1').hasResourceProperties('AWS::Connect::HoursOfOperation', {
      InstanceArn: { 'Fn::GetAtt': ['Instance', 'Arn'] },
      Name: 'ACME_Hours',
      TimeZone: 'America/New_York',
      Config: Match.arrayWith([
        { Day: 'MONDAY', StartTime: { Hours: 8, Minutes: 0 }, EndTime: { Hours: 18, Minutes: 0 } },
        { Day: 'FRIDAY', StartTime: { Hours: 8, Minutes: 0 }, EndTime: { Hours: 17, Minutes: 0 } },
      ]),
    });
  });

  it.each(['ACME_Sales', 'ACME_Finance'])(
    'creates queue %s following the hours of operation it names',
    (name) => {
      // Prepare
      const t = template('acme-instance-develop-us-east-1');
      const hours = Object.keys(t.findResources('AWS::Connect::HoursOfOperation'))[0];

      // Assess
      t.hasResourceProperties('AWS::Connect::Queue', {
        InstanceArn: { 'Fn::GetAtt': ['Instance', 'Arn'] },
        Name: name,
        HoursOfOperationArn: { 'Fn::GetAtt': [hours, 'HoursOfOperationArn'] },
        Status: 'ENABLED',
      });
    },
  );

  it('creates the routing profile and the quick connect', () => {
    // Prepare
    const t = template('acme-instance-develop-us-east-1');
    const sales = Object.entries(t.findResources('AWS::Connect::Queue')).find(
      ([, r]) => r.Properties.Name === 'ACME_Sales',
    )![0];

    // Assess
    t.hasResourceProperties('AWS::Connect::RoutingProfile', {
      Name: 'ACME_Agents',
      DefaultOutboundQueueArn: { 'Fn::GetAtt': [sales, 'QueueArn'] },
      MediaConcurrencies: [
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'CHAT', Concurrency: 2 },
        { Channel: 'TASK', Concurrency: 3 },
      ],
      QueueConfigs: Match.arrayWith([
        {
          Priority: 1,
          Delay: 0,
          QueueReference: { Channel: 'VOICE', QueueArn: { 'Fn::GetAtt': [sales, 'QueueArn'] } },
        },
      ]),
    });
    t.hasResourceProperties('AWS::Connect::QuickConnect', {
      Name: 'ACME_Escalations',
      QuickConnectConfig: { QuickConnectType: 'PHONE_NUMBER', PhoneConfig: { PhoneNumber: '+15555550199' } },
    });
  });

  it('publishes ids and ARNs as SSM parameters under /<app>/<env>/connect/', () => {
    // Prepare
    const t = template('acme-instance-staging-us-east-1');
    const params = Object.values(t.findResources('AWS::SSM::Parameter')).map((r) => [
      r.Properties.Name,
      r.Properties.Value,
    ]);
    const queue = (name: string) =>
      Object.entries(t.findResources('AWS::Connect::Queue')).find(([, r]) => r.Properties.Name === name)![0];
    const hours = Object.keys(t.findResources('AWS::Connect::HoursOfOperation'))[0];
    const key = Object.keys(t.findResources('AWS::KMS::Key'))[0];
    const bucket = Object.entries(t.findResources('AWS::S3::Bucket')).find(
      ([, r]) => r.Properties.BucketName,
    )![0];

    // Assess
    expect(params).toEqual(
      expect.arrayContaining([
        ['/acme/staging/connect/instance-id', { 'Fn::GetAtt': ['Instance', 'Id'] }],
        ['/acme/staging/connect/instance-arn', { 'Fn::GetAtt': ['Instance', 'Arn'] }],
        ['/acme/staging/connect/storage-bucket-name', { Ref: bucket }],
        ['/acme/staging/connect/storage-key-arn', { 'Fn::GetAtt': [key, 'Arn'] }],
        ['/acme/staging/connect/queue/ACME_Sales/arn', { 'Fn::GetAtt': [queue('ACME_Sales'), 'QueueArn'] }],
        [
          '/acme/staging/connect/queue/ACME_Finance/arn',
          { 'Fn::GetAtt': [queue('ACME_Finance'), 'QueueArn'] },
        ],
        ['/acme/staging/connect/hours/ACME_Hours/arn', { 'Fn::GetAtt': [hours, 'HoursOfOperationArn'] }],
      ]),
    );
    expect(params).toHaveLength(7);
  });
});
