import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { ConnectClient, ListQueueQuickConnectsCommand } from '@aws-sdk/client-connect';
import fc from 'fast-check';
import { ConnectEmulator, EmulatedResource, immediateRetry, propertyRuns } from '@amzconnect/testing';
import { createQueueQuickConnectsHandler } from '../../src/quick-connects/handler';
import {
  parseQueueQuickConnectsRequest,
  planQueueQuickConnects,
  QueueQuickConnectsAssociation,
  QueueQuickConnectsRequestError,
} from '../../src/quick-connects/queue-quick-connects-plan';

const INSTANCE = 'arn:aws:connect:us-east-1:111111111111:instance/11111111-2222-4333-8444-555555555555';
const queue = (id: string) => `${INSTANCE}/queue/${id}`;
const qc = (id: string) => `${INSTANCE}/transfer-destination/${id}`;

function event(
  type: 'Create' | 'Update' | 'Delete',
  associations: readonly QueueQuickConnectsAssociation[],
  previous: readonly QueueQuickConnectsAssociation[] = [],
): CloudFormationCustomResourceEvent {
  const base = {
    ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider',
    ResponseURL: 'http://unused',
    StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/acme-contact-flows-develop-us-east-1/1',
    RequestId: 'req-1',
    LogicalResourceId: 'Associations',
    ResourceType: 'Custom::QueueQuickConnects',
    ResourceProperties: { ServiceToken: 'x', Associations: associations },
  };
  if (type === 'Create') return { ...base, RequestType: 'Create' } as CloudFormationCustomResourceEvent;
  if (type === 'Update')
    return {
      ...base,
      RequestType: 'Update',
      PhysicalResourceId: 'Associations-req-0',
      OldResourceProperties: { ServiceToken: 'x', Associations: previous },
    } as CloudFormationCustomResourceEvent;
  return {
    ...base,
    RequestType: 'Delete',
    PhysicalResourceId: 'Associations-req-0',
  } as CloudFormationCustomResourceEvent;
}

describe('queue quick connects: parse and decide', () => {
  it('associates every pair on Create, grouped by queue', () => {
    // Act
    const calls = planQueueQuickConnects(
      parseQueueQuickConnectsRequest(
        event('Create', [
          { QueueArn: queue('sales'), QuickConnectArns: [qc('to-finance')] },
          { QueueArn: queue('finance'), QuickConnectArns: [qc('to-sales')] },
        ]),
      ),
    );

    // Assess
    expect(calls).toEqual([
      {
        operation: 'associate',
        instanceId: '11111111-2222-4333-8444-555555555555',
        queueId: 'sales',
        quickConnectIds: ['to-finance'],
      },
      {
        operation: 'associate',
        instanceId: '11111111-2222-4333-8444-555555555555',
        queueId: 'finance',
        quickConnectIds: ['to-sales'],
      },
    ]);
  });

  it('sends at most 50 quick connects per call (the API maximum)', () => {
    // Prepare
    const many = Array.from({ length: 120 }, (_, i) => qc(`q${i}`));

    // Act
    const calls = planQueueQuickConnects(
      parseQueueQuickConnectsRequest(event('Create', [{ QueueArn: queue('sales'), QuickConnectArns: many }])),
    );

    // Assess
    expect(calls.map((c) => c.quickConnectIds.length)).toEqual([50, 50, 20]);
    expect(calls.flatMap((c) => c.quickConnectIds)).toEqual(many.map((a) => a.split('/').pop()));
  });

  it('on Update disassociates the removed pairs first, then associates the added ones, leaving the kept ones alone', () => {
    // Act
    const calls = planQueueQuickConnects(
      parseQueueQuickConnectsRequest(
        event(
          'Update',
          [
            { QueueArn: queue('sales'), QuickConnectArns: [qc('to-finance'), qc('to-support')] },
            { QueueArn: queue('support'), QuickConnectArns: [qc('to-sales')] },
          ],
          [
            { QueueArn: queue('sales'), QuickConnectArns: [qc('to-finance')] },
            { QueueArn: queue('finance'), QuickConnectArns: [qc('to-sales')] },
          ],
        ),
      ),
    );

    // Assess
    expect(calls.map((c) => [c.operation, c.queueId, c.quickConnectIds])).toEqual([
      ['disassociate', 'finance', ['to-sales']],
      ['associate', 'sales', ['to-support']],
      ['associate', 'support', ['to-sales']],
    ]);
  });

  it('disassociates every pair on Delete and keeps the physical id', () => {
    // Act
    const request = parseQueueQuickConnectsRequest(
      event('Delete', [{ QueueArn: queue('sales'), QuickConnectArns: [qc('to-finance')] }]),
    );

    // Assess
    expect(request.physicalResourceId).toBe('Associations-req-0');
    expect(planQueueQuickConnects(request).map((c) => [c.operation, c.queueId, c.quickConnectIds])).toEqual([
      ['disassociate', 'sales', ['to-finance']],
    ]);
  });

  it('names every malformed property', () => {
    // Act
    let error: unknown;
    try {
      parseQueueQuickConnectsRequest(
        event('Create', [
          { QueueArn: 'arn:aws:sqs:us-east-1:111111111111:q', QuickConnectArns: [qc('a')] },
          {
            QueueArn: queue('sales'),
            QuickConnectArns: [
              queue('not-a-quick-connect'),
              'arn:aws:connect:us-east-1:111111111111:instance/other/transfer-destination/x',
            ],
          },
        ]),
      );
    } catch (e) {
      error = e;
    }

    // Assess
    expect(error).toBeInstanceOf(QueueQuickConnectsRequestError);
    expect((error as Error).message).toBe(
      [
        'Custom::QueueQuickConnects has invalid properties:',
        '- Associations[0].QueueArn: "arn:aws:sqs:us-east-1:111111111111:q" is not an Amazon Connect queue ARN.',
        `- Associations[1].QuickConnectArns[0]: "${queue('not-a-quick-connect')}" is not an Amazon Connect transfer-destination ARN.`,
        '- Associations[1].QuickConnectArns[1]: belongs to another instance than its queue.',
      ].join('\n'),
    );
  });
});

describe('queue quick connects handler against the Connect emulator (real SDK client)', () => {
  let connect: ConnectEmulator;
  let client: ConnectClient;
  let queues: EmulatedResource[];
  let quickConnects: EmulatedResource[];

  beforeEach(async () => {
    // Default realism: throttling and 5xx answers the SDK's retries must absorb, with the
    // attempts the handler's client makes (8), 1 ms apart instead of the SDK's back-off.
    connect = new ConnectEmulator();
    const endpoint = await connect.start();
    client = new ConnectClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryStrategy: immediateRetry(8),
    });
    queues = ['Sales', 'Finance', 'Support'].map((n) => connect.addQueue(n));
    quickConnects = queues.map((q) => connect.addQuickConnect(`Email to ${q.name}`));
  });

  afterEach(async () => {
    client.destroy();
    await connect.stop();
  });

  async function shown(q: EmulatedResource): Promise<string[]> {
    const r = await client.send(
      new ListQueueQuickConnectsCommand({ InstanceId: connect.instanceId, QueueId: q.id }),
    );
    return (r.QuickConnectSummaryList ?? []).map((s) => s.Name ?? '').sort();
  }

  /** Every queue shows the quick connects to the other queues of `subset`. */
  function toOthers(subset: readonly number[]): QueueQuickConnectsAssociation[] {
    return subset.map((i) => ({
      QueueArn: queues[i].arn,
      QuickConnectArns: subset.filter((j) => j !== i).map((j) => quickConnects[j].arn),
    }));
  }

  it('shows each quick connect on the other queues after Create and removes them all on Delete', async () => {
    // Prepare
    const onEvent = createQueueQuickConnectsHandler(() => client);
    const desired = toOthers([0, 1, 2]);

    // Act
    const created = await onEvent(event('Create', desired));
    const afterCreate = await Promise.all(queues.map(shown));
    await onEvent(event('Delete', desired));
    const afterDelete = await Promise.all(queues.map(shown));

    // Assess
    expect(created).toEqual({ PhysicalResourceId: 'Associations-req-1' });
    expect(afterCreate).toEqual([
      ['Email to Finance', 'Email to Support'],
      ['Email to Sales', 'Email to Support'],
      ['Email to Finance', 'Email to Sales'],
    ]);
    expect(afterDelete).toEqual([[], [], []]);
  });

  it('completes Delete when a queue no longer exists (nothing left to disassociate)', async () => {
    // Prepare
    const onEvent = createQueueQuickConnectsHandler(() => client);
    const desired = toOthers([0, 1]);
    await onEvent(event('Create', desired));
    const gone = {
      QueueArn: queue('00000000-dead-4000-8000-000000000000'),
      QuickConnectArns: [quickConnects[0].arn],
    };

    // Act
    const deleted = await onEvent(event('Delete', [...desired, gone]));

    // Assess
    expect(deleted).toEqual({ PhysicalResourceId: 'Associations-req-0' });
    expect(await shown(queues[0])).toEqual([]);
  });

  it('fails Create when a queue does not exist, naming Connect’s error', async () => {
    // Prepare
    const onEvent = createQueueQuickConnectsHandler(() => client);

    // Act / Assess
    await expect(
      onEvent(
        event('Create', [
          { QueueArn: `${connect.instanceArn}/queue/missing`, QuickConnectArns: [quickConnects[0].arn] },
        ]),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('invariant: after any sequence of Create and Updates the queues show exactly the last list, and nothing after Delete', async () => {
    const subsets = fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.array(subsets, { minLength: 1, maxLength: 4 }), async (lists) => {
        // Prepare
        for (const q of queues) connect.queueQuickConnects.delete(q.id);
        const onEvent = createQueueQuickConnectsHandler(() => client);

        // Act / Assess
        let previous: QueueQuickConnectsAssociation[] = [];
        for (const [n, subset] of lists.entries()) {
          const desired = toOthers(subset);
          await onEvent(n === 0 ? event('Create', desired) : event('Update', desired, previous));
          const expected = queues.map((_, i) =>
            subset.includes(i)
              ? subset
                  .filter((j) => j !== i)
                  .map((j) => quickConnects[j].name)
                  .sort()
              : [],
          );
          expect(await Promise.all(queues.map(shown))).toEqual(expected);
          previous = desired;
        }
        await onEvent(event('Delete', previous));
        expect(await Promise.all(queues.map(shown))).toEqual([[], [], []]);
      }),
      { numRuns: propertyRuns(15) },
    );
  });
});
