import { DeploymentPlan, decidePlan } from '../../src/deploy/deployment-plan';
import { flowNaming } from '../../src/deploy/flow-naming';
import { formatPlan } from '../../src/deploy/format-plan';
import { InstanceSnapshot } from '../../src/deploy/instance-snapshot';
import { ResolutionContext } from '../../src/deploy/reference-resolver';
import { inboundFlow, messageModule, withText } from './support/flow-factory';

const ARN = 'arn:aws:connect:us-east-1:111111111111:instance/i-1';
const naming = flowNaming('acme');

function snapshot(over: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return {
    instanceId: 'i-1',
    flows: [],
    modules: [],
    queues: [
      { id: 'q1', arn: `${ARN}/queue/q1`, name: 'Sales' },
      { id: 'q2', arn: `${ARN}/queue/q2`, name: 'Support' },
    ],
    prompts: [],
    hours: [],
    lexAliasArns: [],
    lambdaArns: [],
    ...over,
  };
}

function context(
  snap: InstanceSnapshot,
  names: { flows?: string[]; modules?: string[] } = {},
): ResolutionContext {
  return {
    naming,
    snapshot: snap,
    external: { lambdas: {}, lex: {} },
    repoFlows: new Set(names.flows ?? []),
    repoModules: new Set(names.modules ?? []),
  };
}

/** The content a document deploys as, for a snapshot that already holds what it references. */
function deployedContent(doc: ReturnType<typeof inboundFlow>): string {
  return JSON.stringify(doc.content)
    .replace('${queue:Sales}', `${ARN}/queue/q1`)
    .replace('${queue:Support}', `${ARN}/queue/q2`);
}

describe('decidePlan', () => {
  it('marks a flow unchanged when the deployed content differs only in key order and formatting', () => {
    // Prepare
    const doc = inboundFlow('Main');
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reordered = JSON.stringify(reverseKeys(JSON.parse(deployedContent(doc))), null, 2);
    const snap = snapshot({
      flows: [
        {
          kind: 'flow',
          id: 'f1',
          arn: `${ARN}/contact-flow/f1`,
          name: 'acme-Main',
          type: 'CONTACT_FLOW',
          description: 'Main flow',
          content: reordered,
        },
      ],
    });

    // Act
    const plan = decidePlan([doc], context(snap, { flows: ['Main'] }));

    // Assess
    expect(plan.items.map((i) => i.action)).toEqual(['unchanged']);
  });

  it('creates, updates, and orphans by name with the app prefix, leaving unmanaged flows alone', () => {
    // Prepare
    const main = inboundFlow('Main');
    const snap = snapshot({
      flows: [
        {
          kind: 'flow',
          id: 'f1',
          arn: `${ARN}/contact-flow/f1`,
          name: 'acme-Main',
          type: 'CONTACT_FLOW',
          description: 'Main flow',
          content: deployedContent(withText(main, 'old')),
        },
        {
          kind: 'flow',
          id: 'f2',
          arn: `${ARN}/contact-flow/f2`,
          name: 'acme-Gone',
          type: 'CONTACT_FLOW',
          content: '{}',
        },
        {
          kind: 'flow',
          id: 'f3',
          arn: `${ARN}/contact-flow/f3`,
          name: 'Default agent hold',
          type: 'AGENT_HOLD',
          content: '{}',
        },
      ],
    });

    // Act
    const plan = decidePlan(
      [main, inboundFlow('New'), messageModule('Mod')],
      context(snap, { flows: ['Main', 'New'], modules: ['Mod'] }),
    );

    // Assess
    expect(
      plan.items.map((i) => [i.kind, i.deployedName, i.action, i.contentChanged, i.descriptionChanged]),
    ).toEqual([
      ['flow', 'acme-Main', 'update', true, false],
      ['flow', 'acme-New', 'create', true, false],
      ['module', 'acme-Mod', 'create', true, false],
    ]);
    expect(plan.orphans.map((o) => o.name)).toEqual(['acme-Gone']);
  });

  it('blocks a flow whose type changed, with the fix in the message', () => {
    // Prepare
    const doc = { ...inboundFlow('Hold'), type: 'CUSTOMER_HOLD' as const };
    const snap = snapshot({
      flows: [
        {
          kind: 'flow',
          id: 'f1',
          arn: `${ARN}/contact-flow/f1`,
          name: 'acme-Hold',
          type: 'CONTACT_FLOW',
          content: '{}',
        },
      ],
    });

    // Act
    const plan = decidePlan([doc], context(snap, { flows: ['Hold'] }));

    // Assess
    expect(plan.items[0].problems).toEqual([
      "type: deployed as CONTACT_FLOW, the file says CUSTOMER_HOLD. Connect cannot change a flow's type: rename the file (a new flow) and let the old one become an orphan.",
    ]);
  });

  it('leaves references to new repository flows pending instead of failing', () => {
    // Act
    const plan = decidePlan(
      [inboundFlow('A', { transferTo: 'B' }), inboundFlow('B')],
      context(snapshot(), { flows: ['A', 'B'] }),
    );

    // Assess
    expect(plan.items.map((i) => [i.name, i.action, i.pending])).toEqual([
      ['A', 'create', ['flow:B']],
      ['B', 'create', []],
    ]);
  });
});

describe('formatPlan', () => {
  it('shows which blocks and which references change, per flow', () => {
    // Prepare
    const main = inboundFlow('Main');
    const snap = snapshot({
      flows: [
        {
          kind: 'flow',
          id: 'f1',
          arn: `${ARN}/contact-flow/f1`,
          name: 'acme-Main',
          type: 'CONTACT_FLOW',
          description: 'Old',
          content: deployedContent(main),
        },
      ],
    });
    const changed = inboundFlow('Main', { queue: 'Support', text: 'Hello' });
    const plan: DeploymentPlan = decidePlan(
      [changed, inboundFlow('New')],
      context(snap, { flows: ['Main', 'New'] }),
    );

    // Act
    const text = formatPlan(plan, snap, naming, { app: 'acme', env: 'develop', region: 'us-east-1' });

    // Assess
    expect(text).toBe(
      [
        'Plan for acme develop us-east-1 (instance i-1): 1 to create, 1 to update, 0 unchanged, 0 orphaned, 0 blocked',
        '~ flow Main (acme-Main): update',
        '    blocks changed: greet (MessageParticipant): Parameters; queue (UpdateContactTargetQueue): Parameters',
        '    references added: queue:Support',
        '    references removed: queue:Sales',
        '    description: "Old" -> "Main flow"',
        '+ flow New (acme-New): create, 4 blocks',
        '',
      ].join('\n'),
    );
  });
});
