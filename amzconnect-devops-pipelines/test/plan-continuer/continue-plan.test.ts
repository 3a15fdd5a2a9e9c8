import * as fs from 'fs';
import * as path from 'path';
import { createPlanContinuer } from '../../src/plan-continuer/continue-plan';
import { parseContinuerEnvironment } from '../../src/plan-continuer/lambda-environment';
import { AWS_MAX_ATTEMPTS, createCodePipelineClient } from '../../src/router/aws-clients';
import { silentLogger } from '../../src/router/logger-like';
import { clientRequestToken } from '../../src/router/start-pipeline';
import {
  FAKE_AWS,
  FakeAwsJsonService,
  startFakeAwsJsonService,
} from '../router/support/fake-aws-json-service';

const EVENT = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, 'fixtures', 'eventbridge', 'pipeline-execution-succeeded.json'),
    'utf8',
  ),
);
const EXECUTION_ID = '6f1c7e0a-4d0b-4a51-9c64-0d3d5b2f8a11';
const COMMIT = 'd'.repeat(40);
const ALLOWED = new Set(['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop']);

describe('plan continuer (real CodePipeline client, local JSON-protocol endpoint)', () => {
  let fake: FakeAwsJsonService;
  let variables: { name: string; resolvedValue: string }[] = [];
  let throttleStarts = 0;
  beforeAll(async () => {
    fake = await startFakeAwsJsonService((operation, body) => {
      if (operation === 'GetPipelineExecution') {
        return {
          body: {
            pipelineExecution: {
              pipelineName: body.pipelineName,
              pipelineExecutionId: body.pipelineExecutionId,
              status: 'Succeeded',
              variables,
            },
          },
        };
      }
      if (operation === 'StartPipelineExecution') {
        if (throttleStarts > 0) {
          throttleStarts--;
          return { error: 'ThrottlingException', message: 'Rate exceeded' };
        }
        return { body: { pipelineExecutionId: 'next-execution' } };
      }
      return { error: 'ValidationException', message: operation };
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    throttleStarts = 0;
  });

  const continuer = () =>
    createPlanContinuer({
      client: createCodePipelineClient({ ...FAKE_AWS, endpoint: fake.endpoint }),
      allowedPipelines: ALLOWED,
      logger: silentLogger,
    });

  it('reads the succeeded execution and starts the next pipeline with the same commit and the rest of the plan', async () => {
    variables = [
      { name: 'RELEASE_PLAN', resolvedValue: '["amzconnect-contact-flows-develop"]' },
      { name: 'RELEASE_COMMIT', resolvedValue: COMMIT },
      { name: 'RELEASE_SUBPROJECTS', resolvedValue: 'lambdas,contact-flows' },
    ];
    const outcome = await continuer()(EVENT);
    expect(outcome).toMatchObject({
      action: 'start',
      started: { pipeline: 'amzconnect-contact-flows-develop', executionId: 'next-execution' },
    });
    expect(fake.calls).toEqual([
      {
        target: 'CodePipeline_20150709.GetPipelineExecution',
        body: { pipelineName: 'amzconnect-lambdas-develop', pipelineExecutionId: EXECUTION_ID },
      },
      {
        target: 'CodePipeline_20150709.StartPipelineExecution',
        body: {
          name: 'amzconnect-contact-flows-develop',
          clientRequestToken: clientRequestToken(EXECUTION_ID, 'amzconnect-contact-flows-develop'),
          sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: COMMIT }],
          variables: [
            { name: 'RELEASE_PLAN', value: '[]' },
            { name: 'RELEASE_COMMIT', value: COMMIT },
            { name: 'RELEASE_SUBPROJECTS', value: 'lambdas,contact-flows' },
          ],
        },
      },
    ]);
  });

  it('starts nothing when the plan is empty', async () => {
    variables = [
      { name: 'RELEASE_PLAN', resolvedValue: '[]' },
      { name: 'RELEASE_COMMIT', resolvedValue: COMMIT },
    ];
    expect(await continuer()(EVENT)).toEqual({
      action: 'done',
      reason: 'release plan complete after amzconnect-lambdas-develop',
    });
    expect(fake.calls.map((c) => c.target)).toEqual(['CodePipeline_20150709.GetPipelineExecution']);
  });

  it('skips events of other states and pipelines without calling CodePipeline', async () => {
    expect(await continuer()({ ...EVENT, detail: { ...EVENT.detail, state: 'FAILED' } })).toMatchObject({
      action: 'skip',
    });
    expect(
      await continuer()({ ...EVENT, detail: { ...EVENT.detail, pipeline: 'someone-elses-pipeline' } }),
    ).toEqual({
      action: 'skip',
      reason: 'someone-elses-pipeline is not a release pipeline of this platform',
    });
    expect(await continuer()('not an event')).toMatchObject({ action: 'skip' });
    expect(fake.calls).toEqual([]);
  });

  it(`retries a throttled start at most ${AWS_MAX_ATTEMPTS} times, then fails so the event is retried or dead-lettered`, async () => {
    variables = [
      { name: 'RELEASE_PLAN', resolvedValue: '["amzconnect-contact-flows-develop"]' },
      { name: 'RELEASE_COMMIT', resolvedValue: COMMIT },
    ];
    throttleStarts = Number.POSITIVE_INFINITY;
    await expect(continuer()(EVENT)).rejects.toThrow('Rate exceeded');
    expect(fake.calls.filter((c) => c.target.endsWith('StartPipelineExecution'))).toHaveLength(
      AWS_MAX_ATTEMPTS,
    );
  });
});

describe('parseContinuerEnvironment', () => {
  const FIX =
    'it is computed by the ReleasePlanContinuer construct from env/ at synth time: redeploy the tooling stack.';
  it('reads the allowed pipelines', () => {
    expect(parseContinuerEnvironment({ RELEASE_PIPELINES: '["a","b"]' }).allowedPipelines).toEqual(
      new Set(['a', 'b']),
    );
  });
  it.each([
    [{}, 'RELEASE_PIPELINES is not set'],
    [{ RELEASE_PIPELINES: 'x' }, 'RELEASE_PIPELINES is not valid JSON'],
    [{ RELEASE_PIPELINES: '[]' }, 'RELEASE_PIPELINES must be a non-empty JSON array of pipeline names'],
  ])('rejects %j', (env, what) => {
    expect(() => parseContinuerEnvironment(env)).toThrow(`${what}; ${FIX}`);
  });
});
