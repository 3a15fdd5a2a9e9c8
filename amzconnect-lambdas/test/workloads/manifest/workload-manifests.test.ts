import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, formatProblem, loadPlatformConfig, PlatformConfig, REPO_ROOT } from '@amzconnect/env';
import {
  isStrictRun,
  loadWorkloads,
  placeholderValues,
  rawWorkloadSettings,
  WORKLOAD_IDS,
  WORKLOAD_MANIFESTS,
  workloadSwitch,
  workloadSwitches,
} from '../../../lib/workloads/manifest';
import { EXAMPLE_CONFIG_DIR, examplePlatform } from '../../support/example-config';

const sample = loadPlatformConfig(path.join(REPO_ROOT, 'env'), { cwd: REPO_ROOT });
/** The examples, with file names as a user at the repository root sees them. */
const examples = () => loadPlatformConfig(EXAMPLE_CONFIG_DIR, { cwd: REPO_ROOT });
const tmpDirs: string[] = [];

/** A copy of the sample `env/` with `environments/<env>.json` files written from `files`. */
function configWith(files: Record<string, string | object>): PlatformConfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workloads-'));
  tmpDirs.push(dir);
  for (const f of ['accountvars.json', 'devops.json'])
    fs.copyFileSync(path.join(REPO_ROOT, 'env', f), path.join(dir, f));
  fs.mkdirSync(path.join(dir, 'environments'));
  for (const [env, content] of Object.entries(files))
    fs.writeFileSync(
      path.join(dir, 'environments', `${env}.json`),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  return loadPlatformConfig(dir, { cwd: dir });
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('workload manifests', () => {
  it('declare each workload once: id, flows folder and the functions its flows call', () => {
    expect(
      WORKLOAD_IDS.map((id) => [
        id,
        WORKLOAD_MANIFESTS[id].flowsFolder,
        WORKLOAD_MANIFESTS[id].flowFunctions,
      ]),
    ).toEqual([
      [
        'agent-guides',
        'agent-guides',
        [
          'agent-guides-settings',
          'agent-guides-send-email',
          'agent-guides-send-sms',
          'agent-guides-send-notice',
        ],
      ],
      ['messaging-channels', 'messaging-channels', []],
      ['email-channel', 'email-channel', ['email-generate-url', 'email-whisper']],
    ]);
    for (const id of WORKLOAD_IDS)
      expect(
        fs.existsSync(
          path.join(REPO_ROOT, 'amzconnect-contact-flows', 'flows', WORKLOAD_MANIFESTS[id].flowsFolder),
        ),
      ).toBe(true);
  });

  it('leave every workload off in every environment of the sample env/ (the quick start)', () => {
    // Act
    const loaded = loadWorkloads(sample);
    // Assess
    expect(loaded.warnings).toEqual([]);
    for (const e of sample.environments)
      for (const region of e.regions) expect(loaded.targetsFor(e.name, region)).toEqual({});
    expect([...workloadSwitches(sample).values()].map((s) => [...s])).toEqual([[], [], []]);
  });

  it('turn every workload on in develop with examples/all-workloads, and nowhere else', () => {
    // Act
    const switches = workloadSwitches(examplePlatform());
    const loaded = loadWorkloads(examplePlatform());
    // Assess
    expect(Object.fromEntries([...switches].map(([k, v]) => [k, [...v]]))).toEqual({
      'agent-guides': ['develop'],
      'messaging-channels': ['develop'],
      'email-channel': ['develop'],
    });
    expect(Object.keys(loaded.targetsFor('develop', 'us-east-1'))).toEqual([...WORKLOAD_IDS]);
    // Messaging lives in one Region of the environment.
    expect(Object.keys(loaded.targetsFor('develop', 'us-west-2'))).toEqual(['agent-guides', 'email-channel']);
    expect(loaded.targetsFor('staging', 'us-east-1')).toEqual({});
  });

  it('warn about the examples placeholders in a local synth, naming file, field and fix', () => {
    // Act
    const { warnings } = loadWorkloads(examples());
    // Assess
    const file = path.relative(REPO_ROOT, path.join(EXAMPLE_CONFIG_DIR, 'environments', 'develop.json'));
    expect(warnings).toContainEqual({
      file,
      field: 'workloads.messaging-channels.sms.originationNumber',
      message:
        '"+12065550100" is a fictional 555 phone number, a placeholder; replace it with your real value (a pipeline build refuses placeholders).',
    });
    expect(warnings.map((w) => w.field)).toEqual(
      expect.arrayContaining([
        'workloads.agent-guides.email.identity',
        'workloads.agent-guides.sms.originationIdentities.us-east-1',
        'workloads.messaging-channels.sms.phoneNumberId',
        'workloads.email-channel.domain',
        'workloads.email-channel.agentPageOrigins[0]',
      ]),
    );
  });

  it('refuse the same placeholders in a strict run (pipeline build or deploy)', () => {
    const problems = problemsOf(() => loadWorkloads(examples(), { strict: true }));
    expect(problems.length).toBe(loadWorkloads(examplePlatform()).warnings.length);
    expect(problems).toContain(
      'examples/all-workloads/environments/develop.json: workloads.email-channel.domain: "mail.example.com" is an example.com/.net/.org domain (RFC 2606), a placeholder; replace it with your real value (a pipeline build refuses placeholders).',
    );
  });

  it('fail the build on an unreadable environment file instead of switching workloads off', () => {
    // The configuration loader reads every environment file once, before any workload decides.
    const problems = problemsOf(() => configWith({ develop: '{ "workloads": { ' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/environments\/develop\.json: is not valid JSON \(.+\); fix the syntax\.$/);
  });

  it('report a non-boolean enabled and an unknown workload with file, field and fix', () => {
    const config = configWith({
      staging: { workloads: { 'email-channel': { enabled: 'yes' }, 'voice-bot': {} } },
    });
    expect(problemsOf(() => loadWorkloads(config))).toEqual([
      'environments/staging.json: workloads.voice-bot: is not a workload; use one of agent-guides, messaging-channels, email-channel, or remove it.',
      'environments/staging.json: workloads.email-channel.enabled: must be true (deploy the workload in this environment) or false.',
    ]);
  });

  it("report a manifest's own problems at the environment file and the workload's field", () => {
    const config = configWith({
      prod: {
        workloads: {
          'messaging-channels': { enabled: true, sms: { enabled: true, originationNumber: '+12065550100' } },
        },
      },
    });
    expect(problemsOf(() => loadWorkloads(config))).toEqual([
      'environments/prod.json: workloads.messaging-channels.sms.phoneNumberId: is required when sms.enabled is true; set the End User Messaging SMS phone number id of that number ("phone-" and 32 hex digits, console: Phone numbers).',
    ]);
  });
});

describe('workloadSwitch (the one rule)', () => {
  const at = { file: 'env/environments/develop.json', field: 'workloads.email-channel' };

  it('is off without settings and with enabled false, on with enabled true', () => {
    expect(workloadSwitch({ ...at, value: undefined })).toEqual({ ok: true, on: false });
    expect(workloadSwitch({ ...at, value: { enabled: false, domain: 'x' } })).toEqual({
      ok: true,
      on: false,
    });
    expect(workloadSwitch({ ...at, value: { enabled: true } })).toEqual({ ok: true, on: true });
  });

  it('refuses settings it cannot read instead of guessing', () => {
    expect(workloadSwitch({ ...at, value: [] })).toEqual({
      ok: false,
      problem: { ...at, message: 'must be an object like { "enabled": true, ... }, or be left out (off).' },
    });
    expect(workloadSwitch({ ...at, value: {} })).toEqual({
      ok: false,
      problem: {
        file: at.file,
        field: 'workloads.email-channel.enabled',
        message: 'must be true (deploy the workload in this environment) or false.',
      },
    });
  });

  it('reads settings through the one adapter: a missing environment file means no settings', () => {
    expect(rawWorkloadSettings(sample, 'develop', 'email-channel')).toEqual({
      file: 'env/environments/develop.json',
      field: 'workloads.email-channel',
      value: undefined,
    });
  });
});

describe('placeholders', () => {
  it('finds example domains, 555 numbers and all-zero ids, and nothing in real-looking values', () => {
    expect(
      placeholderValues({
        a: 'support@example.com',
        b: ['https://ccp.example.org/x', 'mail.acme-corp.com', 'examples.com'],
        c: { n: '+12065550100', m: '+442079460000' },
        d: 'arn:aws:iam::000000000000:role/x',
        e: 'phone-00000000000000000000000000000000',
        f: 'phone-0123456789abcdef0123456789abcdef',
      }).map((p) => p.path),
    ).toEqual(['a', 'b[0]', 'c.n', 'd', 'e']);
  });

  it('are refused in CodeBuild (CODEBUILD_BUILD_ID) or with -c strict=true, warned about otherwise', () => {
    expect(isStrictRun({ CODEBUILD_BUILD_ID: 'acme:1234' }, undefined)).toBe(true);
    expect(isStrictRun({}, 'true')).toBe(true);
    expect(isStrictRun({}, true)).toBe(true);
    expect(isStrictRun({ CODEBUILD_BUILD_ID: '' }, undefined)).toBe(false);
    expect(isStrictRun({}, undefined)).toBe(false);
  });
});
