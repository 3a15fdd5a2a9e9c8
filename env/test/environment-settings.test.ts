import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ConfigError,
  existingInstanceIn,
  formatProblem,
  loadPlatformConfig,
  rawWorkloadSettings,
} from '../src';

const SAMPLE_DIR = path.join(__dirname, '..');
const ARN_EAST = 'arn:aws:connect:us-east-1:111111111111:instance/0a1b2c3d-1111-4222-8333-444455556666';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'env-settings-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** Copies the sample `env/` into a fresh folder, then writes `files` (path → JSON value, `null` deletes). */
function configFrom(files: Record<string, unknown> = {}): string {
  const dir = path.join(root, `config-${counter++}`);
  fs.cpSync(SAMPLE_DIR, dir, {
    recursive: true,
    filter: (src) => !/[\\/](src|test|node_modules)$/.test(src) && !src.endsWith('package.json'),
  });
  for (const [name, value] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (value === null) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    }
  }
  return dir;
}

function sampleAccounts(): { accounts: Record<string, unknown>[] } {
  return JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'accountvars.json'), 'utf8'));
}

function problemsOf(dir: string): string[] {
  try {
    loadPlatformConfig(dir, { cwd: dir });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('environment settings (env/environments/<env>.json)', () => {
  it('exposes each environment’s sections and the file they come from', () => {
    const config = loadPlatformConfig(SAMPLE_DIR, { cwd: SAMPLE_DIR });
    const develop = config.environments.find((e) => e.name === 'develop')!;

    expect(develop.settings).toMatchObject({
      file: path.join('environments', 'develop.json'),
      exists: true,
      instance: { retainOnDelete: false },
      supportingInfra: { retainOnDelete: false, loadSampleCustomers: true },
    });
    expect(rawWorkloadSettings(config, 'staging', 'agent-guides')).toEqual({
      file: path.join('environments', 'staging.json'),
      field: 'workloads.agent-guides',
      value: { enabled: false },
    });
  });

  it('gives an environment without a settings file the defaults', () => {
    const dir = configFrom({ 'environments/prod.json': null });

    const prod = loadPlatformConfig(dir, { cwd: dir }).environments.find((e) => e.name === 'prod')!;

    expect(prod.settings).toEqual({
      file: path.join('environments', 'prod.json'),
      exists: false,
      instance: undefined,
      supportingInfra: undefined,
      workloads: {},
    });
    expect(rawWorkloadSettings(loadPlatformConfig(dir), 'prod', 'email-channel').value).toBeUndefined();
  });

  it('reports a settings file left behind by a rename, and every outline problem, together', () => {
    const accounts = sampleAccounts();
    accounts.accounts[0].env = 'dev';
    const dir = configFrom({
      'accountvars.json': accounts,
      'environments/staging.json': { instance: [], workload: {} },
      'environments/prod.json': '{ "instance": ',
    });

    expect(problemsOf(dir)).toEqual([
      'environments/staging.json: workload: is not a known key; remove it or fix its spelling (known keys: instance, supportingInfra, workloads).',
      'environments/staging.json: instance: must be an object, or be left out for the defaults.',
      'environments/prod.json: is not valid JSON (Unexpected end of JSON input); fix the syntax.',
      'environments/develop.json: names no environment of accountvars.json (dev, staging, prod); rename it to <env>.json of the environment it configures, or delete it.',
    ]);
  });
});

describe('app names', () => {
  it('accepts the workshop’s upper-case app name and uses it lowercased, with a notice', () => {
    const accounts = sampleAccounts();
    for (const a of accounts.accounts) a.app = 'ACME';
    const dir = configFrom({ 'accountvars.json': accounts });

    const config = loadPlatformConfig(dir, { cwd: dir });

    expect(config.environments.map((e) => e.app)).toEqual(['acme', 'acme', 'acme']);
    expect(config.notices[0]).toBe(
      'accountvars.json: accounts[0].app "ACME" is used as "acme": stack, SSM parameter and resource names are lowercase (S3 bucket names must be).',
    );
  });

  it('has no notice for a lowercase app name', () => {
    expect(loadPlatformConfig(SAMPLE_DIR).notices).toEqual([]);
  });
});

describe('existingInstances', () => {
  function withExisting(existingInstances: unknown, index = 0): string {
    const accounts = sampleAccounts();
    accounts.accounts[index].existingInstances = existingInstances;
    return configFrom({ 'accountvars.json': accounts });
  }

  it('maps a Region to an adopted instance; other Regions stay managed', () => {
    const config = loadPlatformConfig(withExisting({ 'us-east-1': ARN_EAST }));
    const develop = config.environments[0];

    expect(existingInstanceIn(develop, 'us-east-1')).toEqual({
      arn: ARN_EAST,
      instanceId: '0a1b2c3d-1111-4222-8333-444455556666',
    });
    expect(existingInstanceIn(develop, 'us-west-2')).toBeUndefined();
    expect(config.environments[1].existingInstances).toEqual({});
  });

  it('rejects a malformed ARN, a foreign Region or account, and a Region the environment does not deploy to', () => {
    const dir = withExisting({
      'us-east-1': 'arn:aws:connect:us-east-1:111111111111:instance/not-a-uuid',
      'us-west-2': ARN_EAST.replace('111111111111', '222222222222'),
      'eu-west-2': ARN_EAST.replace('us-east-1', 'eu-west-2'),
    });

    expect(problemsOf(dir)).toEqual([
      'accountvars.json: accounts[0].existingInstances.us-east-1: is not an Amazon Connect instance ARN; copy it from the console (Amazon Connect > the instance > Distribution settings / "Instance ARN"): arn:aws:connect:<region>:<account>:instance/<instance-id>.',
    ]);
    const schemaValid = withExisting({
      'us-west-2': ARN_EAST.replace('111111111111', '222222222222'),
      'eu-west-2': ARN_EAST.replace('us-east-1', 'eu-west-2'),
    });
    expect(problemsOf(schemaValid)).toEqual([
      'accountvars.json: accounts[0].existingInstances.us-west-2: is an instance in us-east-1, not us-west-2; list it under "us-east-1" or use the ARN of the instance in us-west-2.',
      "accountvars.json: accounts[0].existingInstances.us-west-2: is an instance of account 222222222222, but the environment deploys to 111111111111; the platform only adopts instances in the environment's own account.",
      'accountvars.json: accounts[0].existingInstances.eu-west-2: "eu-west-2" is not a Region of this environment; use one of us-east-1, us-west-2 or add it to "region".',
    ]);
  });
});
