import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, formatProblem, loadPlatformConfig, type PlatformConfig } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { synthFindings } from '@amzconnect/testing/synth';
import { addToolingStacks } from '../lib';

/** The workshop's own `amzconnect-devops-pipelines/env/` files, unchanged (see the README there). */
const SAMPLE = path.join(__dirname, 'fixtures', 'workshop-sample');

/**
 * The four prose values of the workshop's `devops.json` ("forked repo here", ...) that its README
 * has the user replace; everything else, the account placeholders included, stays as shipped.
 */
const FILLED_IN = {
  codestarArn:
    'arn:aws:codestar-connections:us-east-2:123456789012:connection/5ab48603-7bae-4a43-a256-0123456789ab',
  repo: 'amazon-connect-cicd-workshop',
  owner: 'example-org',
  email: 'ops@example.com',
};

const readSample = (file: string) => JSON.parse(fs.readFileSync(path.join(SAMPLE, file), 'utf8'));

/** A config folder named `name` with `accountvars.json` given as bytes or JSON, and `devops.json`. */
function configFolder(name: string, accountvars: string | object, devops: object): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, 'accountvars.json'),
    typeof accountvars === 'string' ? accountvars : JSON.stringify(accountvars),
  );
  fs.writeFileSync(path.join(dir, 'devops.json'), JSON.stringify(devops));
  return dir;
}

/** The workshop's accountvars.json byte for byte, beside its devops.json with the prose filled in. */
const workshopConfigFolder = () =>
  configFolder('workshop', fs.readFileSync(path.join(SAMPLE, 'accountvars.json'), 'utf8'), {
    ...readSample('devops.json'),
    ...FILLED_IN,
  });

/** The same configuration as a user would write it here: lowercase app, a real id per account. */
function equivalentConfigFolder(): string {
  const accounts = readSample('accountvars.json').accounts.map((a: object, i: number) => ({
    ...a,
    app: 'acme',
    account: ['111111111111', '222222222222', '333333333333'][i],
  }));
  return configFolder(
    'equivalent',
    { accounts },
    { ...readSample('devops.json'), ...FILLED_IN, account: '123456789012' /* the connection's account */ },
  );
}

let root: string;
let workshopFolder: string;
let equivalentFolder: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'workshop-sample-'));
  workshopFolder = workshopConfigFolder();
  equivalentFolder = equivalentConfigFolder();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** Each pipeline of a synthesized tooling app: name, stages and their actions, account ids replaced by `<account>`. */
function pipelinesOf(config: PlatformConfig, outdir: string): { findings: string[]; pipelines: unknown[] } {
  const app = createPlatformApp({ outdir, skipBundling: true, guard: false });
  const stacks = addToolingStacks(app, config);
  const findings = synthFindings(app).map((f) => `${f.rule} at ${f.path}`);
  const connectionAccount = config.tooling.connectionArn.split(':')[4];
  const accounts = new Set([
    config.tooling.account,
    connectionAccount,
    ...config.environments.map((e) => e.account),
  ]);
  const pipelines = [stacks.core, ...stacks.environments].flatMap((stack) => {
    // synthFindings synthesized the app; this returns the same assembly.
    const template = app.synth().getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { Name: string; Stages: unknown } }>;
    };
    return Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::CodePipeline::Pipeline')
      .map((r) => ({ name: r.Properties.Name, stages: r.Properties.Stages }));
  });
  let text = JSON.stringify(pipelines);
  for (const account of accounts) text = text.split(account).join('<account>');
  return { findings, pipelines: JSON.parse(text) };
}

describe("the workshop's own sample env/ (app ACME, env dev/staging/prod, placeholder accounts)", () => {
  it('loads as is in a local run, with a warning per placeholder account naming file and field', () => {
    const config = loadPlatformConfig(workshopFolder, { cwd: root });

    expect(config.environments.map((e) => [e.name, e.app, e.account])).toEqual([
      ['dev', 'acme', '000000000000'],
      ['staging', 'acme', '000000000000'],
      ['prod', 'acme', '000000000001'],
    ]);
    // Stand-ins keep what the file says: prod is in the tooling account.
    expect(config.tooling.account).toBe('000000000001');
    const fix =
      'is a placeholder; replace it with the 12-digit id of the AWS account (a pipeline build and -c strict=true refuse placeholders).';
    expect((config.warnings ?? []).map(formatProblem)).toEqual([
      `workshop/accountvars.json: accounts[0].account: "XXXXXXXXXXXX" ${fix}`,
      `workshop/accountvars.json: accounts[1].account: "XXXXXXXXXXXX" ${fix}`,
      `workshop/accountvars.json: accounts[2].account: "XXXXXXXXXXXZ" ${fix}`,
      `workshop/devops.json: account: "XXXXXXXXXXXZ" ${fix}`,
    ]);
  });

  it('is refused in a strict run: each placeholder, the shared account and Region, and the tooling account', () => {
    const problems = problemsOf(() => loadPlatformConfig(workshopFolder, { cwd: root, strict: true }));

    expect(problems.filter((p) => p.includes(' is a placeholder; '))).toHaveLength(4);
    expect(problems.filter((p) => !p.includes(' is a placeholder; '))).toEqual([
      'workshop/accountvars.json: accounts[1].account: "XXXXXXXXXXXX" in us-east-1 is also used by enabled accounts[0] ("dev"); two environments in one account and Region share Amazon Connect\'s API quotas and resource names, so give each its own account, or set "allowSharedAccountRegion": true on both entries.',
      'workshop/accountvars.json: accounts[1].account: "XXXXXXXXXXXX" in us-west-2 is also used by enabled accounts[0] ("dev"); two environments in one account and Region share Amazon Connect\'s API quotas and resource names, so give each its own account, or set "allowSharedAccountRegion": true on both entries.',
      'workshop/accountvars.json: accounts[2].account: "XXXXXXXXXXXZ" is the tooling account (workshop/devops.json "account"); deploy each environment into an account of its own, so that no pipeline can change the pipelines.',
    ]);
  });

  it("refuses only the prose of its devops.json, each with the fix (the workshop's README has them filled in)", () => {
    expect(problemsOf(() => loadPlatformConfig(SAMPLE, { cwd: SAMPLE }))).toEqual([
      'devops.json: codestarArn: is not a CodeStar connection ARN; copy the ARN of the GitHub connection from the console (Developer Tools > Settings > Connections): arn:aws:codestar-connections:<region>:<account>:connection/<uuid>.',
      'devops.json: repo: must be the GitHub repository name, e.g. "amazon-connect-cicd".',
      'devops.json: owner: must be the GitHub user or organisation that owns the repository.',
      'devops.json: email: must be an e-mail address for pipeline notifications, e.g. "ops@example.com".',
    ]);
  });

  it('synthesizes the tooling app with the same pipelines (names, stages, actions) as the equivalent lowercase config with real ids', () => {
    const workshop = pipelinesOf(loadPlatformConfig(workshopFolder), path.join(root, 'out-workshop'));
    const equivalent = pipelinesOf(loadPlatformConfig(equivalentFolder), path.join(root, 'out-equivalent'));

    expect(workshop.findings).toEqual([]);
    expect(equivalent.findings).toEqual([]);
    expect((workshop.pipelines as { name: string }[]).map((p) => p.name)).toContain(
      'amzconnect-lambdas-develop',
    );
    expect(workshop.pipelines).toHaveLength(1 + 3 * 4);
    expect(workshop.pipelines).toEqual(equivalent.pipelines);
  });
});
