import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, deploymentTargets, enabledEnvironments, loadPlatformConfig } from '../src';

const SAMPLE_DIR = path.join(__dirname, '..');
const sampleAccounts = () => JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'accountvars.json'), 'utf8'));
const sampleDevops = () => JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'devops.json'), 'utf8'));

const created: string[] = [];
afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Writes a config folder and returns its path; `null` leaves a file out, a string is written verbatim. */
function configDir(accounts: unknown, devops: unknown = sampleDevops()): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
  created.push(dir);
  const write = (name: string, value: unknown) => {
    if (value === null) return;
    fs.writeFileSync(
      path.join(dir, name),
      typeof value === 'string' ? value : JSON.stringify(value, null, 2),
    );
  };
  write('accountvars.json', accounts);
  write('devops.json', devops);
  return dir;
}

/** Loads a config expected to be invalid and returns its problems as `file: field: message` lines. */
function problemsOf(dir: string, strict = false): string[] {
  try {
    loadPlatformConfig(dir, { cwd: dir, strict });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the configuration to be rejected');
}

function withAccount(index: number, patch: Record<string, unknown>) {
  const a = sampleAccounts();
  a.accounts[index] = { ...a.accounts[index], ...patch };
  return a;
}

describe('loadPlatformConfig', () => {
  it('loads the committed sample into the typed model', () => {
    const config = loadPlatformConfig(SAMPLE_DIR);

    expect(config.environments.map((e) => [e.name, e.branch, e.account, e.regions, e.approval])).toEqual([
      ['develop', 'develop', '111111111111', ['us-east-1', 'us-west-2'], false],
      ['staging', 'staging', '222222222222', ['us-east-1'], true],
      ['prod', 'main', '333333333333', ['us-east-1'], true],
    ]);
    expect(config.tooling).toMatchObject({
      account: '999999999999',
      region: 'us-east-1',
      branch: 'main',
      owner: 'example-org',
    });
  });

  it('defaults approval to false and the tooling branch to main', () => {
    const accounts = withAccount(1, { approval: undefined });
    const devops = { ...sampleDevops(), branch: undefined };

    const config = loadPlatformConfig(configDir(accounts, devops));

    expect(config.environments[1].approval).toBe(false);
    expect(config.tooling.branch).toBe('main');
  });

  it('rejects a placeholder account id with the fix in a strict run (pipeline build, -c strict=true)', () => {
    expect(problemsOf(configDir(withAccount(0, { account: 'XXXXXXXXXXXX' })), true)).toEqual([
      'accountvars.json: accounts[0].account: "XXXXXXXXXXXX" is a placeholder; replace it with the 12-digit id of the AWS account (a pipeline build and -c strict=true refuse placeholders).',
    ]);
  });

  it('warns about placeholder account ids in a local run and holds them as 12-digit stand-ins', () => {
    const accounts = withAccount(0, { account: 'XXXXXXXXXXXX' });
    accounts.accounts[1].account = 'xxxxxxxxxxxx';
    accounts.accounts[2].account = 'XXXXXXXXXXXZ';
    const dir = configDir(accounts, { ...sampleDevops(), account: 'XXXXXXXXXXXZ' });

    const config = loadPlatformConfig(dir, { cwd: dir });

    expect(config.warnings?.map((w) => `${w.file}: ${w.field}`)).toEqual([
      'accountvars.json: accounts[0].account',
      'accountvars.json: accounts[1].account',
      'accountvars.json: accounts[2].account',
      'devops.json: account',
    ]);
    expect(config.environments.map((e) => e.account)).toEqual([
      '000000000000',
      '000000000000',
      '000000000001',
    ]);
    expect(config.tooling.account).toBe('000000000001');
  });

  it('refuses two environments in one placeholder account and Region only in a strict run', () => {
    const accounts = withAccount(0, { account: 'XXXXXXXXXXXX', region: ['us-east-1'] });
    accounts.accounts[1].account = 'XXXXXXXXXXXX';
    const dir = configDir(accounts);

    expect(loadPlatformConfig(dir).warnings).toHaveLength(2);
    expect(problemsOf(dir, true)).toContain(
      'accountvars.json: accounts[1].account: "XXXXXXXXXXXX" in us-east-1 is also used by enabled accounts[0] ("develop"); two environments in one account and Region share Amazon Connect\'s API quotas and resource names, so give each its own account, or set "allowSharedAccountRegion": true on both entries.',
    );
  });

  it('refuses letters with a digit: not an account id, and not a placeholder either', () => {
    expect(problemsOf(configDir(withAccount(0, { account: 'XXXXXXXXXXX1' })))).toEqual([
      'accountvars.json: accounts[0].account: "XXXXXXXXXXX1" is not an AWS account id; use the 12-digit id, as a string (keep leading zeros).',
    ]);
  });

  it('rejects an account id that is not 12 digits', () => {
    expect(problemsOf(configDir(withAccount(2, { account: '12345' })))).toEqual([
      'accountvars.json: accounts[2].account: "12345" is not an AWS account id; use the 12-digit id, as a string (keep leading zeros).',
    ]);
  });

  it('rejects a Region where Amazon Connect is not offered', () => {
    expect(problemsOf(configDir(withAccount(0, { region: ['us-east-1', 'eu-west-1'] })))).toEqual([
      'accountvars.json: accounts[0].region[1]: "eu-west-1" is not a Region where Amazon Connect is offered; use one of us-east-1, us-west-2, af-south-1, ap-northeast-1, ap-northeast-2, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-west-2, us-gov-west-1.',
    ]);
  });

  it('rejects an empty Region list', () => {
    expect(problemsOf(configDir(withAccount(1, { region: [] })))).toEqual([
      'accountvars.json: accounts[1].region: is empty; list at least one Region, e.g. ["us-east-1"].',
    ]);
  });

  it('rejects a Region listed twice', () => {
    expect(problemsOf(configDir(withAccount(0, { region: ['us-east-1', 'us-east-1'] })))).toEqual([
      'accountvars.json: accounts[0].region[1]: "us-east-1" is listed twice; list each Region once.',
    ]);
  });

  it('rejects two enabled environments on the same branch', () => {
    expect(problemsOf(configDir(withAccount(1, { branch: 'develop' })))).toEqual([
      'accountvars.json: accounts[1].branch: "develop" is also the branch of enabled accounts[0]; a push must deploy one environment, so give each enabled environment its own branch or disable one.',
    ]);
  });

  it('allows a disabled environment to share a branch', () => {
    const config = loadPlatformConfig(configDir(withAccount(1, { branch: 'develop', enabled: false })));

    expect(enabledEnvironments(config).map((e) => e.name)).toEqual(['develop', 'prod']);
  });

  it('rejects a duplicate environment name', () => {
    expect(problemsOf(configDir(withAccount(1, { env: 'develop', branch: 'staging' })))).toEqual([
      'accountvars.json: accounts[1].env: "develop" is already used by accounts[0]; give each environment its own name.',
    ]);
  });

  it('rejects a malformed connection ARN', () => {
    expect(
      problemsOf(
        configDir(sampleAccounts(), {
          ...sampleDevops(),
          codestarArn: 'arn:aws:codestar:us-east-1:999999999999:connection/abc',
        }),
      ),
    ).toEqual([
      'devops.json: codestarArn: is not a CodeStar connection ARN; copy the ARN of the GitHub connection from the console (Developer Tools > Settings > Connections): arn:aws:codestar-connections:<region>:<account>:connection/<uuid>.',
    ]);
  });

  it('rejects a connection of another account than the tooling account', () => {
    const arn =
      'arn:aws:codeconnections:us-east-1:123456789012:connection/00000000-0000-4000-8000-000000000000';

    expect(problemsOf(configDir(sampleAccounts(), { ...sampleDevops(), codestarArn: arn }))).toEqual([
      'devops.json: codestarArn: belongs to account 123456789012, but the tooling account is 999999999999; create the connection in the tooling account or fix "account".',
    ]);
  });

  it('rejects an environment in the tooling account', () => {
    expect(problemsOf(configDir(withAccount(1, { account: '999999999999' })))).toEqual([
      'accountvars.json: accounts[1].account: "999999999999" is the tooling account (devops.json "account"); deploy each environment into an account of its own, so that no pipeline can change the pipelines.',
    ]);
  });

  it('rejects two enabled environments in one account and Region unless both allow it', () => {
    const shared = withAccount(1, { account: '111111111111' });

    expect(problemsOf(configDir(shared))).toEqual([
      'accountvars.json: accounts[1].account: "111111111111" in us-east-1 is also used by enabled accounts[0] ("develop"); two environments in one account and Region share Amazon Connect\'s API quotas and resource names, so give each its own account, or set "allowSharedAccountRegion": true on both entries.',
    ]);
    shared.accounts[0].allowSharedAccountRegion = true;
    shared.accounts[1].allowSharedAccountRegion = true;
    const config = loadPlatformConfig(configDir(shared));
    expect(config.environments.slice(0, 2).map((e) => e.allowSharedAccountRegion)).toEqual([true, true]);
  });

  it('allows one account for two environments in different Regions, or when one is disabled', () => {
    const otherRegion = withAccount(1, { account: '111111111111', region: ['eu-central-1'] });
    const disabled = withAccount(1, { account: '111111111111', enabled: false });

    expect(loadPlatformConfig(configDir(otherRegion)).environments[1].account).toBe('111111111111');
    expect(loadPlatformConfig(configDir(disabled)).environments[1].enabled).toBe(false);
  });

  it('defaults the bootstrap qualifier and rejects one the CDK bootstrap cannot use', () => {
    expect(loadPlatformConfig(SAMPLE_DIR).environments.map((e) => e.bootstrapQualifier)).toEqual([
      'hnb659fds',
      'hnb659fds',
      'hnb659fds',
    ]);
    const custom = loadPlatformConfig(
      configDir(sampleAccounts(), { ...sampleDevops(), bootstrapQualifier: 'lza1' }),
    );
    expect([custom.tooling.bootstrapQualifier, custom.environments[0].bootstrapQualifier]).toEqual([
      'lza1',
      'lza1',
    ]);
    expect(
      problemsOf(configDir(sampleAccounts(), { ...sampleDevops(), bootstrapQualifier: 'LZA_accel01' })),
    ).toEqual([
      'devops.json: bootstrapQualifier: must be the qualifier the accounts were bootstrapped with (`cdk bootstrap --qualifier`): 1-10 lowercase letters or digits, e.g. "hnb659fds".',
    ]);
  });

  it('defaults the platform prefix to amzconnect and gives the configured one to the tooling account and every environment', () => {
    const sample = loadPlatformConfig(SAMPLE_DIR);
    const custom = loadPlatformConfig(
      configDir(sampleAccounts(), { ...sampleDevops(), platformPrefix: 'acme-cc' }),
    );

    expect([sample.tooling.platformPrefix, ...sample.environments.map((e) => e.platformPrefix)]).toEqual([
      'amzconnect',
      'amzconnect',
      'amzconnect',
      'amzconnect',
    ]);
    expect([custom.tooling.platformPrefix, ...custom.environments.map((e) => e.platformPrefix)]).toEqual([
      'acme-cc',
      'acme-cc',
      'acme-cc',
      'acme-cc',
    ]);
  });

  it.each(['Acme', 'a', 'acme-', '1acme', 'ac--me', 'xn--acme', 'acme_cc', 'acme-contact-cc'])(
    'rejects the platform prefix %j with the rule and an example',
    (platformPrefix) => {
      expect(problemsOf(configDir(sampleAccounts(), { ...sampleDevops(), platformPrefix }))).toEqual([
        'devops.json: platformPrefix: must be 2-14 lowercase letters, digits or single hyphens, starting with a letter and ending with a letter or digit (it starts every tooling-account name, and the longest, an artifact bucket name, must fit in Amazon S3\'s 63 characters), e.g. "acme-cc".',
      ]);
    },
  );

  it('keeps target names as they are unless devops.json turns accountUniqueNames on', () => {
    const sample = loadPlatformConfig(SAMPLE_DIR);
    const unique = loadPlatformConfig(
      configDir(sampleAccounts(), { ...sampleDevops(), accountUniqueNames: true }),
    );

    expect(sample.environments.map((e) => e.accountUniqueNames)).toEqual([false, false, false]);
    expect(unique.environments.map((e) => e.accountUniqueNames)).toEqual([true, true, true]);
  });

  it('rejects unknown keys and names the known ones', () => {
    expect(
      problemsOf(
        configDir(withAccount(0, { regions: ['us-east-1'] }), { ...sampleDevops(), mail: 'x@example.com' }),
      ),
    ).toEqual([
      'accountvars.json: accounts[0].regions: is not a known key; remove it or fix its spelling (known keys: env, branch, enabled, account, region, app, approval, existingInstances, allowSharedAccountRegion).',
      'devops.json: mail: is not a known key; remove it or fix its spelling (known keys: env, account, region, codestarArn, repo, owner, email, branch, bootstrapQualifier, platformPrefix, accountUniqueNames).',
    ]);
  });

  it('reports a missing field and a field of the wrong type', () => {
    const accounts = sampleAccounts();
    delete accounts.accounts[0].app;
    accounts.accounts[1].enabled = 'yes';

    expect(problemsOf(configDir(accounts))).toEqual([
      'accountvars.json: accounts[0].app: is missing; add it, e.g. "acme".',
      'accountvars.json: accounts[1].enabled: must be a boolean, not a string, e.g. true.',
    ]);
  });

  it('rejects a branch name that cannot be part of a pipeline name', () => {
    expect(problemsOf(configDir(withAccount(0, { branch: 'feature/x' })))).toEqual([
      'accountvars.json: accounts[0].branch: must be a branch name of letters, digits, ".", "_" or "-" (at most 60, no "/"), because it becomes part of pipeline names; e.g. "develop".',
    ]);
  });

  it('reports every problem of both files at once', () => {
    const accounts = withAccount(0, { account: 'XXXXXXXXXXXX', region: [] });
    const devops = { ...sampleDevops(), email: 'not-an-address', region: 'Virginia' };

    expect(problemsOf(configDir(accounts, devops), true)).toEqual([
      'accountvars.json: accounts[0].region: is empty; list at least one Region, e.g. ["us-east-1"].',
      'devops.json: region: is not an AWS Region name; use the Region of the pipelines, e.g. "us-east-1".',
      'devops.json: email: must be an e-mail address for pipeline notifications, e.g. "ops@example.com".',
      'accountvars.json: accounts[0].account: "XXXXXXXXXXXX" is a placeholder; replace it with the 12-digit id of the AWS account (a pipeline build and -c strict=true refuse placeholders).',
    ]);
  });

  it('reports a missing file and a JSON syntax error with line and column', () => {
    const dir = configDir('{\n  "accounts": [\n    { "env": "develop", }\n  ]\n}', null);

    const problems = problemsOf(dir);

    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^accountvars\.json: is not valid JSON \(.* at line 3, column 25\); fix the syntax\.$/,
    );
    expect(problems[1]).toBe(
      'devops.json: file not found; create it (see README.md, "Fill in env/") or pass --config DIR pointing at your configuration folder.',
    );
  });
});

describe('deploymentTargets', () => {
  it('lists every enabled environment and Region in file order', () => {
    const targets = deploymentTargets(loadPlatformConfig(SAMPLE_DIR));

    expect(targets.map((t) => `${t.environment.name}/${t.region}`)).toEqual([
      'develop/us-east-1',
      'develop/us-west-2',
      'staging/us-east-1',
      'prod/us-east-1',
    ]);
  });

  it('restricts to named environments and rejects an unknown one', () => {
    const config = loadPlatformConfig(SAMPLE_DIR);

    expect(deploymentTargets(config, ['staging']).map((t) => t.environment.name)).toEqual(['staging']);
    expect(() => deploymentTargets(config, ['qa'])).toThrow(
      `No enabled environment named "qa" in ${SAMPLE_DIR}; enabled: develop, staging, prod.`,
    );
  });
});
