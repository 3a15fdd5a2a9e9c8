import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { synthFindings, ValidationFinding } from '@amzconnect/testing/synth';
import { examplePlatform } from '../../support/example-config';
import { addLambdaStacks, LambdasStack } from '../../../lib';
import { readNoticeTemplate } from '../../../lib/workloads/agent-guides/notice-template';
import { WORKLOAD_CONSTRUCTS } from '../../../lib/workloads/workload-constructs';

/** Every statement of the policies attached to the role whose logical id starts with `rolePrefix`. */
function statementsOf(template: Template, rolePrefix: string): Record<string, any>[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref.startsWith(rolePrefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
}

/** Statements beyond the ones every PlatformFunction role has (its log group, X-Ray). */
function grantedStatements(template: Template, rolePrefix: string): Record<string, any>[] {
  return statementsOf(template, rolePrefix).filter(
    (s) =>
      !String(s.Action).startsWith('xray:') &&
      !(Array.isArray(s.Action) && s.Action[0].startsWith('xray:')) &&
      !JSON.stringify(s.Action).includes('logs:'),
  );
}

const INSTANCE_ARN = {
  Ref: 'SsmParameterValueacmedevelopconnectinstancearnC96584B6F00A464EAD1953AFF4B05118Parameter',
};
const ses = (resource: string) => `arn:aws:ses:us-east-1:111111111111:${resource}`;

describe('the agent guides in the lambdas stacks of examples/all-workloads', () => {
  let stacks: LambdasStack[];
  let findings: ValidationFinding[];
  let east: Template;
  let west: Template;

  beforeAll(() => {
    // Prepare
    const config = examplePlatform();
    const app = createPlatformApp({ skipBundling: true, guard: false });
    // Act
    stacks = addLambdaStacks(app, config, {}) as LambdasStack[];
    findings = synthFindings(app);
    east = Template.fromStack(stacks[0]);
    west = Template.fromStack(stacks[1]);
  });

  it('deploys the four guide functions for develop (both Regions) and none for staging or prod', () => {
    const guideFunctions = (s: LambdasStack) =>
      [...s.functions.keys()].filter((n) => n.startsWith('agent-guides-'));
    expect(stacks.map((s) => [s.stackName, guideFunctions(s)])).toEqual([
      [
        'acme-lambdas-develop-us-east-1',
        [
          'agent-guides-settings',
          'agent-guides-send-email',
          'agent-guides-send-sms',
          'agent-guides-send-notice',
        ],
      ],
      [
        'acme-lambdas-develop-us-west-2',
        [
          'agent-guides-settings',
          'agent-guides-send-email',
          'agent-guides-send-sms',
          'agent-guides-send-notice',
        ],
      ],
      ['acme-lambdas-staging-us-east-1', []],
      ['acme-lambdas-prod-us-east-1', []],
    ]);
  });

  it('synthesizes with no unacknowledged cdk-nag or template finding', () => {
    expect(findings).toEqual([]);
  });

  it('creates the SES template the senders name, with the subject, text and HTML of config/templates, in each Region where the guide is on', () => {
    const content = readNoticeTemplate();
    for (const t of [east, west])
      expect(Object.values(t.findResources('AWS::SES::Template')).map((r) => r.Properties)).toEqual([
        {
          Template: {
            TemplateName: 'acme-cancellation-notice',
            SubjectPart: content.subject,
            TextPart: content.text,
            HtmlPart: content.html,
          },
        },
      ]);
    for (const s of stacks.slice(2)) Template.fromStack(s).resourceCountIs('AWS::SES::Template', 0);
  });

  it('leaves an adopted template alone ("manageTemplate": false): the stack creates none', () => {
    const templatesFor = (manageTemplate: boolean) => {
      const stack = new Stack();
      WORKLOAD_CONSTRUCTS['agent-guides']!(
        stack,
        {
          customerProfilesEnabled: false,
          email: {
            identity: 'example.com',
            fromAddress: 'cancellations@example.com',
            template: 'their-own-template',
            manageTemplate,
          },
          links: [],
        },
        {
          app: 'acme',
          envName: 'develop',
          connectInstanceArn: 'arn:aws:connect:us-east-1:111111111111:instance/x',
        },
      );
      return Object.keys(Template.fromStack(stack).findResources('AWS::SES::Template')).length;
    };

    expect(templatesFor(false)).toBe(0);
    expect(templatesFor(true)).toBe(1);
  });

  it('lets send-email call ses:SendEmail only on the configured identity, template and configuration set, from the configured address', () => {
    expect(grantedStatements(east, 'AgentGuidesSendEmailRole')).toEqual([
      {
        Sid: 'SendTheNoticeFromTheConfiguredIdentity',
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        // Sorted: @aws-cdk/aws-iam:minimizePolicies orders resources.
        Resource: [
          ses('configuration-set/acme-agent-guides'),
          ses('identity/example.com'),
          ses('template/acme-cancellation-notice'),
        ],
        Condition: { StringEquals: { 'ses:FromAddress': 'cancellations@example.com' } },
      },
    ]);
  });

  it('lets send-notice (both channels in one submission) do exactly what send-email and send-sms do, nothing more', () => {
    const sids = (role: string) => grantedStatements(east, role);
    expect(sids('AgentGuidesSendNoticeRole')).toEqual([
      ...sids('AgentGuidesSendEmailRole'),
      ...sids('AgentGuidesSendSmsRole'),
    ]);
    expect(grantedStatements(west, 'AgentGuidesSendNoticeRole')).toEqual(
      grantedStatements(west, 'AgentGuidesSendEmailRole'),
    );
  });

  it("lets send-sms call sms-voice:SendTextMessage only from the Region's origination identity, and nothing where the Region has none", () => {
    expect(grantedStatements(east, 'AgentGuidesSendSmsRole')).toEqual([
      {
        Sid: 'TextTheNoticeFromTheConfiguredOriginationIdentity',
        Effect: 'Allow',
        Action: 'sms-voice:SendTextMessage',
        Resource:
          'arn:aws:sms-voice:us-east-1:111111111111:phone-number/phone-00000000000000000000000000000000',
      },
    ]);
    expect(grantedStatements(west, 'AgentGuidesSendSmsRole')).toEqual([]);
  });

  it("lets the settings function read, never change or send, the configured sender: SES account, identity, template, configuration set and the Region's number", () => {
    const phone =
      'arn:aws:sms-voice:us-east-1:111111111111:phone-number/phone-00000000000000000000000000000000';
    const [account, sender, number] = grantedStatements(east, 'AgentGuidesSettingsRole');
    expect([account, sender, number]).toEqual([
      { Sid: 'ReadTheSesAccountSendingStatus', Effect: 'Allow', Action: 'ses:GetAccount', Resource: '*' },
      {
        Sid: 'ReadTheConfiguredSesSender',
        Effect: 'Allow',
        // Sorted by the CDK's minimizePolicies (a recommended feature flag).
        Action: ['ses:GetConfigurationSet', 'ses:GetEmailIdentity', 'ses:GetEmailTemplate'],
        Resource: [
          ses('configuration-set/acme-agent-guides'),
          ses('identity/example.com'),
          ses('template/acme-cancellation-notice'),
        ],
      },
      {
        Sid: 'ReadTheConfiguredSmsSender',
        Effect: 'Allow',
        Action: 'sms-voice:DescribePhoneNumbers',
        Resource: phone,
      },
    ]);
    // us-west-2 has no origination identity: nothing to read there.
    expect(grantedStatements(west, 'AgentGuidesSettingsRole').map((s) => s.Sid)).toEqual([
      'ReadTheSesAccountSendingStatus',
      'ReadTheConfiguredSesSender',
    ]);
  });

  it("grants no guide role a wildcard resource other than X-Ray's and the settings function's ses:GetAccount", () => {
    for (const t of [east, west]) {
      for (const role of [
        'AgentGuidesSendEmailRole',
        'AgentGuidesSendSmsRole',
        'AgentGuidesSendNoticeRole',
        'AgentGuidesSettingsRole',
      ]) {
        const wild = statementsOf(t, role).filter((s) => JSON.stringify(s.Resource).includes('*'));
        expect(wild.map((s) => s.Action)).toEqual([
          ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          ...(role === 'AgentGuidesSettingsRole' ? ['ses:GetAccount'] : []),
        ]);
      }
    }
  });

  it('associates every guide function with the instance, invocable by Connect from that instance only', () => {
    for (const id of [
      'AgentGuidesSendEmail',
      'AgentGuidesSendSms',
      'AgentGuidesSendNotice',
      'AgentGuidesSettings',
    ]) {
      east.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
        InstanceId: INSTANCE_ARN,
        IntegrationType: 'LAMBDA_FUNCTION',
        IntegrationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}[0-9A-F]{8}$`), 'Arn'] },
      });
      east.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${id}[0-9A-F]{8}$`), 'Arn'] },
        Principal: 'connect.amazonaws.com',
        SourceArn: INSTANCE_ARN,
        SourceAccount: '111111111111',
      });
    }
  });

  it('configures each function with its settings only, and leaves SMS unset where the Region has no identity', () => {
    const envOf = (t: Template, id: string) =>
      Object.entries(t.findResources('AWS::Lambda::Function')).find(
        ([k]) => k.startsWith(id) && /^[A-Za-z]+[0-9A-F]{8}$/.test(k),
      )?.[1].Properties.Environment.Variables;
    expect(envOf(east, 'AgentGuidesSendEmail')).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'agent-guides-send-email',
      EMAIL_FROM_ADDRESS: 'cancellations@example.com',
      EMAIL_TEMPLATE: 'acme-cancellation-notice',
      EMAIL_CONFIGURATION_SET: 'acme-agent-guides',
    });
    expect(envOf(east, 'AgentGuidesSendSms')).toMatchObject({
      SMS_ORIGINATION_IDENTITY: 'phone-00000000000000000000000000000000',
    });
    expect(envOf(west, 'AgentGuidesSendSms').SMS_ORIGINATION_IDENTITY).toBeUndefined();
    expect(envOf(east, 'AgentGuidesSettings')).toMatchObject({
      EMAIL_IDENTITY: 'example.com',
      SMS_ORIGINATION_IDENTITY: 'phone-00000000000000000000000000000000',
      // The examples' values are placeholders: the settings function never calls them ready.
      GUIDE_PLACEHOLDERS: 'email.identity,email.fromAddress,sms.originationIdentity',
      GUIDE_CUSTOMER_PROFILES: 'true',
      GUIDE_LINKS: '[{"label":"Cancellation policy","url":"https://www.example.com/cancellation-policy"}]',
    });
  });

  it("gives the settings function the instance's Customer Profiles domain from the contract parameter, and no profile permission", () => {
    const envOf = (t: Template) =>
      Object.entries(t.findResources('AWS::Lambda::Function')).find(([k]) =>
        /^AgentGuidesSettings[0-9A-F]{8}$/.test(k),
      )![1].Properties.Environment.Variables;
    const domain = envOf(east).GUIDE_CUSTOMER_PROFILES_DOMAIN as { Ref: string };

    expect(east.toJSON().Parameters[domain.Ref]).toEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/acme/develop/connect/customer-profiles-domain-name',
    });
    for (const t of [east, west])
      expect(JSON.stringify(statementsOf(t, 'AgentGuidesSettingsRole'))).not.toContain('profile:');
  });

  it('says at synthesis where a function will answer NOT_CONFIGURED', () => {
    Annotations.fromStack(stacks[1]).hasInfo(
      '/acme-lambdas-develop-us-west-2/AgentGuidesSendSms',
      'agent-guides-send-sms in develop (us-west-2): no SMS origination identity is configured for this Region; the function answers NOT_CONFIGURED for that channel and its role gets no permission to send on it.',
    );
    expect(Annotations.fromStack(stacks[0]).findInfo('*', Match.stringLikeRegexp('NOT_CONFIGURED'))).toEqual(
      [],
    );
  });

  it('publishes each guide function under the shared SSM names, so flows resolve ${lambda:...}', () => {
    for (const name of [
      'agent-guides-send-email',
      'agent-guides-send-sms',
      'agent-guides-send-notice',
      'agent-guides-settings',
    ]) {
      east.hasResourceProperties('AWS::SSM::Parameter', { Name: `/acme/develop/lambdas/${name}/arn` });
    }
  });
});
