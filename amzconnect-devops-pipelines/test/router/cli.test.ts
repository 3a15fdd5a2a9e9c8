import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { main, USAGE } from '../../src/router/cli';
import { emptyQueueState } from '../../src/release-queue/queue-state';

const FIXTURES = path.join(__dirname, 'fixtures', 'github');

function run(argv: string[], cwd = REPO_ROOT) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe('route CLI (dry run)', () => {
  it('prints the decision as JSON: pipelines, order, commit and reason', () => {
    const { code, stdout, stderr } = run([path.join(FIXTURES, 'push.develop-lambdas.json')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      event: 'push',
      action: 'start',
      reason: 'release of develop: changes in lambdas; contact-flows follows because it is built from them',
      commit: '9a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
      before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      pushedAt: 1557933657,
      branch: 'develop',
      environment: 'develop',
      subprojects: ['lambdas', 'contact-flows'],
      order: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
      selfUpdate: null,
      pipelines: ['amzconnect-lambdas-develop', 'amzconnect-contact-flows-develop'],
      queue: {
        outcome: 'started',
        reason: 'push #1: lambdas starts at 9a1b2c3; then contact-flows',
        startsNow: { subproject: 'lambdas', commit: '9a1b2c3d4e5f60718293a4b5c6d7e8f901234567' },
        pending: ['contact-flows'],
      },
    });
  });

  describe("with --queue (the environment's queue state)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'route-queue-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const stateFile = (state: unknown) => {
      const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
      fs.writeFileSync(file, JSON.stringify(state));
      return file;
    };
    const base = {
      ...emptyQueueState('develop'),
      lastSeq: 4,
      head: { commit: '1'.repeat(40), seq: 4, pushedAt: 1557933600 },
      pushes: [{ seq: 4, deliveryId: 'd4', before: '0'.repeat(39) + '1', after: '1'.repeat(40) }],
    };

    it('shows a push coalesced behind the step in flight', () => {
      const inFlight = {
        subproject: 'instance',
        commit: '1'.repeat(40),
        seq: 4,
        token: 't',
        executionId: 'e',
        startedAt: 0,
      };
      const { code, stdout } = run([
        '--queue',
        stateFile({ ...base, inFlight }),
        path.join(FIXTURES, 'push.develop-lambdas.json'),
      ]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).queue).toEqual({
        outcome: 'coalesced',
        reason:
          'coalesced as push #5: instance is in flight at 1111111 (push #4); lambdas, contact-flows will deploy 9a1b2c3',
        startsNow: null,
        pending: ['lambdas', 'contact-flows'],
      });
    });

    it('shows a late delivery refused, and why', () => {
      const newer = { ...base, head: { ...base.head, pushedAt: 1557933700 } };
      const { stdout } = run(['--queue', stateFile(newer), path.join(FIXTURES, 'push.develop-lambdas.json')]);
      expect(JSON.parse(stdout).queue).toMatchObject({
        outcome: 'refused',
        reason:
          'refused: pushed at 1557933657, before push #4 (1111111) at 1557933700: a late or replayed delivery; nothing starts',
      });
    });

    it('names an unreadable queue state', () => {
      const { code, stderr } = run([
        '--queue',
        path.join(dir, 'missing.json'),
        path.join(FIXTURES, 'push.develop-lambdas.json'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^Cannot read the queue state .*missing\.json: ENOENT/);
    });
  });

  it('takes the event name from --event-name', () => {
    const { code, stdout } = run([
      '--event-name',
      'pull_request',
      path.join(FIXTURES, 'pull_request.opened.json'),
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ action: 'ignore', pipelines: [] });
  });

  it('reads the configuration from --config, relative to the working directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'route-config-'));
    const accounts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'env', 'accountvars.json'), 'utf8'));
    accounts.accounts[0].enabled = false;
    fs.writeFileSync(path.join(dir, 'accountvars.json'), JSON.stringify(accounts));
    fs.copyFileSync(path.join(REPO_ROOT, 'env', 'devops.json'), path.join(dir, 'devops.json'));
    const { code, stdout } = run(
      ['--config', path.basename(dir), path.join(FIXTURES, 'push.develop-lambdas.json')],
      os.tmpdir(),
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ action: 'ignore', environment: null });
  });

  it.each([
    [[], `Give the payload file.\n${USAGE}\n`],
    [['a.json', 'b.json'], `Give exactly one payload file.\n${USAGE}\n`],
    [['--event-name'], `--event-name needs a GitHub event name, e.g. --event-name push\n${USAGE}\n`],
    [['--verbose', 'a.json'], `Unknown option --verbose.\n${USAGE}\n`],
    [['--config'], `--config needs a folder, e.g. --config env/\n${USAGE}\n`],
    [['missing.json'], `Cannot read missing.json: ENOENT.\n${USAGE}\n`],
  ])('exits 2 with a clear message for %j', (argv, message) => {
    const { code, stdout, stderr } = run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(message);
  });

  it('exits 2 for a payload that is not JSON or not a push', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'route-payload-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"ref":');
    fs.writeFileSync(path.join(dir, 'nopush.json'), '{"ref":"refs/heads/develop"}');
    const bad = run(['bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bad\.json is not JSON \(/);
    const nopush = run(['nopush.json'], dir);
    expect(nopush.stderr).toBe(
      `nopush.json: push payload is invalid: "before" must be a commit id (40 or 64 lowercase hex digits).\n${USAGE}\n`,
    );
  });

  it('exits 2 with every configuration problem for an invalid --config folder', () => {
    const { code, stderr } = run(['--config', '/nonexistent-config', path.join(FIXTURES, 'ping.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Invalid configuration \(2 problems\):\n/);
  });

  it('runs as `npx tsx` from the repository root (the npm script), printing JSON', () => {
    const result = spawnSync(
      'npx',
      [
        'tsx',
        'amzconnect-devops-pipelines/src/router/cli.ts',
        path.join(FIXTURES, 'push.develop-created.json'),
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, INIT_CWD: REPO_ROOT },
      },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      action: 'start',
      order: expect.arrayContaining(['amzconnect-instance-develop']),
    });
  });
});
