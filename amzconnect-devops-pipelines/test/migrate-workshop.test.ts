import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnPipeline } from 'aws-cdk-lib/aws-codepipeline';
import { loadPlatformConfig, type PlatformConfig } from '@amzconnect/env';
import { APPS, buildApps } from '../src/cli/synth-all';
import { main } from '../src/migrate/cli';
import { planWorkshopMigration } from '../src/migrate/migrate-workshop';

const WORKSHOP = path.join(__dirname, 'fixtures', 'workshop');

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs the command with console output captured. */
function run(argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
  const error = jest.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
  try {
    return { code: main(argv, root), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const read = (dir: string, rel: string) => JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));

describe('npm run migrate (from the workshop)', () => {
  it('plans env/ with the workshop’s values as they are, one settings file per environment, and the flows in our format', () => {
    const plan = planWorkshopMigration(WORKSHOP);

    expect(plan.errors).toEqual([]);
    expect([...plan.files.keys()]).toEqual([
      'env/accountvars.json',
      'env/devops.json',
      'env/environments/dev.json',
      'env/environments/staging.json',
      'env/environments/prod.json',
      'amzconnect-contact-flows/flows/ACME_Main.json',
      'amzconnect-contact-flows/flows/ACME_agent_whisper.json',
    ]);
    expect(JSON.parse(plan.files.get('env/accountvars.json')!).accounts[0]).toEqual({
      env: 'dev',
      branch: 'develop',
      enabled: true,
      account: '121212121212',
      region: ['us-east-1', 'us-west-2'],
      app: 'ACME',
    });
    expect(JSON.parse(plan.files.get('env/environments/staging.json')!)).toEqual({
      instance: { alias: 'acme-workshop-staging' },
    });
  });

  it('replaces <<ARNREPLACE>> with a placeholder, keeps the mapping keys, and makes the content reviewable JSON', () => {
    const main = JSON.parse(
      planWorkshopMigration(WORKSHOP).files.get('amzconnect-contact-flows/flows/ACME_Main.json')!,
    );

    expect(main).toMatchObject({ name: 'ACME_Main', type: 'CONTACT_FLOW' });
    expect(main.content.Actions[0].Parameters.LambdaFunctionARN).toBe('${mapping-function}');
    expect(main.content.Actions[1].Parameters.QueueId).toBe('$.External.ACME_Sales');
  });

  it('lists what still needs a person: the workshop’s queues and the storage bucket', () => {
    const { todo } = planWorkshopMigration(WORKSHOP);

    expect(todo).toEqual(
      expect.arrayContaining([
        'amzconnect-instance/config/instance.json: declare the workshop\'s queues ACME_Sales, ACME_Finance under "queues" (each needs "hoursOfOperation"); the sample already declares ACME_Sales and ACME_Finance.',
        'amzconnect-instance/config/instance.json: storage.bucketName is the base of the bucket name (-<env>-<region> is appended); the workshop used "connect-acme-workshop".',
      ]),
    );
  });

  it('reports a folder that is not the workshop and writes nothing', () => {
    const target = path.join(root, 'not-written');

    const result = run(['--from', path.join(WORKSHOP, 'amzconnect-instance'), '--to', 'not-written']);

    expect(result.code).toBe(1);
    expect(result.err.split('\n')[1]).toBe(
      '  - amzconnect-devops-pipelines/env/accountvars.json: not found; is ' +
        path.join(WORKSHOP, 'amzconnect-instance') +
        ' a checkout of the workshop?',
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it('never overwrites a changed file without --force', () => {
    const target = path.join(root, 'conflict');
    fs.mkdirSync(path.join(target, 'env'), { recursive: true });
    fs.writeFileSync(path.join(target, 'env', 'devops.json'), '{}\n');

    const first = run(['--from', WORKSHOP, '--to', 'conflict']);
    const forced = run(['--from', WORKSHOP, '--to', 'conflict', '--force']);

    expect(first.code).toBe(1);
    expect(first.err).toContain('  - env/devops.json');
    expect(forced.code).toBe(0);
    expect(read(target, 'env/devops.json').repo).toBe('cicd-connect-workshop');
  });

  describe('the migrated configuration', () => {
    let acme: PlatformConfig;
    let lowercase: PlatformConfig;
    beforeAll(() => {
      expect(run(['--from', WORKSHOP, '--to', 'migrated']).code).toBe(0);
      const migrated = path.join(root, 'migrated', 'env');
      const lower = path.join(root, 'lowercase');
      fs.cpSync(migrated, lower, { recursive: true });
      const accounts = read(lower, 'accountvars.json');
      for (const a of accounts.accounts) a.app = 'acme';
      fs.writeFileSync(path.join(lower, 'accountvars.json'), JSON.stringify(accounts));
      acme = loadPlatformConfig(migrated);
      lowercase = loadPlatformConfig(lower);
    });

    it('is accepted as is (app ACME, environments dev, staging, prod), saying that ACME is used lowercase', () => {
      expect(acme.environments.map((e) => [e.name, e.app])).toEqual([
        ['dev', 'acme'],
        ['staging', 'acme'],
        ['prod', 'acme'],
      ]);
      expect(acme.notices).toHaveLength(3);
    });

    it('builds the same pipelines and stacks as the lowercase equivalent', () => {
      const apps = APPS.filter((a) =>
        ['amzconnect-devops-pipelines', 'amzconnect-instance'].includes(a.folder),
      );
      const shape = (config: PlatformConfig, out: string) =>
        buildApps(apps, config, path.join(root, out), true, false).map((b) => ({
          stacks: b.app.node.children.map((c) => c.node.id).sort(),
          pipelines: b.app.node
            .findAll()
            .filter((c): c is CfnPipeline => c instanceof CfnPipeline)
            .map((p) => p.name)
            .sort(),
        }));

      const fromWorkshop = shape(acme, 'out-acme');

      expect(fromWorkshop).toEqual(shape(lowercase, 'out-lower'));
      expect(fromWorkshop[0].pipelines).toContain('amzconnect-instance-develop');
      expect(fromWorkshop[1].stacks).toContain('acme-instance-dev-us-west-2');
    }, 600_000);
  });
});
