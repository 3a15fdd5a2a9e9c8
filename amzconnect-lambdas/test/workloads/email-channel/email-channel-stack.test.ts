import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { synthFindings, ValidationFinding } from '@amzconnect/testing/synth';
import {
  addLambdaStacksFor,
  FUNCTIONS_REGISTRY_FILE,
  KNOWN_FUNCTION_NAMES,
  LambdasStack,
  loadFunctionsRegistry,
} from '../../../lib';
import { examplePlatform, exampleWorkloads } from '../../support/example-config';
import {
  AGENT_PAGE_HSTS_SECONDS,
  agentPageSecurityHeaders,
} from '../../../lib/workloads/email-channel/agent-page-headers';
import { EmailChannel } from '../../../lib/workloads/email-channel/email-channel';

describe('email channel in the lambdas stacks of examples/all-workloads', () => {
  let stacks: LambdasStack[];
  let findings: ValidationFinding[];
  let template: Template;

  beforeAll(() => {
    // Prepare: the sample configuration, with only this workload's settings
    const config = examplePlatform();
    const workloads = exampleWorkloads(config);
    const app = createPlatformApp({ skipBundling: true, guard: false });
    // Act
    stacks = addLambdaStacksFor(
      loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES),
      app,
      config,
      undefined,
      (envName, region) => ({ 'email-channel': workloads.targetsFor(envName, region)['email-channel'] }),
    );
    findings = synthFindings(app);
    template = Template.fromStack(stacks[0]);
  });

  it('synthesizes with no unacknowledged cdk-nag or template finding', () => {
    expect(findings).toEqual([]);
  });

  it('builds the channel only where it is on: both Regions of develop', () => {
    const withChannel = stacks
      .filter((s) => s.node.tryFindChild('EmailChannel') !== undefined)
      .map((s) => s.stackName);
    expect(withChannel).toEqual(['acme-lambdas-develop-us-east-1', 'acme-lambdas-develop-us-west-2']);
    expect(Template.fromStack(stacks[2]).findResources('AWS::SES::ReceiptRule')).toEqual({});
  });

  it('adds its rules to the active rule set (never activates its own): relay before inbound, each storing to its prefix then stopping', () => {
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    const lookup = Object.entries(template.findResources('Custom::AWS')).find(([, r]) =>
      String(JSON.stringify(r.Properties.Create)).includes('DescribeActiveReceiptRuleSet'),
    );
    expect(lookup).toBeDefined();
    expect(JSON.stringify(template.toJSON())).not.toContain('SetActiveReceiptRuleSet');
    const activeName = { 'Fn::GetAtt': [lookup?.[0], 'Metadata.Name'] };
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: activeName,
      Rule: {
        Name: 'acme-develop-email-relay',
        Enabled: true,
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Recipients: [
          'agentrelay@mail.example.com',
          'queuerelay@mail.example.com',
          'relay@mail.example.com',
          'rejectrelay@mail.example.com',
        ],
        Actions: [
          { S3Action: { BucketName: Match.anyValue(), ObjectKeyPrefix: 'relay/' } },
          { StopAction: { Scope: 'RuleSet' } },
        ],
      },
    });
    const rules = template.findResources('AWS::SES::ReceiptRule');
    const relayId = Object.keys(rules).find(
      (id) => rules[id].Properties.Rule.Name === 'acme-develop-email-relay',
    );
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      After: { Ref: relayId },
      Rule: {
        Name: 'acme-develop-email-inbound',
        ScanEnabled: true,
        Recipients: ['customerservice@mail.example.com'],
        Actions: [
          { S3Action: { BucketName: Match.anyValue(), ObjectKeyPrefix: 'inbound/' } },
          { StopAction: { Scope: 'RuleSet' } },
        ],
      },
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.example.com' });
  });

  it('lets SES put objects only under each prefix, from this account and that rule', () => {
    const ruleArn = (rule: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:aws:ses:us-east-1:111111111111:receipt-rule-set/',
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailChannelActiveRuleSetLookup'), 'Metadata.Name'] },
          `:receipt-rule/${rule}`,
        ],
      ],
    });
    for (const [prefix, rule] of [
      ['relay/', 'acme-develop-email-relay'],
      ['inbound/', 'acme-develop-email-inbound'],
    ])
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'ses.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: { 'Fn::Join': ['', [Match.anyValue(), `/${prefix}*`]] },
              Condition: {
                StringEquals: { 'aws:SourceAccount': '111111111111', 'aws:SourceArn': ruleArn(rule) },
              },
              Sid: Match.anyValue(),
            }),
          ]),
        },
      });
  });

  it('keeps mail in a versioned, SSE-KMS (own key), access-logged bucket and cases in a recoverable table', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailChannelMailKey'), 'Arn'] },
            },
          },
        ],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'access-logs/' }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'inbound/', ExpirationInDays: 30, Status: 'Enabled' }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'caseId', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('lets only the agent page origins read mail from a browser (CORS GET)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          { AllowedMethods: ['GET'], AllowedOrigins: ['https://ccp.example.com'], MaxAge: 300 },
          { AllowedMethods: ['GET'], AllowedOrigins: ['https://*.cloudfront.net'], MaxAge: 300 },
        ],
      },
    });
  });

  it('sends events the gateway or relay still fail on after two retries to an encrypted queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(configs).toHaveLength(2);
    for (const c of configs)
      expect(c.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [expect.stringMatching(/^EmailChannelFailedMailEvents/), 'Arn'] },
          },
        },
      });
  });

  it('triggers the gateway from inbound/ and the relay from relay/', () => {
    const notifications = Object.values(template.findResources('Custom::S3BucketNotifications'));
    const configs = notifications.flatMap(
      (n) =>
        (n.Properties.NotificationConfiguration.LambdaFunctionConfigurations ?? []) as Record<
          string,
          unknown
        >[],
    );
    const byPrefix = Object.fromEntries(
      configs.map((c) => [
        (c.Filter as { Key: { FilterRules: { Value: string }[] } }).Key.FilterRules[0].Value,
        ((c.LambdaFunctionArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'] ?? [])[0],
      ]),
    );
    expect(Object.keys(byPrefix).sort()).toEqual(['inbound/', 'relay/']);
    expect(byPrefix['inbound/']).toMatch(/^EmailChannelGateway/);
    expect(byPrefix['relay/']).toMatch(/^EmailChannelRelay/);
  });

  it('creates the domain identity with Easy DKIM, its configuration set as default, and outputs the three DKIM CNAME records', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.example.com',
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: Match.stringLikeRegexp('^EmailChannelSesConfigurationSet') },
      },
      DkimSigningAttributes: Match.absent(),
    });
    const identityId = Object.keys(template.findResources('AWS::SES::EmailIdentity'))[0];
    const outputs = Object.values(template.findOutputs('*')).filter((o) =>
      String(o.Description).startsWith('DKIM record'),
    );
    expect(outputs.map((o) => o.Value)).toEqual(
      [1, 2, 3].map((n) => ({
        'Fn::Join': [
          ' ',
          [
            { 'Fn::GetAtt': [identityId, `DkimDNSTokenName${n}`] },
            'CNAME',
            { 'Fn::GetAtt': [identityId, `DkimDNSTokenValue${n}`] },
          ],
        ],
      })),
    );
  });

  it('creates a configuration set with reputation metrics and sending events, and publishes the SES names for the readiness check', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'acme-develop-email-channel',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['send', 'delivery', 'bounce', 'complaint', 'reject', 'renderingFailure'],
      }),
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/acme/develop/workloads/email-channel/ses-identity',
      Value: 'mail.example.com',
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/acme/develop/workloads/email-channel/ses-configuration-set',
      Value: { Ref: Match.stringLikeRegexp('^EmailChannelSesConfigurationSet') },
    });
  });

  it('serves the agent page from a private bucket through CloudFront with origin access control, HTTPS only, logged', () => {
    const channel = stacks[0].node.findChild('EmailChannel') as EmailChannel;
    const resolve = (v: unknown) => stacks[0].resolve(v);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.absent(),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'access-logs/' }),
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'https-only',
          AllowedMethods: ['GET', 'HEAD'],
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('^EmailChannelAgentPageSecurityHeaders') },
        }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
        Origins: [
          Match.objectLike({
            DomainName: resolve(channel.agentPage.siteBucket.bucketRegionalDomainName),
            OriginAccessControlId: Match.anyValue(),
          }),
        ],
      }),
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: resolve(channel.agentPage.siteBucket.bucketName),
      Prune: true,
      DistributionPaths: ['/*'],
    });
  });

  it('sends the security headers of the one definition: CSP framed only by the instance workspace, fetching only from the mail bucket', () => {
    const channel = stacks[0].node.findChild('EmailChannel') as EmailChannel;
    const headers = agentPageSecurityHeaders({
      agentWorkspaceOrigin: channel.agentPage.agentWorkspaceOrigin,
      mailOrigin: `https://${channel.mailBucket.bucketRegionalDomainName}`,
    });
    const csp = JSON.stringify(stacks[0].resolve(headers.contentSecurityPolicy));
    expect(csp).toContain('frame-ancestors https://');
    expect(csp).toContain('.my.connect.aws');
    expect(csp).toContain('InstanceAliasLookup');
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            ContentSecurityPolicy: stacks[0].resolve(headers.contentSecurityPolicy),
            Override: true,
          },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: AGENT_PAGE_HSTS_SECONDS,
            IncludeSubdomains: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        },
        CustomHeadersConfig: {
          Items: [{ Header: 'Permissions-Policy', Value: headers.permissionsPolicy, Override: true }],
        },
      }),
    });
    // The alias is read with DescribeInstance, allowed on this instance only.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'connect:DescribeInstance',
            Resource: { Ref: Match.stringLikeRegexp('connectinstancearn') },
          },
        ],
      },
    });
    // The page's origin may read the presigned mail (bucket CORS, GET only).
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: Match.arrayWith([
          { AllowedMethods: ['GET'], AllowedOrigins: ['https://*.cloudfront.net'], MaxAge: 300 },
        ]),
      },
    });
  });

  it('shows the page to agents as a contact-scoped workspace application associated with the instance', () => {
    const channel = stacks[0].node.findChild('EmailChannel') as EmailChannel;
    const resolve = (v: unknown) => stacks[0].resolve(v);
    template.hasResourceProperties('AWS::AppIntegrations::Application', {
      Name: 'acme-develop-email-task',
      Namespace: 'acme-develop-email-task',
      ApplicationSourceConfig: {
        ExternalUrlConfig: { AccessUrl: resolve(`${channel.agentPage.pageOrigin}/index.html`) },
      },
      ApplicationConfig: { ContactHandling: { Scope: 'PER_CONTACT' } },
      Permissions: ['Contact.Details.View', 'Contact.Attributes.View'],
    });
    template.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      InstanceId: { Ref: Match.stringLikeRegexp('connectinstancearn') },
      IntegrationArn: resolve(channel.agentPage.application.attrApplicationArn),
      IntegrationType: 'APPLICATION',
    });
  });

  it('gives agents the app through a security profile of its own, created after the association, with CCP and quick connects only', () => {
    const channel = stacks[0].node.findChild('EmailChannel') as EmailChannel;
    const profiles = template.findResources('AWS::Connect::SecurityProfile');
    expect(Object.values(profiles).map((p) => p.Properties)).toEqual([
      {
        InstanceArn: { Ref: expect.stringMatching(/connectinstancearn/) },
        SecurityProfileName: 'acme-develop-email-agent',
        Description: expect.any(String),
        Permissions: ['BasicAgentAccess', 'TransferDestinations.View'],
        Applications: [
          {
            Namespace: 'acme-develop-email-task',
            ApplicationPermissions: ['ACCESS'],
            Type: 'THIRD_PARTY_APPLICATION',
          },
        ],
      },
    ]);
    expect(Object.values(profiles)[0].Properties.Applications[0].Namespace).toBe(
      channel.agentPage.application.namespace,
    );
    const association = Object.keys(
      template.findResources('AWS::Connect::IntegrationAssociation', {
        Properties: { IntegrationType: 'APPLICATION' },
      }),
    );
    expect(association).toHaveLength(1);
    expect(Object.values(profiles)[0].DependsOn).toEqual(association);
    template.hasOutput('*', {
      Value: 'acme-develop-email-agent',
      Description: Match.stringLikeRegexp('email agents of acme develop'),
    });
  });

  it('lets the relay send only from customerservice+* at the channel identity, with its configuration set', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EmailChannelRelayRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'SendFromTheChannelDomain',
            Effect: 'Allow',
            Action: 'ses:SendEmail',
            Resource: [
              'arn:aws:ses:us-east-1:111111111111:identity/mail.example.com',
              {
                'Fn::Join': [
                  '',
                  [
                    'arn:aws:ses:us-east-1:111111111111:configuration-set/',
                    { Ref: Match.stringLikeRegexp('^EmailChannelSesConfigurationSet') },
                  ],
                ],
              },
            ],
            Condition: { StringLike: { 'ses:FromAddress': 'customerservice+*@mail.example.com' } },
          },
        ]),
      },
    });
  });

  it('grants the gateway exactly the switched-on Comprehend detections and task starts in this instance', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EmailChannelGatewayRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'DetectInsights',
            Effect: 'Allow',
            Action: [
              'comprehend:DetectDominantLanguage',
              'comprehend:DetectEntities',
              'comprehend:DetectSentiment',
            ],
            Resource: '*',
          },
          Match.objectLike({
            Sid: 'StartTasks',
            Action: 'connect:StartTaskContact',
            Resource: [
              {
                'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('connectinstancearn') }, '/contact-flow/*']],
              },
              { 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('connectinstancearn') }, '/contact/*']] },
            ],
          }),
        ]),
      },
    });
  });

  it("lets the generate-URL function set references on this instance's contacts only (the task's OriginalMail link)", () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EmailChannelGenerateUrlRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'SetOriginalMailReference',
            Effect: 'Allow',
            Action: 'connect:UpdateContact',
            Resource: {
              'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('connectinstancearn') }, '/contact/*']],
            },
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'email-generate-url',
          CONNECT_INSTANCE_ARN: { Ref: Match.stringLikeRegexp('connectinstancearn') },
        }),
      },
    });
  });

  it('configures the gateway from the settings and publishes the flow functions for ${lambda:...}', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Turns mail to the inquiry address'),
      Timeout: 60,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'email-gateway',
          MAIL_DOMAIN: 'mail.example.com',
          INQUIRY_ADDRESS: 'customerservice@mail.example.com',
          TASK_FLOW_NAME: 'acme-ACME_email_inbound',
          DETECT_LANGUAGE: 'true',
        }),
      },
    });
    for (const name of ['email-generate-url', 'email-whisper']) {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: `/acme/develop/lambdas/${name}/arn` });
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: `/acme/develop/lambdas/${name}/name` });
    }
    // Both flow functions are associated with the instance; the S3-triggered ones are not.
    expect(
      Object.keys(
        template.findResources('AWS::Connect::IntegrationAssociation', {
          Properties: { IntegrationType: 'LAMBDA_FUNCTION' },
        }),
      ).filter((id) => id.startsWith('EmailChannel')),
    ).toHaveLength(2);
  });
});
