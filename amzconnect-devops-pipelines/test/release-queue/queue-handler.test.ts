import * as fc from 'fast-check';
import { propertyRuns } from '@amzconnect/testing';
import { createCodePipelineClient, createSnsClient } from '../../src/router/aws-clients';
import { silentLogger } from '../../src/router/logger-like';
import { createQueueEventHandler } from '../../src/release-queue/handle-queue-event';
import { createSnsNotifier } from '../../src/release-queue/notifier';
import { createCodePipelineOperations } from '../../src/release-queue/pipeline-operations';
import { createDynamoDbQueueStore, QueueStore } from '../../src/release-queue/queue-store';
import { createReleaseQueue, ReleaseQueue } from '../../src/release-queue/release-queue';
import {
  FAKE_AWS,
  FakeAwsJsonService,
  startFakeAwsJsonService,
} from '../router/support/fake-aws-json-service';
import { createReleaseQueueTable, LocalDynamoDb, startLocalDynamoDb } from '../router/support/local-dynamodb';
import { sampleTable } from '../router/support/test-config';
import { FakeSns } from './support/fake-sns';

const TOPIC = 'arn:aws:sns:us-east-1:999999999999:pipeline-events';
const develop = sampleTable.environments.find((e) => e.name === 'develop')!;
const c = (n: number) => n.toString(16).padStart(40, 'c');

/** CodePipeline as the queue sees it: executions with status and variables, starts, stops. */
interface Execution {
  pipeline: string;
  status: string;
  variables: { name: string; resolvedValue: string }[];
}

describe('release-queue function (real SDK clients against dynalite, a CodePipeline fake and an SNS fake)', () => {
  let dynamo: LocalDynamoDb;
  let codePipeline: FakeAwsJsonService;
  const sns = new FakeSns();
  const executions = new Map<string, Execution>();
  let store: QueueStore;
  let queue: ReleaseQueue;
  let handle: (event: unknown) => Promise<unknown>;
  const metrics: string[] = [];
  let table = 0;

  beforeAll(async () => {
    dynamo = await startLocalDynamoDb('unused');
    codePipeline = await startFakeAwsJsonService((operation, body) => {
      if (operation === 'StartPipelineExecution') {
        const id = `00000000-0000-4000-8000-${String(executions.size + 1).padStart(12, '0')}`;
        executions.set(id, {
          pipeline: body.name as string,
          status: 'InProgress',
          variables: (body.variables as { name: string; value: string }[]).map((v) => ({
            name: v.name,
            resolvedValue: v.value,
          })),
        });
        return { body: { pipelineExecutionId: id } };
      }
      if (operation === 'GetPipelineExecution') {
        const x = executions.get(body.pipelineExecutionId as string);
        if (!x) return { error: 'PipelineExecutionNotFoundException', message: 'not found' };
        return {
          body: {
            pipelineExecution: {
              pipelineExecutionId: body.pipelineExecutionId,
              status: x.status,
              variables: x.variables,
            },
          },
        };
      }
      if (operation === 'StopPipelineExecution') {
        const x = executions.get(body.pipelineExecutionId as string)!;
        x.status = 'Stopping';
        return { body: { pipelineExecutionId: body.pipelineExecutionId } };
      }
      return { error: 'ValidationException', message: `unexpected ${operation}` };
    });
    const snsEndpoint = await sns.start();
    const client = createCodePipelineClient({ ...FAKE_AWS, endpoint: codePipeline.endpoint });
    queue = createReleaseQueue({
      store: { load: (e) => store.load(e), save: (n, v) => store.save(n, v), list: () => store.list() },
      pipelines: createCodePipelineOperations(client),
      notify: createSnsNotifier(createSnsClient({ ...FAKE_AWS, endpoint: snsEndpoint }), TOPIC),
      logger: silentLogger,
    });
    handle = createQueueEventHandler({
      queue,
      routingTable: sampleTable,
      logger: silentLogger,
      writeMetric: (line) => metrics.push(line),
      now: () => 10_000_000,
    });
  });
  beforeEach(async () => {
    // A fresh table per test: each starts from environments never released.
    const name = `queue-${++table}`;
    await createReleaseQueueTable(dynamo.client, name);
    store = createDynamoDbQueueStore(dynamo.client, name);
    codePipeline.calls.length = 0;
    sns.published.length = 0;
    metrics.length = 0;
  });
  afterAll(async () => {
    await Promise.all([dynamo.close(), codePipeline.close(), sns.stop()]);
  });

  const push = (
    before: number,
    after: number,
    subprojects: ('instance' | 'lambdas' | 'contact-flows')[],
    deliveryId = `d-${after}`,
  ) =>
    queue.submit(develop, {
      kind: 'push',
      deliveryId,
      before: c(before),
      after: c(after),
      pushedAt: after,
      subprojects,
      at: 1000,
    });
  const event = (executionId: string, state: string) => ({
    'detail-type': 'CodePipeline Pipeline Execution State Change',
    source: 'aws.codepipeline',
    detail: {
      pipeline: executions.get(executionId)?.pipeline ?? 'amzconnect-instance-develop',
      'execution-id': executionId,
      state,
    },
  });
  const finish = (executionId: string, status: string, state: string) => {
    executions.get(executionId)!.status = status;
    return handle(event(executionId, state));
  };

  it('starts the next sub-project at the newest push when a step succeeds', async () => {
    const first = await push(1, 2, ['lambdas', 'contact-flows']);
    await push(2, 3, ['contact-flows']);

    await finish(first.started[0].executionId, 'Succeeded', 'SUCCEEDED');

    const starts = codePipeline.calls.filter((x) => x.target.endsWith('StartPipelineExecution'));
    expect(
      starts.map((s) => [
        s.body.name,
        (s.body.sourceRevisions as { revisionValue: string }[])[0].revisionValue,
      ]),
    ).toEqual([
      ['amzconnect-lambdas-develop', c(2)],
      ['amzconnect-contact-flows-develop', c(3)],
    ]);
    expect((await store.load('develop')).deployed).toEqual({ lambdas: { commit: c(2), seq: 1 } });
  });

  it('notifies a failed step on the topic with environment, commit and sub-project, and starts nothing else', async () => {
    const first = await push(1, 2, ['lambdas', 'contact-flows']);

    await finish(first.started[0].executionId, 'Failed', 'FAILED');

    expect(sns.published).toEqual([
      {
        topicArn: TOPIC,
        subject: 'Release of develop halted: lambdas failed',
        message: expect.stringContaining(`deploying commit ${c(2)} (push #1)`),
        attributes: {
          environment: 'develop',
          subproject: 'lambdas',
          commit: c(2),
          execution: first.started[0].executionId,
        },
      },
    ]);
    expect(codePipeline.calls.filter((x) => x.target.endsWith('StartPipelineExecution'))).toHaveLength(1);
  });

  it('stops a manual "Release change" and notifies why', async () => {
    executions.set('manual-1', {
      pipeline: 'amzconnect-instance-develop',
      status: 'InProgress',
      variables: [
        { name: 'RELEASE_PLAN', resolvedValue: '[]' },
        { name: 'RELEASE_COMMIT', resolvedValue: 'none' },
      ],
    });

    await handle(event('manual-1', 'STARTED'));

    const stop = codePipeline.calls.find((x) => x.target.endsWith('StopPipelineExecution'));
    expect(stop?.body).toEqual({
      pipelineName: 'amzconnect-instance-develop',
      pipelineExecutionId: 'manual-1',
      abandon: false,
      reason: expect.stringMatching(
        /^Stopped by the release queue of develop: it was started outside the queue/,
      ),
    });
    expect(sns.published[0].subject).toBe('Release queue of develop stopped a instance execution');
  });

  it('ignores a duplicate SUCCEEDED event: nothing starts twice', async () => {
    const first = await push(1, 2, ['lambdas', 'contact-flows']);
    await finish(first.started[0].executionId, 'Succeeded', 'SUCCEEDED');
    await handle(event(first.started[0].executionId, 'SUCCEEDED'));

    expect(codePipeline.calls.filter((x) => x.target.endsWith('StartPipelineExecution'))).toHaveLength(2);
  });

  it('reports how long each release has not moved, as an embedded metric', async () => {
    await push(1, 2, ['lambdas']);

    await handle({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} });

    const develop = metrics
      .map((m) => JSON.parse(m) as Record<string, unknown>)
      .find((m) => m.Environment === 'develop');
    expect(develop).toMatchObject({ ReleaseStalledSeconds: Math.round((10_000_000 - 1000) / 1000) });
  });

  it('loses no push and starts one step at a time when deliveries race on the same record (fast-check scheduler)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 5 }), async (s, n) => {
        const name = `race-${++table}`;
        await createReleaseQueueTable(dynamo.client, name);
        store = createDynamoDbQueueStore(dynamo.client, name);
        const before = codePipeline.calls.length;
        const results = await s.waitFor(
          Promise.all(
            Array.from({ length: n }, (_, i) =>
              s
                .schedule(Promise.resolve(i))
                .then(() => push(100 + i, 200 + i, ['lambdas'], `race-${table}-${i}`)),
            ),
          ),
        );
        const state = await store.load('develop');
        const accepted = results.filter((r) => r.outcome !== 'refused').length;
        expect(state.pushes).toHaveLength(accepted);
        expect(new Set(state.pushes.map((p) => p.seq)).size).toBe(accepted);
        const starts = codePipeline.calls
          .slice(before)
          .filter((x) => x.target.endsWith('StartPipelineExecution'));
        expect(starts).toHaveLength(1);
      }),
      { numRuns: propertyRuns(15) },
    );
  });
});
