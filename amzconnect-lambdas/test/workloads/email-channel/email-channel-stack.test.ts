import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env';
import { synthFindings, ValidationFinding } from '@amzconnect/testing';
import {
  addLambdaStacksFor,
  FUNCTIONS_REGISTRY_FILE,
  KNOWN_FUNCTION_NAMES,
  LambdasStack,
  loadFunctionsRegistry,
} from '../../../lib';
import { examplePlatform, exampleWorkloads } from '../../support/example-config';

describe('email channel in the lambdas stacks of examples/all-workloads', () => {
  let stacks: LambdasStack[];
  let findings: ValidationFinding[];
  let template: Template;

  beforeAll(() => {
    // Prepare: the sample configuration, with only this workload's settings
    const config = examplePlatform();
    const workloads = exampleWorkloads(config);
    const app = createPlatformApp({ skipBundling: true });
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

  it('keeps mail in a versioned, encrypted, access-logged bucket and cases in a recoverable table', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
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

  it('lets only the agent page origin read mail from a browser (CORS GET)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['https://ccp.example.com'], MaxAge: 300 }],
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

  it('lets the relay send only from customerservice+* at the channel identity', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EmailChannelRelayRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'SendFromTheChannelDomain',
            Effect: 'Allow',
            Action: 'ses:SendEmail',
            Resource: 'arn:aws:ses:us-east-1:111111111111:identity/mail.example.com',
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
      Object.keys(template.findResources('AWS::Connect::IntegrationAssociation')).filter((id) =>
        id.startsWith('EmailChannel'),
      ),
    ).toHaveLength(2);
  });
});
