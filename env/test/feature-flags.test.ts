import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { CDK_APP_COMMAND, CDK_APP_FOLDERS, FEATURE_FLAGS, WORKSPACES } from '../src';
import { createPlatformApp } from '../src/cdk';
import { cdkJsonCommand } from '../src/cli/cdk-json';

const REPO = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('the CDK feature flags (env/cdk-feature-flags.json)', () => {
  it('are exactly the flags the installed aws-cdk-lib recommends', () => {
    // Fails after an aws-cdk-lib upgrade that recommends new flags: adopt them in
    // env/cdk-feature-flags.json, run `npx tsx env/src/cli/cdk-json.ts`, and review the template diff.
    const recommended = readJson(require.resolve('aws-cdk-lib/recommended-feature-flags.json'));
    expect(FEATURE_FLAGS).toEqual(recommended);
    expect(FEATURE_FLAGS).toEqual(cxapi.CURRENTLY_RECOMMENDED_FLAGS);
  });

  it('are carried, exactly, by the cdk.json of every CDK app, which runs the app without a second npx', () => {
    const withCdkJson = WORKSPACES.map((w) => w.folder).filter((f) =>
      fs.existsSync(path.join(REPO, f, 'cdk.json')),
    );
    expect(withCdkJson.sort()).toEqual([...CDK_APP_FOLDERS].sort());
    for (const folder of CDK_APP_FOLDERS) {
      expect({ folder, ...readJson(path.join(REPO, folder, 'cdk.json')) }).toEqual({
        folder,
        app: CDK_APP_COMMAND,
        context: FEATURE_FLAGS,
      });
    }
    expect(cdkJsonCommand(['--check'], REPO)).toEqual({
      code: 0,
      out: 'Every cdk.json carries the platform feature flags.',
    });
  });

  it('reports a cdk.json that lost a flag, and names the command that rewrites it', () => {
    // Prepare: a copy of the repository's cdk.json files, one of them without a flag.
    const repo = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'cdk-json-'));
    try {
      for (const folder of CDK_APP_FOLDERS) {
        fs.mkdirSync(path.join(repo, folder));
        fs.copyFileSync(path.join(REPO, folder, 'cdk.json'), path.join(repo, folder, 'cdk.json'));
      }
      const file = path.join(repo, 'amzconnect-lambdas', 'cdk.json');
      const json = readJson(file) as { context: Record<string, unknown> };
      delete json.context['@aws-cdk/aws-iam:minimizePolicies'];
      fs.writeFileSync(file, JSON.stringify(json));
      // Act
      const check = cdkJsonCommand(['--check'], repo);
      const write = cdkJsonCommand([], repo);
      // Assess
      expect(check).toEqual({
        code: 1,
        out: 'amzconnect-lambdas/cdk.json differ from env/cdk-feature-flags.json; run npx tsx env/src/cli/cdk-json.ts.',
      });
      expect(write).toEqual({ code: 0, out: 'Wrote amzconnect-lambdas/cdk.json.' });
      expect(cdkJsonCommand(['--check'], repo).code).toBe(0);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('are on in every app createPlatformApp makes (tests, npm run synth, cdk synth)', () => {
    const app = createPlatformApp();
    for (const [flag, value] of Object.entries(FEATURE_FLAGS)) {
      expect({ flag, value: app.node.tryGetContext(flag) }).toEqual({ flag, value });
    }
    // One visible effect: with @aws-cdk/core:enablePartitionLiterals a stack with a known Region
    // writes its partition as a literal.
    const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'us-east-1' } });
    expect(stack.resolve(stack.partition)).toBe('aws');
  });

  it('yield to the context the CDK CLI passes (cdk.json, -c), applied after them', () => {
    const before = process.env[cxapi.CONTEXT_ENV];
    process.env[cxapi.CONTEXT_ENV] = JSON.stringify({ '@aws-cdk/aws-iam:minimizePolicies': false });
    try {
      expect(createPlatformApp().node.tryGetContext('@aws-cdk/aws-iam:minimizePolicies')).toBe(false);
    } finally {
      if (before === undefined) delete process.env[cxapi.CONTEXT_ENV];
      else process.env[cxapi.CONTEXT_ENV] = before;
    }
  });
});

describe('per-workspace scripts', () => {
  it('every workspace has a test script for its own jest project, and every CDK app a synth script', () => {
    for (const w of WORKSPACES) {
      const scripts = (readJson(path.join(REPO, w.folder, 'package.json')).scripts ?? {}) as Record<
        string,
        string
      >;
      expect({ folder: w.folder, test: scripts.test }).toEqual({
        folder: w.folder,
        test: `jest --config ../jest.config.js --selectProjects ${w.folder}`,
      });
      expect({ folder: w.folder, synth: scripts.synth }).toEqual({
        folder: w.folder,
        synth: CDK_APP_FOLDERS.includes(w.folder) ? 'cdk synth' : undefined,
      });
    }
  });

  it("`npm test` inside a workspace selects that workspace's tests only", () => {
    // Act: cheap, lists the files without running them.
    const folder = 'amzconnect-instance';
    const run = spawnSync('npm', ['test', '--silent', '--', '--listTests'], {
      cwd: path.join(REPO, folder),
      encoding: 'utf8',
    });
    // Assess
    expect(run.status).toBe(0);
    const listed = run.stdout
      .split('\n')
      .filter((l) => l.endsWith('.test.ts'))
      .map((l) => path.relative(REPO, l))
      .sort();
    const onDisk = fs
      .readdirSync(path.join(REPO, folder, 'test'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join(folder, 'test', f))
      .sort();
    expect(listed).toEqual(onDisk);
  });
});
