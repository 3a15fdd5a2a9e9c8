import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadPlatformConfig, PlatformConfig, REPO_ROOT } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { samplePlatform } from '@amzconnect/testing';
import { synthFindings } from '@amzconnect/testing/synth';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Stack } from 'aws-cdk-lib';
import {
  addContactFlowStacks,
  addContactFlowStacksFor,
  ContactFlowsStack,
  MAX_QUEUES_BY_ARN,
  QueueTransferQuickConnects,
  queueTransfersByEnvironment,
  TransferFlowMissingError,
} from '../../lib';
import { inboundFlow } from './support/flow-factory';

const ALL_WORKLOADS = loadPlatformConfig(path.join(REPO_ROOT, 'examples', 'all-workloads'));
const INSTANCE = 'arn:aws:connect:us-east-1:111111111111:instance/0a1b2c3d-1111-4222-8333-444455556666';
const QUEUE_ARNS: Record<string, string> = {
  ACME_Sales: `${INSTANCE}/queue/aaaaaaaa-0000-4000-8000-000000000001`,
  ACME_Finance: `${INSTANCE}/queue/aaaaaaaa-0000-4000-8000-000000000002`,
};

/** The stack of develop in us-east-1 of `platform`, synthesized without bundling. */
function developStack(platform: PlatformConfig, outdir?: string) {
  const app = createPlatformApp({ skipBundling: true, guard: false, ...(outdir ? { outdir } : {}) });
  const stacks = addContactFlowStacks(app, platform, { environments: ['develop'] }) as ContactFlowsStack[];
  const stack = stacks.find((s) => s.region === 'us-east-1') as ContactFlowsStack;
  return { app, stack, template: Template.fromStack(stack) };
}

/** `develop` of the all-workloads example adopting an existing instance whose queues exist. */
function adopter(): PlatformConfig {
  return {
    ...ALL_WORKLOADS,
    environments: ALL_WORKLOADS.environments.map((e) =>
      e.name === 'develop'
        ? {
            ...e,
            existingInstances: { 'us-east-1': INSTANCE },
            settings: {
              ...e.settings,
              instance: { existingObjects: { queues: ['ACME_Sales', 'ACME_Finance'] } },
            },
          }
        : e,
    ),
  };
}

describe('queue quick connects of the email channel (contact-flows stack, every workload on)', () => {
  let outdir: string;
  let template: Template;
  let findings: ReturnType<typeof synthFindings>;

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'quick-connects-synth-'));
    const synthesized = developStack(ALL_WORKLOADS, outdir);
    template = synthesized.template;
    findings = synthFindings(synthesized.app);
  });

  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  /** Logical id of the SSM parameter of queue `name`. */
  const queueParameter = (name: string) =>
    Object.entries(template.toJSON().Parameters as Record<string, { Default?: string }>).find(
      ([, p]) => p.Default === `/acme/develop/connect/queue/${name}/arn`,
    )?.[0] as string;

  it('synthesizes without cdk-nag or template findings', () => {
    expect(findings).toEqual([]);
  });

  it('asks the flow deployment for the transfer flow ARN', () => {
    template.hasResourceProperties('Custom::ContactFlows', { ExportFlowArns: 'ACME_email_queue_transfer' });
  });

  it('creates a QUEUE quick connect to each queue routed on TASK, running the deployed email transfer flow', () => {
    const quickConnects = Object.values(template.findResources('AWS::Connect::QuickConnect')).map(
      (r) => r.Properties,
    );
    expect(quickConnects).toEqual(
      expect.arrayContaining(
        ['ACME_Sales', 'ACME_Finance'].map((name) =>
          expect.objectContaining({
            Name: `Email to ${name}`,
            QuickConnectConfig: {
              QuickConnectType: 'QUEUE',
              QueueConfig: {
                ContactFlowArn: { 'Fn::GetAtt': ['ContactFlows', 'FlowArn.ACME_email_queue_transfer'] },
                QueueArn: { Ref: queueParameter(name) },
              },
            },
          }),
        ),
      ),
    );
    expect(quickConnects).toHaveLength(2);
  });

  it('shows each quick connect on the other queue through Custom::QueueQuickConnects', () => {
    const [qcSales, qcFinance] = ['ACME_Sales', 'ACME_Finance'].map(
      (name) =>
        Object.entries(template.findResources('AWS::Connect::QuickConnect')).find(
          ([, r]) => r.Properties.Name === `Email to ${name}`,
        )?.[0],
    );
    template.hasResourceProperties('Custom::QueueQuickConnects', {
      Associations: [
        {
          QueueArn: { Ref: queueParameter('ACME_Sales') },
          QuickConnectArns: [{ 'Fn::GetAtt': [qcFinance, 'QuickConnectArn'] }],
        },
        {
          QueueArn: { Ref: queueParameter('ACME_Finance') },
          QuickConnectArns: [{ 'Fn::GetAtt': [qcSales, 'QuickConnectArn'] }],
        },
      ],
    });
  });

  it('lets the association handler change only these queues and quick connects (evaluated with iam-simulate)', async () => {
    // Prepare: the policy with the SSM parameters and quick connect ARNs as deployed values
    const qcIds = Object.keys(template.findResources('AWS::Connect::QuickConnect'));
    const qcArn = (i: number) => `${INSTANCE}/transfer-destination/bbbbbbbb-0000-4000-8000-00000000000${i}`;
    const resolve = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(resolve);
      if (value && typeof value === 'object') {
        const v = value as Record<string, unknown>;
        if (typeof v.Ref === 'string') {
          const name = Object.keys(QUEUE_ARNS).find((q) => queueParameter(q) === v.Ref);
          if (name) return QUEUE_ARNS[name];
        }
        const getAtt = v['Fn::GetAtt'] as [string, string] | undefined;
        if (getAtt && getAtt[1] === 'QuickConnectArn') return qcArn(qcIds.indexOf(getAtt[0]));
        if (getAtt && getAtt[1] === 'Arn')
          return `arn:aws:logs:us-east-1:111111111111:log-group:${getAtt[0]}:*`;
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
      }
      return value;
    };
    const policies = Object.entries(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^QueueTransferACMEemailqueuetransferRole') }] },
      }),
    ).map(([name, p]) => ({ name, policy: resolve(p.Properties.PolicyDocument) }));
    const decide = async (action: string, resource: string) => {
      const result = await runSimulation(
        {
          request: {
            principal: 'arn:aws:iam::111111111111:role/associations',
            action,
            resource: { resource, accountId: '111111111111' },
            contextVariables: {},
          },
          identityPolicies: policies as never,
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      if (result.resultType === 'error') throw new Error(result.errors.message);
      return result.overallResult;
    };

    // Act / Assess
    expect(policies).toHaveLength(1);
    for (const action of ['connect:AssociateQueueQuickConnects', 'connect:DisassociateQueueQuickConnects']) {
      expect(await decide(action, QUEUE_ARNS.ACME_Sales)).toBe('Allowed');
      expect(await decide(action, qcArn(0))).toBe('Allowed');
      expect(await decide(action, `${INSTANCE}/queue/cccccccc-0000-4000-8000-000000000009`)).toBe(
        'ImplicitlyDenied',
      );
      expect(
        await decide(action, `${INSTANCE}/transfer-destination/cccccccc-0000-4000-8000-000000000009`),
      ).toBe('ImplicitlyDenied');
    }
    expect(await decide('connect:UpdateQueueName', QUEUE_ARNS.ACME_Sales)).toBe('ImplicitlyDenied');
    expect(await decide('connect:DeleteQuickConnect', qcArn(0))).toBe('ImplicitlyDenied');
  });
});

describe('queue quick connects elsewhere', () => {
  it('gives an adopter of an existing instance with existing queues the same quick connects and associations', () => {
    // Act
    const { template } = developStack(adopter());

    // Assess
    expect(
      Object.values(template.findResources('AWS::Connect::QuickConnect')).map((r) => r.Properties.Name),
    ).toEqual(['Email to ACME_Sales', 'Email to ACME_Finance']);
    template.resourceCountIs('Custom::QueueQuickConnects', 1);
    template.hasParameter('*', { Default: '/acme/develop/connect/queue/ACME_Sales/arn' });
  });

  it('makes none where the email channel is off (the sample configuration)', () => {
    // Act
    const { template } = developStack(samplePlatform());

    // Assess
    template.resourceCountIs('AWS::Connect::QuickConnect', 0);
    template.resourceCountIs('Custom::QueueQuickConnects', 0);
    expect(JSON.stringify(template.findResources('Custom::ContactFlows'))).not.toContain('ExportFlowArns');
  });

  it('derives the queues from the routing profiles that serve the workload channel, each once', () => {
    // Prepare
    const switches = new Map([['email-channel', new Set(['develop'])]]);
    const routingProfiles = [
      {
        queues: [
          { queue: 'Voice_Only', channel: 'VOICE' as const },
          { queue: 'Billing', channel: 'TASK' as const },
        ],
      },
      {
        queues: [
          { queue: 'Billing', channel: 'TASK' as const },
          { queue: 'Claims', channel: 'TASK' as const },
        ],
      },
    ];

    // Act
    const transfers = queueTransfersByEnvironment(switches, { routingProfiles } as never);

    // Assess
    expect(transfers('develop')).toEqual([
      { transferFlow: 'ACME_email_queue_transfer', queues: ['Billing', 'Claims'], label: 'Email' },
    ]);
    expect(transfers('prod')).toEqual([]);
  });

  it('refuses a transfer flow that the environment does not deploy as a QUEUE_TRANSFER flow', () => {
    // Prepare
    const app = createPlatformApp({ skipBundling: true, guard: false });
    const add = (documents: ReturnType<typeof inboundFlow>[]) => () =>
      addContactFlowStacksFor(
        documents,
        app,
        samplePlatform(),
        { environments: ['staging'] },
        {
          queueTransfers: () => [{ transferFlow: 'Transfer', queues: ['ACME_Sales'], label: 'Email' }],
        },
      );

    // Act / Assess
    expect(add([inboundFlow('Main')])).toThrow(TransferFlowMissingError);
    expect(add([inboundFlow('Main')])).toThrow(
      "Environment staging: quick connects need the transfer flow Transfer, which is not among the flows the environment deploys; add it to amzconnect-contact-flows/flows/ or remove the workload's queueTransfer.",
    );
    expect(add([inboundFlow('Transfer')])).toThrow(
      'Environment staging: quick connects need Transfer to be a QUEUE_TRANSFER flow, but it is CONTACT_FLOW; fix its "type" in amzconnect-contact-flows/flows/.',
    );
  });
});

describe('queue quick connects of many queues', () => {
  /** The association role's statement for `count` queues, and the app's findings. */
  function build(count: number) {
    const app = createPlatformApp({ skipBundling: true, guard: false });
    const stack = new Stack(app, 'Transfers', { env: { account: '111111111111', region: 'us-east-1' } });
    const queues = new Map(
      Array.from({ length: count }, (_, i) => [
        `Q${i}`,
        `${INSTANCE}/queue/dddddddd-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ]),
    );
    new QueueTransferQuickConnects(stack, 'QueueTransfer', {
      instanceArn: INSTANCE,
      transferFlowArn: `${INSTANCE}/contact-flow/eeeeeeee-0000-4000-8000-000000000000`,
      transferFlowName: 'Transfer',
      queues,
      label: 'Email',
    });
    const template = Template.fromStack(stack);
    const [policy] = Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^QueueTransferRole') }] },
      }),
    );
    return { policy: policy.Properties.PolicyDocument, findings: synthFindings(app) };
  }

  it(`lists queues and quick connects by ARN up to ${MAX_QUEUES_BY_ARN} queues, within IAM's 10,240 characters per role`, () => {
    // Act
    const { policy, findings } = build(MAX_QUEUES_BY_ARN);

    // Assess: quick connect ARNs counted at their deployed length
    const deployed = JSON.stringify(policy).replace(
      /\{"Fn::GetAtt":\["[^"]+","QuickConnectArn"\]\}/g,
      JSON.stringify(`${INSTANCE}/transfer-destination/ffffffff-0000-4000-8000-000000000000`),
    );
    expect(policy.Statement[0].Resource).toHaveLength(2 * MAX_QUEUES_BY_ARN);
    expect(deployed.length).toBeLessThan(10_240);
    expect(findings).toEqual([]);
  });

  it('beyond that, allows the two association actions on the instance queues and quick connects, acknowledged', () => {
    // Act
    const { policy, findings } = build(MAX_QUEUES_BY_ARN + 1);

    // Assess
    expect(policy.Statement[0]).toEqual({
      Sid: 'QueueQuickConnectsOfTheseQueues',
      Effect: 'Allow',
      Action: ['connect:AssociateQueueQuickConnects', 'connect:DisassociateQueueQuickConnects'],
      Resource: [`${INSTANCE}/queue/*`, `${INSTANCE}/transfer-destination/*`],
    });
    expect(findings).toEqual([]);
  });
});
