import { normalizedContent } from '../../src/deploy/content-hash';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { runCli } from '../../src/cli/main';
import { DeployCliIo } from '../../src/deploy/deploy-command-context';
import { FlowDocument } from '../../src/model/flow-document';
import { serializeFlowDocument } from '../../src/format/serialize-flow-document';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { inboundFlow, withText } from './support/flow-factory';

describe('npm run flows -- plan | deploy | rollback', () => {
  let env: DeployTestEnvironment;
  let repo: string;
  let out: string[];
  let err: string[];
  let io: DeployCliIo;

  function writeFlows(docs: readonly FlowDocument[]): void {
    const dir = path.join(repo, 'amzconnect-contact-flows', 'flows');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const d of docs) fs.writeFileSync(path.join(dir, `${d.name}.json`), serializeFlowDocument(d));
  }

  const run = (...argv: string[]) => runCli([...argv, '--repo', repo], io);

  beforeEach(async () => {
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
    env.connect.addQueue('Support');
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-repo-'));
    fs.mkdirSync(path.join(repo, 'env'));
    for (const f of ['accountvars.json', 'devops.json'])
      fs.copyFileSync(path.join(REPO_ROOT, 'env', f), path.join(repo, 'env', f));
    out = [];
    err = [];
    io = {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      cwd: repo,
      deployClients: () => env.clients(),
      clock: env.clock,
    };
  });

  afterEach(async () => {
    await env.stop();
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('plans, deploys, then plans no changes', async () => {
    // Prepare
    writeFlows([inboundFlow('Main', { transferTo: 'Billing' }), inboundFlow('Billing')]);

    // Act
    const planCode = await run('plan', '--env', 'develop', '--region', 'us-east-1', '--out', 'plan.txt');
    const planText = out.join('');
    out.length = 0;
    const deployCode = await run('deploy', '--env', 'develop', '--region', 'us-east-1');
    const deployText = out.join('');
    out.length = 0;
    const againCode = await run('plan', '--env', 'develop', '--region', 'us-east-1');

    // Assess
    expect([planCode, deployCode, againCode]).toEqual([0, 0, 0]);
    expect(fs.readFileSync(path.join(repo, 'plan.txt'), 'utf8')).toBe(planText);
    expect(planText).toContain('2 to create, 0 to update, 0 unchanged, 0 orphaned, 0 blocked');
    expect(planText).toContain('+ flow Main (acme-Main): create, 5 blocks (references new flow:Billing)');
    expect(deployText).toMatch(/^Run .* \(deploy\) succeeded: 3 write\(s\)$/m);
    expect(out.join('')).toContain('No changes.');
  });

  it('rolls back a bad release and prints what it restored', async () => {
    // Prepare
    const main = inboundFlow('Main');
    writeFlows([main]);
    await run('deploy', '--env', 'develop', '--region', 'us-east-1');
    const good = env.connect.flowByName('acme-Main')!.content;
    writeFlows([withText(main, 'Bad release')]);
    await run('deploy', '--env', 'develop', '--region', 'us-east-1');
    out.length = 0;

    // Act
    const code = await run('rollback', '--env', 'develop', '--region', 'us-east-1');

    // Assess
    expect(code).toBe(0);
    expect(normalizedContent(env.connect.flowByName('acme-Main')!.content)).toBe(normalizedContent(good));
    expect(out.join('')).toMatch(/restore flow Main -> restored backup v\d+ saved/);
  });

  it('rejects a Region the environment does not deploy to', async () => {
    // Act
    const code = await run('plan', '--env', 'staging', '--region', 'eu-west-1');

    // Assess
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      'plan: environment staging does not deploy to eu-west-1 (regions: us-east-1)\n',
    );
  });

  it('requires --flow with --to', async () => {
    // Act
    const code = await run('rollback', '--env', 'develop', '--region', 'us-east-1', '--to', 'v1');

    // Assess
    expect(code).toBe(2);
    expect(err.join('')).toBe('rollback: --to VERSION needs --flow NAME\n');
  });
});
