import { Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { examplePlatform, exampleWorkloads } from '../../support/example-config';
import { synthFindings, ValidationFinding } from '@amzconnect/testing/synth';
import {
  addLambdaStacksFor,
  FUNCTIONS_REGISTRY_FILE,
  KNOWN_FUNCTION_NAMES,
  LambdasStack,
  loadFunctionsRegistry,
} from '../../../lib';

const INSTANCE_ARN_PARAM =
  'SsmParameterValueacmedevelopconnectinstancearnC96584B6F00A464EAD1953AFF4B05118Parameter';
const SECRET_ARN =
  'arn:aws:secretsmanager:us-east-1:111111111111:secret:acme/develop/messaging-channels/facebook-AbC123';

describe('messaging channels in the sample configuration (develop: SMS and Messenger on in us-east-1)', () => {
  let stacks: LambdasStack[];
  let findings: ValidationFinding[];
  let template: Template;

  beforeAll(() => {
    // Prepare
    const config = examplePlatform();
    const registry = loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES);
    const workloads = exampleWorkloads(config);
    const app = createPlatformApp({ skipBundling: true, guard: false });
    // Act
    stacks = addLambdaStacksFor(registry, app, config, undefined, (envName, region) => ({
      'messaging-channels': workloads.targetsFor(envName, region)['messaging-channels'],
    }));
    findings = synthFindings(app);
    template = Template.fromStack(stacks[0]);
  });

  it('synthesizes every environment with no unacknowledged cdk-nag or template finding', () => {
    expect(findings).toEqual([]);
  });

  it('deploys the channels only in develop us-east-1 (off by default elsewhere)', () => {
    const withChannels = stacks
      .filter((s) => s.node.tryFindChild('MessagingChannels') !== undefined)
      .map((s) => s.stackName);
    expect(withChannels).toEqual(['acme-lambdas-develop-us-east-1']);
  });

  it('lets Connect publish to the standard streaming topic only for this account and instance', () => {
    const topics = template.findResources('AWS::SNS::Topic');
    for (const t of Object.values(topics)) {
      expect(t.Properties.FifoTopic).toBeUndefined();
      expect(t.Properties.KmsMasterKeyId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^MessagingChannelsTopicKey/), 'Arn'],
      });
    }
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: Match.stringLikeRegexp('^MessagingChannelsStreamingTopic') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'ConnectStreamsChatsOfThisInstance',
            Effect: 'Allow',
            Principal: { Service: 'connect.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: Match.stringLikeRegexp('^MessagingChannelsStreamingTopic') },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnEquals: { 'aws:SourceArn': { Ref: INSTANCE_ARN_PARAM } },
            },
          },
        ]),
      },
    });
  });

  it('subscribes the inbound function to the SMS topic and the outbound function to the streaming topic', () => {
    const subs = Object.values(template.findResources('AWS::SNS::Subscription')).map((s) => [
      s.Properties.TopicArn.Ref as string,
      (s.Properties.Endpoint['Fn::GetAtt'] as string[])[0],
    ]);
    expect(subs.sort()).toEqual([
      [
        expect.stringMatching(/^MessagingChannelsSmsInboundTopic/),
        expect.stringMatching(/^MessagingChannelsInbound[0-9A-F]{8}$/),
      ],
      [
        expect.stringMatching(/^MessagingChannelsStreamingTopic/),
        expect.stringMatching(/^MessagingChannelsOutbound[0-9A-F]{8}$/),
      ],
    ]);
  });

  it('keeps SNS deliveries that failed after two retries in an encrypted queue for 14 days', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')).map(
      (c) => c.Properties,
    );
    expect(configs).toHaveLength(2);
    for (const c of configs) {
      expect(c).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: {
            Destination: {
              'Fn::GetAtt': [expect.stringMatching(/^MessagingChannelsFailedDeliveries/), 'Arn'],
            },
          },
        },
      });
    }
  });

  it('keeps sessions in a TTL table indexed by contact id', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'contactId',
          KeySchema: [{ AttributeName: 'contactId', KeyType: 'HASH' }],
        }),
      ],
    });
  });

  it('gives the inbound function the flow name, instance, topic and secret, and only the Connect calls it makes', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'messaging-inbound',
          CONTACT_FLOW_NAME: 'acme-ACME_messaging_chat',
          CONNECT_INSTANCE_ARN: { Ref: INSTANCE_ARN_PARAM },
          STREAMING_TOPIC_ARN: { Ref: Match.stringLikeRegexp('^MessagingChannelsStreamingTopic') },
          SMS_ORIGINATION_NUMBER: '+12065550100',
          FACEBOOK_SECRET_ARN: SECRET_ARN,
        }),
      },
    });
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) =>
      (p.Properties.Roles[0].Ref as string).startsWith('MessagingChannelsInboundRole'),
    );
    const actions = (policy?.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((s) => s.Action)
      .sort();
    expect(actions).toEqual([
      'connect:ListContactFlows',
      'connect:StartChatContact',
      'connect:StartContactStreaming',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:GetSecretValue',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('lets the outbound function send SMS only from the configured End User Messaging number', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^MessagingChannelsOutboundRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'SendSmsFromTheConfiguredNumber',
            Effect: 'Allow',
            Action: 'sms-voice:SendTextMessage',
            Resource:
              'arn:aws:sms-voice:us-east-1:111111111111:phone-number/phone-00000000000000000000000000000000',
          },
        ]),
      },
    });
  });

  it('routes POST /facebook to the inbound function and GET /facebook to the health check, throttled and access-logged', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /facebook' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /facebook' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    template.hasOutput('*', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});

describe('messaging channels with only SMS on', () => {
  const registry = loadFunctionsRegistry(FUNCTIONS_REGISTRY_FILE, KNOWN_FUNCTION_NAMES);
  it('creates no Facebook endpoint, health check or secret permission, and passes cdk-nag', () => {
    // Prepare
    const app = createPlatformApp({ skipBundling: true, guard: false });
    // Act
    const stack = new LambdasStack(app, 'acme-lambdas-prod-us-east-1', {
      env: { account: '333333333333', region: 'us-east-1' },
      app: 'acme',
      envName: 'prod',
      functions: registry.functions,
      workloads: {
        'messaging-channels': {
          region: 'us-east-1',
          contactFlow: {
            reference: '${flow:ACME_messaging_chat}',
            name: 'ACME_messaging_chat',
            deployedName: 'acme-ACME_messaging_chat',
          },
          sms: { originationNumber: '+12065550100', phoneNumberId: 'phone-0123456789abcdef0123456789abcdef' },
        },
      },
    });
    const findings = synthFindings(app);
    const template = Template.fromStack(stack);
    // Assess
    expect(findings).toEqual([]);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
    const services = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string)
      .filter((name) => name.startsWith('messaging-'));
    expect(services.sort()).toEqual(['messaging-inbound', 'messaging-outbound']);
    template.resourceCountIs('AWS::SNS::Topic', 2);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[],
    );
    expect(statements.flatMap((s) => s.Action)).not.toContain('secretsmanager:GetSecretValue');
    const inbound = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'messaging-inbound',
    );
    expect(inbound?.Properties.Environment.Variables.FACEBOOK_SECRET_ARN).toBeUndefined();
  });

  it('lets Connect and End User Messaging use the topic key only for this account', () => {
    // Prepare
    const app = createPlatformApp({ skipBundling: true, guard: false });
    const stack = new LambdasStack(app, 'acme-lambdas-prod-us-east-1', {
      env: { account: '333333333333', region: 'us-east-1' },
      app: 'acme',
      envName: 'prod',
      functions: registry.functions,
      workloads: {
        'messaging-channels': {
          region: 'us-east-1',
          contactFlow: { reference: '${flow:F}', name: 'F', deployedName: 'acme-F' },
          sms: { originationNumber: '+12065550100', phoneNumberId: 'phone-0123456789abcdef0123456789abcdef' },
        },
      },
    });
    // Act
    const template = Template.fromStack(stack);
    // Assess
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'ServicesPublishToEncryptedTopics',
            Effect: 'Allow',
            Principal: {
              Service: ['connect.amazonaws.com', 'sms-voice.amazonaws.com'],
            },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': '333333333333' } },
          },
        ]),
      },
    });
  });
});
