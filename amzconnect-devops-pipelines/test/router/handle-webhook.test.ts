import { createHmac } from 'crypto';
import { sign } from '@octokit/webhooks-methods';
import { PIPELINE_VARIABLES } from '@amzconnect/env';
import { fromApiGatewayEvent, toApiGatewayResult } from '../../src/router/api-gateway-adapter';
import { AWS_MAX_ATTEMPTS } from '../../src/router/aws-clients';
import { clientRequestToken } from '../../src/router/start-pipeline';
import { startToken } from '../../src/release-queue/decide-queue';
import { queueMarker } from '../../src/release-queue/queue-marker';
import {
  newDeliveryId,
  RouterHarness,
  signedRequest,
  startRouterHarness,
  TEST_SECRET,
} from './support/router-harness';
import { githubFixture, githubFixtureText } from './support/test-config';

const LAMBDAS_PUSH = githubFixtureText('push.develop-lambdas.json');
const COMMIT = '9a1b2c3d4e5f60718293a4b5c6d7e8f901234567';

describe('webhook handler (real SDK clients against local Secrets Manager, CodePipeline and DynamoDB)', () => {
  let h: RouterHarness;
  beforeAll(async () => {
    h = await startRouterHarness({ maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.resetQueues();
    h.codePipeline.calls.length = 0;
    h.codePipelineState.throttleNext = 0;
    h.secrets.stages = { AWSCURRENT: TEST_SECRET };
    h.secrets.unavailable = false;
    h.secrets.created = undefined;
  });

  describe('verification comes first', () => {
    it('answers 401 to a missing signature without parsing the body', async () => {
      const request = await signedRequest('{not json');
      delete (request.headers as Record<string, string>)['x-hub-signature-256'];
      const response = await h.handle(request);
      expect(response).toEqual({
        statusCode: 401,
        body: { message: 'Missing X-Hub-Signature-256 header: set a secret on the GitHub webhook.' },
      });
    });

    it('answers 401 to a wrong signature without parsing the body', async () => {
      const response = await h.handle(await signedRequest('{not json', { secret: 'wrong secret' }));
      expect(response).toEqual({
        statusCode: 401,
        body: {
          message:
            'Signature does not match: the GitHub webhook secret differs from the router secret (Secrets Manager, or GITHUB_WEBHOOK_SECRET locally).',
        },
      });
    });

    it('answers 401 to a valid signature of another body', async () => {
      const request = await signedRequest(LAMBDAS_PUSH);
      const response = await h.handle({
        ...request,
        body: Buffer.from(LAMBDAS_PUSH.replace('develop', 'staging')),
      });
      expect(response.statusCode).toBe(401);
      expect(h.starts()).toEqual([]);
    });

    it('reads the signature header case-insensitively', async () => {
      const request = await signedRequest(githubFixtureText('ping.json'), { event: 'ping' });
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k.toUpperCase(), v]),
      );
      expect((await h.handle({ ...request, headers })).statusCode).toBe(200);
    });

    it('verifies a base64-encoded API Gateway body after decoding it', async () => {
      const request = await signedRequest(LAMBDAS_PUSH);
      const result = toApiGatewayResult(
        await h.handle(
          fromApiGatewayEvent({
            headers: request.headers as Record<string, string>,
            body: request.body.toString('base64'),
            isBase64Encoded: true,
          }),
        ),
      );
      expect(result.statusCode).toBe(200);
      expect(result.headers).toEqual({ 'content-type': 'application/json' });
      expect(JSON.parse(result.body)).toMatchObject({ action: 'start', commit: COMMIT });
    });

    it('accepts the previous secret version during a rotation', async () => {
      h.secrets.stages = { AWSCURRENT: 'rotated-secret', AWSPREVIOUS: TEST_SECRET };
      const response = await h.handle(await signedRequest(githubFixtureText('ping.json'), { event: 'ping' }));
      expect(response.statusCode).toBe(200);
    });

    it('rejects the previous secret once the rotation window (24 h by default) has passed', async () => {
      const rotatedAt = Math.floor(Date.now() / 1000) - 24 * 60 * 60 - 60;
      h.secrets.stages = { AWSCURRENT: 'rotated-secret', AWSPREVIOUS: TEST_SECRET };
      h.secrets.created = { AWSCURRENT: rotatedAt, AWSPREVIOUS: rotatedAt - 86_400 };
      const response = await h.handle(await signedRequest(githubFixtureText('ping.json'), { event: 'ping' }));
      expect(response.statusCode).toBe(401);
    });

    it('rejects the previous secret when there is none', async () => {
      h.secrets.stages = { AWSCURRENT: 'rotated-secret' };
      const response = await h.handle(await signedRequest(githubFixtureText('ping.json'), { event: 'ping' }));
      expect(response.statusCode).toBe(401);
    });

    it('answers 503 when the secret cannot be read', async () => {
      h.secrets.unavailable = true;
      const response = await h.handle(await signedRequest(LAMBDAS_PUSH));
      expect(response).toEqual({
        statusCode: 503,
        body: {
          message: 'The webhook secret cannot be read right now; GitHub can redeliver this delivery later.',
        },
      });
    });
  });

  describe('after verification', () => {
    it('answers 413 to an oversized body', async () => {
      const big = JSON.stringify({ padding: 'x'.repeat(64 * 1024) });
      expect(await h.handle(await signedRequest(big))).toEqual({
        statusCode: 413,
        body: { message: `Payload of ${big.length} bytes exceeds the 65536-byte limit.` },
      });
    });

    it('answers 400 to a body that is not JSON', async () => {
      expect(
        await h.handle(await signedRequest('payload=%7B%7D', { headers: { 'content-type': 'text/plain' } })),
      ).toEqual({
        statusCode: 400,
        body: { message: 'Body is not JSON: set the webhook content type to application/json.' },
      });
    });

    it('verifies a form-encoded delivery on the raw body, then routes its payload field', async () => {
      const form = `payload=${encodeURIComponent(LAMBDAS_PUSH)}`;
      const response = await h.handle(
        await signedRequest(form, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      );
      expect(response).toMatchObject({ statusCode: 200, body: { action: 'start', commit: COMMIT } });
    });

    it('answers 401 to a form-encoded delivery whose signature covers only the JSON', async () => {
      const request = await signedRequest(LAMBDAS_PUSH, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const response = await h.handle({
        ...request,
        body: Buffer.from(`payload=${encodeURIComponent(LAMBDAS_PUSH)}`),
      });
      expect(response.statusCode).toBe(401);
    });

    it('answers 400 to a form-encoded delivery without a payload field', async () => {
      const response = await h.handle(
        await signedRequest('other=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      );
      expect(response).toEqual({
        statusCode: 400,
        body: { message: 'Form-encoded body has no "payload" field.' },
      });
    });

    it('answers 400 to JSON that is not an object', async () => {
      expect((await h.handle(await signedRequest('[1,2]'))).body).toEqual({
        message: 'Body must be a JSON object.',
      });
    });

    it('answers 400 to a missing X-GitHub-Event or X-GitHub-Delivery header', async () => {
      const noEvent = await signedRequest(LAMBDAS_PUSH);
      delete (noEvent.headers as Record<string, string>)['x-github-event'];
      expect(await h.handle(noEvent)).toEqual({
        statusCode: 400,
        body: { message: 'Missing X-GitHub-Event header.' },
      });
      const noDelivery = await signedRequest(LAMBDAS_PUSH);
      delete (noDelivery.headers as Record<string, string>)['x-github-delivery'];
      expect(await h.handle(noDelivery)).toEqual({
        statusCode: 400,
        body: { message: 'Missing X-GitHub-Delivery header.' },
      });
    });

    it('answers 400 to a push payload without commits', async () => {
      const body = JSON.stringify({ ...githubFixture('push.develop-lambdas.json'), commits: undefined });
      expect(await h.handle(await signedRequest(body))).toEqual({
        statusCode: 400,
        body: { message: 'push payload is invalid: "commits" must be an array' },
      });
    });

    it('answers 200 to ping', async () => {
      const response = await h.handle(await signedRequest(githubFixtureText('ping.json'), { event: 'ping' }));
      expect(response).toMatchObject({ statusCode: 200, body: { action: 'pong' } });
    });

    it('answers 202 with the pull-request decision and starts nothing (CodeBuild runs the check)', async () => {
      const response = await h.handle(
        await signedRequest(
          // GitHub's example, read as a pull request of the configured repository.
          githubFixtureText('pull_request.opened-develop.json').replaceAll(
            'Codertocat/Hello-World',
            'example-org/amazon-connect-cicd',
          ),
          { event: 'pull_request' },
        ),
      );
      expect(response).toMatchObject({
        statusCode: 202,
        body: { event: 'pull_request', action: 'check', environment: 'develop', planCredentials: 'yes' },
      });
      expect(h.starts()).toEqual([]);
    });

    it('answers 400 to a pull_request payload without a pull request', async () => {
      const response = await h.handle(await signedRequest('{"action":"opened"}', { event: 'pull_request' }));
      expect(response).toEqual({
        statusCode: 400,
        body: { message: 'pull_request payload is invalid: "pull_request" must be an object' },
      });
    });

    it.each([['create', 'create.json']])(
      'answers 202 "ignored" with the reason to %s',
      async (event, fixture) => {
        const response = await h.handle(await signedRequest(githubFixtureText(fixture), { event }));
        expect(response).toMatchObject({
          statusCode: 202,
          body: { action: 'ignore', reason: `event "${event}" is ignored: only push events start pipelines` },
        });
        expect(h.starts()).toEqual([]);
      },
    );

    it('answers 202 with the reason to a tag push', async () => {
      const response = await h.handle(await signedRequest(githubFixtureText('push.tag-created.json')));
      expect(response).toMatchObject({
        statusCode: 202,
        body: { reason: '"refs/tags/simple-tag" is not a branch: only branch pushes start pipelines' },
      });
    });
  });

  describe('starting pipelines', () => {
    it('starts the first pipeline of the plan pinned to the pushed commit, carrying the rest of the plan', async () => {
      const delivery = newDeliveryId();
      const response = await h.handle(await signedRequest(LAMBDAS_PUSH, { delivery }));
      expect(response).toEqual({
        statusCode: 200,
        body: expect.objectContaining({
          action: 'start',
          commit: COMMIT,
          order: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
          pipelines: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
          reason:
            'release of develop: changes in lambdas; contact-flows follows because it is built from them',
          started: [{ pipeline: 'amzconnect-lambdas-develop', executionId: expect.any(String) }],
          replayed: false,
        }),
      });
      const token = startToken('develop', 'lambdas', 1);
      expect(h.starts()).toEqual([
        {
          name: 'amzconnect-lambdas-develop',
          clientRequestToken: clientRequestToken(token, 'amzconnect-lambdas-develop'),
          sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: COMMIT }],
          variables: [
            {
              name: PIPELINE_VARIABLES.releasePlan,
              value: queueMarker({ token, seq: 1, then: ['amzconnect-contact-flows-develop'] }),
            },
            { name: PIPELINE_VARIABLES.releaseCommit, value: COMMIT },
            { name: PIPELINE_VARIABLES.releaseSubprojects, value: 'lambdas,contact-flows' },
          ],
        },
      ]);
      expect(response.body).toMatchObject({
        queue: { outcome: 'started', reason: 'push #1: lambdas starts at 9a1b2c3; then contact-flows' },
      });
    });

    it('starts the self-update pipeline independently, with only the commit variable', async () => {
      const body = JSON.stringify({
        ...githubFixture('push.develop-lambdas.json'),
        ref: 'refs/heads/main',
        commits: [
          { id: COMMIT, added: [], modified: ['amzconnect-devops-pipelines/src/router/cli.ts'], removed: [] },
        ],
      });
      const response = await h.handle(await signedRequest(body));
      expect(response.body).toMatchObject({ pipelines: ['amzconnect-devops-pipelines'], order: [] });
      expect(h.starts()).toEqual([
        expect.objectContaining({
          name: 'amzconnect-devops-pipelines',
          sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: COMMIT }],
          variables: [{ name: PIPELINE_VARIABLES.releaseCommit, value: COMMIT }],
        }),
      ]);
    });

    it('never starts anything twice for a redelivery with the same X-GitHub-Delivery', async () => {
      const delivery = newDeliveryId();
      const first = await h.handle(await signedRequest(LAMBDAS_PUSH, { delivery }));
      const again = await h.handle(await signedRequest(LAMBDAS_PUSH, { delivery }));
      expect(first.body).toMatchObject({ replayed: false });
      expect(again).toMatchObject({
        statusCode: 200,
        body: { replayed: true, started: (first.body as { started: unknown }).started },
      });
      expect(h.starts()).toHaveLength(1);
    });

    it('refuses the same payload replayed under a new delivery id: 202, nothing started', async () => {
      await h.handle(await signedRequest(LAMBDAS_PUSH));
      const replay = await h.handle(await signedRequest(LAMBDAS_PUSH));
      expect(replay).toMatchObject({
        statusCode: 202,
        body: {
          action: 'ignore',
          started: [],
          queue: {
            outcome: 'refused',
            reason:
              'refused: the same push (6113728 → 9a1b2c3) was already queued as push #1; nothing starts',
          },
        },
      });
      expect(h.starts()).toHaveLength(1);
    });

    it('coalesces a second push while the first release is in flight', async () => {
      await h.handle(await signedRequest(LAMBDAS_PUSH));
      const next = JSON.stringify({
        ...githubFixture('push.develop-lambdas.json'),
        before: COMMIT,
        after: 'f'.repeat(40),
        repository: {
          ...(githubFixture('push.develop-lambdas.json').repository as object),
          pushed_at: 1557933700,
        },
      });
      const response = await h.handle(await signedRequest(next));
      expect(response).toMatchObject({
        statusCode: 200,
        body: { queue: { outcome: 'coalesced' }, started: [] },
      });
      expect(h.starts()).toHaveLength(1);
      expect((await h.queues.load('develop')).pending).toEqual(['lambdas', 'contact-flows']);
    });

    it('retries a throttled start and succeeds', async () => {
      h.codePipelineState.throttleNext = 1;
      const response = await h.handle(await signedRequest(LAMBDAS_PUSH));
      expect(response.statusCode).toBe(200);
      expect(h.starts()).toHaveLength(2);
    });

    it(`keeps the push queued when ${AWS_MAX_ATTEMPTS} throttled attempts fail, for the periodic check to re-send`, async () => {
      h.codePipelineState.throttleNext = Number.POSITIVE_INFINITY;
      const response = await h.handle(await signedRequest(LAMBDAS_PUSH));
      expect(response).toMatchObject({
        statusCode: 200,
        body: {
          started: [],
          queue: { outcome: 'started', failures: ['start lambdas: ThrottlingException'] },
        },
      });
      expect(h.starts()).toHaveLength(AWS_MAX_ATTEMPTS);
      const queued = await h.queues.load('develop');
      expect(queued.inFlight).toMatchObject({ subproject: 'lambdas', commit: COMMIT, executionId: null });
    });

    it('signs with the documented algorithm: a signature computed by hand is accepted', async () => {
      const body = githubFixtureText('ping.json');
      const request = await signedRequest(body, { event: 'ping' });
      const manual = `sha256=${createHmac('sha256', TEST_SECRET).update(body).digest('hex')}`;
      expect(manual).toBe(await sign(TEST_SECRET, body));
      expect(
        (await h.handle({ ...request, headers: { ...request.headers, 'x-hub-signature-256': manual } }))
          .statusCode,
      ).toBe(200);
    });
  });
});
