import * as http from 'http';
import type { AddressInfo } from 'net';
import { sign } from '@octokit/webhooks-methods';
import { REPO_ROOT } from '@amzconnect/env';
import { createLocalServer, main } from '../../src/router/local-server';
import { silentLogger } from '../../src/router/logger-like';
import { githubFixtureText, sampleTable } from './support/test-config';

const SECRET = 'local-secret';

async function post(port: number, body: string, headers: Record<string, string>, method = 'POST') {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: '/', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('local router server (dry run)', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = createLocalServer({
      routingTable: sampleTable,
      secret: SECRET,
      logger: silentLogger,
      maxBodyBytes: 32 * 1024,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => close(server));

  it('answers a signed push with the decision, marked as a dry run, starting nothing', async () => {
    const body = githubFixtureText('push.develop-lambdas.json');
    const response = await post(port, body, {
      'content-type': 'application/json',
      'X-GitHub-Event': 'push',
      'X-GitHub-Delivery': 'd-1',
      'X-Hub-Signature-256': await sign(SECRET, body),
    });
    expect(response).toEqual({
      status: 200,
      body: expect.objectContaining({
        action: 'start',
        order: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
        started: [],
        dryRun: true,
      }),
    });
  });

  it('answers 401 to an unsigned delivery', async () => {
    const response = await post(port, '{}', { 'x-github-event': 'push' });
    expect(response.status).toBe(401);
  });

  it('answers 405 to anything but POST', async () => {
    expect((await post(port, '', {}, 'GET')).status).toBe(405);
  });

  it('answers 413 without buffering an oversized body', async () => {
    expect((await post(port, 'x'.repeat(40 * 1024), {})).status).toBe(413);
  });
});

describe('local router entry point', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: (t: string) => (out.stdout += t),
        stderr: (t: string) => (out.stderr += t),
        cwd: REPO_ROOT,
      },
    };
  };

  it('listens on PORT with GITHUB_WEBHOOK_SECRET', async () => {
    const { out, io: streams } = io();
    const result = await main([], { PORT: '0', GITHUB_WEBHOOK_SECRET: SECRET }, streams);
    expect(result).toBeInstanceOf(http.Server);
    const server = result as http.Server;
    const port = (server.address() as AddressInfo).port;
    expect(out.stdout).toBe(
      `Webhook router (dry run, starts nothing) listening on http://127.0.0.1:${port}/\n`,
    );
    const body = githubFixtureText('ping.json');
    const response = await post(port, body, {
      'x-github-event': 'ping',
      'x-github-delivery': 'p',
      'x-hub-signature-256': await sign(SECRET, body),
    });
    expect(response.status).toBe(200);
    await close(server);
  });

  it.each([
    [{}, 'GITHUB_WEBHOOK_SECRET is not set: export the secret configured on the GitHub webhook.\n'],
    [{ GITHUB_WEBHOOK_SECRET: 's', PORT: 'http' }, 'PORT "http" is not a port number (0-65535).\n'],
  ])('exits 2 for an invalid environment %j', async (env, message) => {
    const { out, io: streams } = io();
    expect(await main([], env, streams)).toBe(2);
    expect(out.stderr).toBe(message);
  });
});
