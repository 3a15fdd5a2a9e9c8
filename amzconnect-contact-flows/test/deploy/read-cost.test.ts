import { ContactFlowDeployer } from '../../src/deploy/contact-flow-deployer';
import { contentSha256 } from '../../src/deploy/content-hash';
import { FlowRecord, recordKey } from '../../src/deploy/deploy-state';
import { FlowBucketStore } from '../../src/deploy/flow-bucket-store';
import { DESCRIBE_CONCURRENCY } from '../../src/deploy/map-bounded';
import { ownerTags } from '../../src/deploy/ownership';
import { FlowDocument } from '../../src/model/flow-document';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';

/** Extra reads of a no-op beyond one Search page per 100 items: modules' partial page, queues, Lambdas (as in bench/flow-deploy.bench.ts at 5,000). */
const K = 3;

/** A flow reading a queue and the mapping function, or a module: the bench's shapes. */
function doc(kind: 'flow' | 'module', i: number, text = 'Hello'): FlowDocument {
  const say = { Identifier: 'say', Type: 'MessageParticipant', Parameters: { Text: `${text} ${i}` } };
  return kind === 'module'
    ? {
        name: `M${i}`,
        type: 'MODULE',
        content: {
          Version: '2019-10-30',
          StartAction: 'say',
          Actions: [
            { ...say, Transitions: { NextAction: 'return' } },
            { Identifier: 'return', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
          ],
        },
      }
    : {
        name: `F${i}`,
        type: 'CONTACT_FLOW',
        content: {
          Version: '2019-10-30',
          StartAction: 'say',
          Actions: [
            { ...say, Transitions: { NextAction: 'lookup' } },
            {
              Identifier: 'lookup',
              Type: 'InvokeLambdaFunction',
              Parameters: { LambdaFunctionARN: '${mapping-function}' },
              Transitions: {
                NextAction: 'queue',
                Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }],
              },
            },
            {
              Identifier: 'queue',
              Type: 'UpdateContactTargetQueue',
              Parameters: { QueueId: '${queue:Sales}' },
              Transitions: {
                NextAction: 'end',
                Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }],
              },
            },
            { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
          ],
        },
      };
}

/**
 * Puts `docs` into the emulator as a previous run of ours would have left them (tagged, stored
 * re-serialized) with the records of that run, without making a thousand API calls.
 */
async function seedDeployed(env: DeployTestEnvironment, docs: readonly FlowDocument[]): Promise<void> {
  const queueArn = env.connect.queues[0].arn;
  const records: Record<string, FlowRecord> = {};
  for (const d of docs) {
    const sent = JSON.stringify(d.content)
      .replace('${queue:Sales}', queueArn)
      .replace('${mapping-function}', env.mappingFunctionArn);
    const name = `acme-${d.name}`;
    const added =
      d.type === 'MODULE'
        ? env.connect.addModule({
            name,
            content: env.connect.store(sent),
            tags: ownerTags('acme', 'develop'),
          })
        : env.connect.addFlow({ name, content: env.connect.store(sent), tags: ownerTags('acme', 'develop') });
    const kind = d.type === 'MODULE' ? 'module' : 'flow';
    records[recordKey(kind, added.id)] = {
      kind,
      id: added.id,
      sentSha256: contentSha256(sent),
      writtenAt: env.clock.now(),
    };
  }
  await new FlowBucketStore(env.clients().s3, env.flowBucket, 'acme', 'develop').saveState({
    version: 1,
    records,
  });
}

describe('what a run reads at scale (realistic emulator: Search leaves Content out for one item in three)', () => {
  let env: DeployTestEnvironment;

  beforeEach(async () => {
    env = await startDeployTestEnvironment({ connect: { realism: { flowQuota: 10_000 } } });
    env.connect.addQueue('Sales');
  });

  afterEach(async () => {
    await env.stop();
  });

  it(`plans a no-op of 1,000 items (5 % modules) with 0 writes and at most ⌈1000/100⌉ + ${K} reads`, async () => {
    // Prepare
    const docs = [
      ...Array.from({ length: 50 }, (_, i) => doc('module', i)),
      ...Array.from({ length: 950 }, (_, i) => doc('flow', i)),
    ];
    await seedDeployed(env, docs);
    env.connect.resetCalls();
    const { deployer, clients } = env.deployer();

    // Act
    const { prepared } = await deployer.deploy(docs);

    // Assess
    expect(prepared.plan.items.filter((i) => i.action !== 'unchanged')).toEqual([]);
    expect(clients.calls.total('connect', 'write')).toBe(0);
    expect(clients.calls.total('connect', 'read')).toBeLessThanOrEqual(Math.ceil(1000 / 100) + K);
    expect(clients.calls.byOperation()['connect:DescribeContactFlowModule']).toBeUndefined();
  });

  it(`has at most ${DESCRIBE_CONCURRENCY} Describe calls in flight when Search leaves out the content of 40 changed modules (no LastModifiedTime: only content tells drift)`, async () => {
    // Prepare
    env.connect.realism = { ...env.connect.realism, searchOmitsContentEvery: 1 };
    await seedDeployed(
      env,
      Array.from({ length: 40 }, (_, i) => doc('module', i)),
    );
    const changed = Array.from({ length: 40 }, (_, i) => doc('module', i, 'Changed'));
    const { clients } = env.deployer();
    let inFlight = 0;
    let most = 0;
    clients.connect.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'DescribeContactFlowModuleCommand') return next(args);
        most = Math.max(most, ++inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'countDescribesInFlight' },
    );
    const deployer = new ContactFlowDeployer({
      target: { app: 'acme', env: 'develop', region: env.region },
      clients,
      clock: env.clock,
    });

    // Act
    const prepared = await deployer.plan(changed);

    // Assess
    expect(prepared.plan.items.filter((i) => i.action === 'update' && i.existing?.content)).toHaveLength(40);
    expect(clients.calls.byOperation()['connect:DescribeContactFlowModule']).toBe(40);
    expect(most).toBe(DESCRIBE_CONCURRENCY);
  });
});
