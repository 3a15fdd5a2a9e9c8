import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { REPO_ROOT } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { addLambdaStacks, LambdasStack } from '../../lib';
import { examplePlatform } from '../support/example-config';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const PHONE_NUMBER = `arn:aws:sms-voice:${REGION}:${ACCOUNT}:phone-number/phone-00000000000000000000000000000000`;
const OTHER_NUMBER = `arn:aws:sms-voice:${REGION}:${ACCOUNT}:phone-number/phone-11111111111111111111111111111111`;
const PINPOINT_APP_MESSAGES = `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:apps/0123456789abcdef0123456789abcdef/messages`;

type Json = Record<string, unknown>;

/** Resolves the intrinsics IAM policies of these templates use, with the stack's pseudo parameters. */
function resolve(value: unknown, logicalArn: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, logicalArn));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Json;
  if ('Ref' in o) {
    const ref = String(o.Ref);
    return (
      {
        'AWS::Partition': 'aws',
        'AWS::Region': REGION,
        'AWS::AccountId': ACCOUNT,
        'AWS::URLSuffix': 'amazonaws.com',
      }[ref] ?? logicalArn(ref)
    );
  }
  if ('Fn::GetAtt' in o) return logicalArn(String((o['Fn::GetAtt'] as string[])[0]));
  if ('Fn::Join' in o) {
    const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => String(resolve(p, logicalArn))).join(sep);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(v, logicalArn)]));
}

/** Every role of a template with the identity policies attached to it (inline and AWS::IAM::Policy). */
function rolesWithPolicies(template: Template): { role: string; policies: Json[] }[] {
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Json }>;
  const logicalArn = (id: string) => `arn:aws:iam::${ACCOUNT}:resource/${id}`;
  const roles = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
  return roles.map(([id, role]) => {
    const inline = ((role.Properties.Policies ?? []) as { PolicyDocument: Json }[]).map(
      (p) => p.PolicyDocument,
    );
    const attached = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((r) => ((r.Properties.Roles ?? []) as { Ref?: string }[]).some((ref) => ref.Ref === id))
      .map((r) => r.Properties.PolicyDocument as Json);
    return { role: id, policies: [...inline, ...attached].map((p) => resolve(p, logicalArn) as Json) };
  });
}

async function allowed(policies: readonly Json[], action: string, resource: string): Promise<boolean> {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/acme-function`,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: {},
      },
      identityPolicies: policies.map((policy, i) => ({ name: `p${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.resultType === 'single' && result.overallResult === 'Allowed';
}

describe('SMS permissions of every workload (examples/all-workloads, develop)', () => {
  let roles: { stack: string; role: string; policies: Json[] }[];

  beforeAll(() => {
    // Prepare: every workload on, as the examples configure them
    const app = createPlatformApp({ skipBundling: true, guard: false });
    // Act
    const stacks = addLambdaStacks(app, examplePlatform(), { environments: ['develop'] }) as LambdasStack[];
    roles = stacks.flatMap((s) =>
      rolesWithPolicies(Template.fromStack(s)).map((r) => ({ stack: s.stackName, ...r })),
    );
  });

  it('allow Amazon Pinpoint SendMessages to no role: SMS goes through End User Messaging only', async () => {
    expect(roles.length).toBeGreaterThan(5);
    for (const r of roles)
      expect([
        r.role,
        await allowed(r.policies, 'mobiletargeting:SendMessages', PINPOINT_APP_MESSAGES),
      ]).toEqual([r.role, false]);
  });

  it('let exactly the messaging outbound and agent-guides send-SMS and send-notice roles text from the configured number, and from no other', async () => {
    // Act
    const senders: string[] = [];
    for (const r of roles.filter((x) => x.stack === 'acme-lambdas-develop-us-east-1')) {
      if (await allowed(r.policies, 'sms-voice:SendTextMessage', PHONE_NUMBER)) senders.push(r.role);
      expect([r.role, await allowed(r.policies, 'sms-voice:SendTextMessage', OTHER_NUMBER)]).toEqual([
        r.role,
        false,
      ]);
    }
    // Assess
    expect(senders.map((s) => s.replace(/[0-9A-F]{8}$/, ''))).toEqual([
      'AgentGuidesSendSmsRole',
      'AgentGuidesSendNoticeRole',
      'MessagingChannelsOutboundRole',
    ]);
  });

  it('let the agent-guides settings role read the configured SES sender and number only, and send nothing', async () => {
    // Prepare
    const role = roles.find(
      (r) => r.stack === 'acme-lambdas-develop-us-east-1' && r.role.startsWith('AgentGuidesSettingsRole'),
    )!;
    const ses = (resource: string) => `arn:aws:ses:${REGION}:${ACCOUNT}:${resource}`;
    const cases: [string, string, boolean][] = [
      ['ses:GetAccount', '*', true],
      ['ses:GetEmailIdentity', ses('identity/example.com'), true],
      ['ses:GetEmailIdentity', ses('identity/other.example.org'), false],
      ['ses:GetEmailTemplate', ses('template/acme-cancellation-notice'), true],
      ['ses:GetEmailTemplate', ses('template/other-template'), false],
      ['ses:GetConfigurationSet', ses('configuration-set/acme-agent-guides'), true],
      ['ses:SendEmail', ses('identity/example.com'), false],
      ['sms-voice:DescribePhoneNumbers', PHONE_NUMBER, true],
      ['sms-voice:DescribePhoneNumbers', OTHER_NUMBER, false],
      ['sms-voice:SendTextMessage', PHONE_NUMBER, false],
    ];
    // Act
    const results: [string, string, boolean][] = [];
    for (const [action, resource] of cases)
      results.push([action, resource, await allowed(role.policies, action, resource)]);
    // Assess
    expect(results).toEqual(cases);
  });

  it('are written nowhere in the platform with a Pinpoint action, client or client dependency', () => {
    // A source guard beside the evaluation: no workspace's code or package manifest asks for
    // Pinpoint's engagement API.
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!['node_modules', 'cdk.out', '.git', 'test'].includes(entry.name)) walk(full);
        } else if (entry.name.endsWith('.ts') || entry.name === 'package.json') {
          const text = fs.readFileSync(full, 'utf8');
          if (/mobiletargeting:|@aws-sdk\/client-pinpoint['"]/.test(text))
            offenders.push(path.relative(REPO_ROOT, full));
        }
      }
    };
    for (const ws of fs.readdirSync(REPO_ROOT).filter((d) => d.startsWith('amzconnect-') || d === 'env'))
      walk(path.join(REPO_ROOT, ws));
    expect(offenders).toEqual([]);
  });
});
