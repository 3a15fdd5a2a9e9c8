import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { loadPlatformConfig, REPO_ROOT, SsmNames } from '@amzconnect/env';
import { APPS, buildApps, main, synthBuiltApp, type BuiltApp } from '../src/cli/synth-all';

const ENV_DIR = path.join(REPO_ROOT, 'env');
const EXISTING_ARN = 'arn:aws:connect:us-east-1:444444444444:instance/0a1b2c3d-1111-4222-8333-444455556666';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'config-folder-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * What a new user does: `cp -r env /tmp/mine`, replace every account id, rename `develop` to
 * `dev` (contents and file names), then `edit(files)` for anything else. Only JSON files are
 * copied (the package's code is not configuration).
 */
function myConfig(name: string, edit: (dir: string) => void = () => undefined): string {
  const dir = path.join(root, name);
  fs.cpSync(ENV_DIR, dir, {
    recursive: true,
    filter: (src) =>
      fs.statSync(src).isDirectory()
        ? !/[\\/](src|test|node_modules)$/.test(src)
        : src.endsWith('.json') && !src.endsWith('package.json'),
  });
  const ids: Record<string, string> = {
    '111111111111': '444444444444',
    '222222222222': '555555555555',
    '333333333333': '666666666666',
    '999999999999': '777777777777',
  };
  const files = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const file of files(dir)) {
    let text = fs.readFileSync(file, 'utf8');
    for (const [from, to] of Object.entries(ids)) text = text.split(from).join(to);
    fs.writeFileSync(file, text.split('develop').join('dev'));
    if (path.basename(file).includes('develop'))
      fs.renameSync(file, path.join(path.dirname(file), path.basename(file).replace('develop', 'dev')));
  }
  edit(dir);
  return dir;
}

function edited(file: string, change: (json: any) => void): void {
  const json = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  change(json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

const stackOf = (built: BuiltApp, name: string) => built.app.node.findChild(name) as Stack;

describe('a copy of env/ is the whole configuration', () => {
  let built: BuiltApp[];
  beforeAll(() => {
    const dir = myConfig('mine');
    built = buildApps(APPS, loadPlatformConfig(dir), path.join(root, 'mine-out'), true);
  }, 600_000);

  it('with new account ids and develop renamed to dev, validates every sub-project and builds its stacks', () => {
    expect(built.map((b) => [b.folder, b.stacks])).toEqual([
      ['amzconnect-devops-pipelines', expect.any(Number)],
      ['amzconnect-instance', 4],
      ['amzconnect-supporting-infra', 4],
      ['amzconnect-lambdas', 4],
      ['amzconnect-contact-flows', 4],
    ]);
    const instance = built.find((b) => b.folder === 'amzconnect-instance')!;
    expect(stackOf(instance, 'acme-instance-dev-us-west-2').account).toBe('444444444444');
  });

  it('synthesizes the dev instance with the settings of env/environments/dev.json', () => {
    const instance = built.find((b) => b.folder === 'amzconnect-instance')!;

    const result = synthBuiltApp(instance);

    expect(result.findings).toEqual([]);
    const template = Template.fromStack(stackOf(instance, 'acme-instance-dev-us-east-1'));
    template.hasResourceProperties('AWS::Connect::Instance', { InstanceAlias: 'acme-dev-us-east-1' });
    // dev.json says retainOnDelete: false
    template.hasResource('AWS::Connect::Instance', { DeletionPolicy: 'Delete' });
  });
});

describe('configuration errors of every sub-project', () => {
  it('are printed together with file, field and fix, exit 1, and nothing is written', () => {
    const dir = myConfig('broken', (d) => {
      edited(path.join(d, 'environments', 'dev.json'), (j) => {
        j.instance.retainOnDelet = false;
        j.supportingInfra.loadSampleCustomers = 'yes';
        j.workloads = { 'agent-guides': { enabled: 'sometimes' } };
      });
    });
    const out = path.join(root, 'broken-out');
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));

    const code = main(['--config', dir, '--out', out]);

    spy.mockRestore();
    expect(code).toBe(1);
    const file = path.relative(process.cwd(), path.join(dir, 'environments', 'dev.json'));
    expect(errors.join('\n').split('\n')).toEqual([
      'Invalid configuration (3 problems):',
      `  - ${file}: instance.retainOnDelet: is not a known key; remove it or fix its spelling (known keys: retainOnDelete, terminationProtection, production, alias, existingObjects).`,
      `  - ${file}: supportingInfra.loadSampleCustomers: must be a boolean, not a string.`,
      `  - ${file}: workloads.agent-guides.enabled: must be true (deploy the workload in this environment) or false.`,
    ]);
    expect(fs.existsSync(out)).toBe(false);
  }, 600_000);
});

describe('an environment on an existing instance', () => {
  let instance: BuiltApp;
  let lambdas: BuiltApp;
  beforeAll(() => {
    const dir = myConfig('existing', (d) =>
      edited(path.join(d, 'accountvars.json'), (j) => {
        j.accounts[0].existingInstances = { 'us-east-1': EXISTING_ARN };
      }),
    );
    const apps = APPS.filter((a) => ['amzconnect-instance', 'amzconnect-lambdas'].includes(a.folder));
    [instance, lambdas] = buildApps(apps, loadPlatformConfig(dir), path.join(root, 'existing-out'), true);
    synthBuiltApp(instance);
  }, 600_000);

  it('synthesizes no AWS::Connect::Instance, key or storage for it, and publishes the existing instance', () => {
    const template = Template.fromStack(stackOf(instance, 'acme-instance-dev-us-east-1'));

    template.resourceCountIs('AWS::Connect::Instance', 0);
    template.resourceCountIs('AWS::Connect::InstanceStorageConfig', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: SsmNames.connect.instanceArn('acme', 'dev'),
      Value: EXISTING_ARN,
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: SsmNames.connect.instanceId('acme', 'dev'),
      Value: '0a1b2c3d-1111-4222-8333-444455556666',
    });
    template.hasResourceProperties('AWS::Connect::Queue', { InstanceArn: EXISTING_ARN, Name: 'ACME_Sales' });
  });

  it('keeps a managed instance in the Regions not listed', () => {
    Template.fromStack(stackOf(instance, 'acme-instance-dev-us-west-2')).resourceCountIs(
      'AWS::Connect::Instance',
      1,
    );
  });

  it('gives its lambdas the instance ARN through the parameter the instance stack publishes', () => {
    const template = Template.fromStack(stackOf(lambdas, 'acme-lambdas-dev-us-east-1'));

    const defaults = Object.values(template.toJSON().Parameters as Record<string, { Default?: string }>).map(
      (p) => p.Default,
    );
    expect(defaults).toContain(SsmNames.connect.instanceArn('acme', 'dev'));
  });
});
