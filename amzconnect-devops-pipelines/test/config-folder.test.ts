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
    built = buildApps(APPS, loadPlatformConfig(dir), path.join(root, 'mine-out'), true, false);
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
      `  - ${file}: instance.retainOnDelet: is not a known key; remove it or fix its spelling (known keys: retainOnDelete, terminationProtection, production, alias, existingObjects, customerProfiles).`,
      `  - ${file}: supportingInfra.loadSampleCustomers: must be a boolean, not a string.`,
      `  - ${file}: workloads.agent-guides.enabled: must be true (deploy the workload in this environment) or false.`,
    ]);
    expect(fs.existsSync(out)).toBe(false);
  }, 600_000);
});

/** Parameters of a template read from SSM, by logical id: the parameter name each one reads. */
function ssmParameters(template: Template): Map<string, string> {
  const parameters = (template.toJSON().Parameters ?? {}) as Record<
    string,
    { Type: string; Default?: string }
  >;
  return new Map(
    Object.entries(parameters)
      .filter(([, p]) => p.Type.startsWith('AWS::SSM::Parameter::Value'))
      .map(([id, p]) => [id, p.Default!]),
  );
}

/** Resolves `Ref` and `Fn::Join` of a template value, with `refs` giving the value of each Ref. */
function resolved(value: unknown, refs: Readonly<Record<string, string>>): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref !== undefined) {
    if (!(v.Ref in refs)) throw new Error(`unresolved Ref ${v.Ref}`);
    return refs[v.Ref];
  }
  if (v['Fn::Join']) return v['Fn::Join'][1].map((part) => resolved(part, refs)).join(v['Fn::Join'][0]);
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

describe('an environment on an existing instance', () => {
  let instance: BuiltApp;
  let lambdas: BuiltApp;
  let flows: BuiltApp;

  beforeAll(() => {
    const dir = myConfig('existing', (d) =>
      edited(path.join(d, 'accountvars.json'), (j) => {
        j.accounts[0].existingInstances = { 'us-east-1': EXISTING_ARN };
      }),
    );
    const apps = APPS.filter((a) =>
      ['amzconnect-instance', 'amzconnect-lambdas', 'amzconnect-contact-flows'].includes(a.folder),
    );
    [instance, lambdas, flows] = buildApps(
      apps,
      loadPlatformConfig(dir),
      path.join(root, 'existing-out'),
      true,
      false,
    );
    synthBuiltApp(instance);
  }, 600_000);

  it('creates no instance, key or storage, publishes its ARN and id, and its lambdas and flows stacks resolve exactly that instance through those parameters', () => {
    // Instance stack: nothing created for the instance; the contract's parameters point at it.
    const published = Template.fromStack(stackOf(instance, 'acme-instance-dev-us-east-1'));
    for (const type of [
      'AWS::Connect::Instance',
      'AWS::Connect::InstanceStorageConfig',
      'AWS::KMS::Key',
      'AWS::S3::Bucket',
    ])
      published.resourceCountIs(type, 0);
    const parameterValues = new Map(
      Object.values(published.findResources('AWS::SSM::Parameter')).map((r) => [
        r.Properties.Name as string,
        r.Properties.Value as unknown,
      ]),
    );
    const arnName = SsmNames.connect.instanceArn('acme', 'dev');
    const idName = SsmNames.connect.instanceId('acme', 'dev');
    expect(parameterValues.get(arnName)).toBe(EXISTING_ARN);
    expect(parameterValues.get(idName)).toBe('0a1b2c3d-1111-4222-8333-444455556666');
    published.hasResourceProperties('AWS::Connect::Queue', { InstanceArn: EXISTING_ARN, Name: 'ACME_Sales' });

    // Lambdas stack: the instance is read from the instance-ARN parameter and from nowhere else.
    const lambdaTemplate = Template.fromStack(stackOf(lambdas, 'acme-lambdas-dev-us-east-1'));
    const lambdaConnect = [...ssmParameters(lambdaTemplate)].filter(([, name]) =>
      name.startsWith('/acme/dev/connect/'),
    );
    expect(lambdaConnect.map(([, name]) => name)).toEqual([arnName]);
    expect(JSON.stringify(lambdaTemplate.toJSON().Resources)).toContain(`{"Ref":"${lambdaConnect[0][0]}"}`);
    expect(JSON.stringify(lambdaTemplate.toJSON().Resources)).not.toMatch(
      /:connect:[a-z0-9-]+:\d{12}:instance/,
    );

    // Contact-flows stack: the provisioner's instance, resolved with what the instance stack
    // publishes (the contract gives the flows stack and its engine the instance id), is exactly
    // the existing instance.
    const flowsTemplate = Template.fromStack(stackOf(flows, 'acme-contact-flows-dev-us-east-1'));
    const flowParameters = ssmParameters(flowsTemplate);
    const flowConnect = [...flowParameters].filter(([, name]) => name.startsWith('/acme/dev/connect/'));
    expect(flowConnect.map(([, name]) => name)).toEqual([idName]);
    const refs: Record<string, string> = { 'AWS::Partition': 'aws' };
    for (const [id, name] of flowParameters) refs[id] = String(parameterValues.get(name) ?? `<${name}>`);
    const scopes = Object.values(flowsTemplate.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Resource: unknown[] }[])
      .filter((st) => st.Sid === 'ConnectFlowsOfThisInstance')
      .map((st) => st.Resource.map((r) => resolved(r, refs)).sort());
    expect(scopes).toEqual([[EXISTING_ARN, `${EXISTING_ARN}/*`].sort()]);
  });

  it('keeps a managed instance in the Regions not listed', () => {
    Template.fromStack(stackOf(instance, 'acme-instance-dev-us-west-2')).resourceCountIs(
      'AWS::Connect::Instance',
      1,
    );
  });
});
