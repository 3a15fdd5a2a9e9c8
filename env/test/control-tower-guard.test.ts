import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledgedFindings, synthFindings } from '@amzconnect/testing/synth';
import { REPO_ROOT } from '../src';
import {
  acknowledgeGuardRule,
  createPlatformApp,
  GUARD_PLUGIN_NAME,
  GuardAcknowledgementError,
  ControlTowerGuardValidator,
  GuardFindingsCache,
  guardCacheDirFromEnvironment,
  DEFAULT_GUARD_CACHE_DIR,
  GUARD_CACHE_DIR_VARIABLE,
  GUARD_CACHE_MAX_AGE_MS,
  readGuardRuleFiles,
  selectGuardRuleFiles,
  CONTROL_TOWER_RULES_DIR,
} from '../src/cdk';

const ENV = { account: '111111111111', region: 'us-east-1' };

/** A queue without a dead-letter queue (CT.SQS.PR.1), cdk-nag's SQS3 (the same point) acknowledged with `reason`. */
function queueWithoutDeadLetterQueue(stack: Stack, reason: string): sqs.Queue {
  const queue = new sqs.Queue(stack, 'Queue', {
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
  return queue;
}

function tempOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guard-'));
}

describe('cfn-guard in createPlatformApp', () => {
  it('fails synthesis on a Control Tower finding and names the rule and resource', () => {
    // Prepare: a queue with no dead-letter queue (CT.SQS.PR.1); cdk-nag's SQS3 acknowledged.
    const app = createPlatformApp({ outdir: tempOutdir() });
    const stack = new Stack(app, 'S', { env: ENV });
    queueWithoutDeadLetterQueue(stack, 'Test queue.');

    // Act
    const findings = synthFindings(app);

    // Assess
    expect(findings).toEqual([
      { plugin: GUARD_PLUGIN_NAME, rule: 'sqs_dlq_check', path: 'S/Queue/Resource', severity: 'error' },
    ]);
  });

  it('accepts a finding acknowledged on that resource, and reports it with its reason', () => {
    // Prepare
    const outdir = tempOutdir();
    const app = createPlatformApp({ outdir });
    const stack = new Stack(app, 'S', { env: ENV });
    const queue = queueWithoutDeadLetterQueue(stack, 'It is a dead-letter queue.');
    acknowledgeGuardRule(queue, 'sqs_dlq_check', 'It is a dead-letter queue.');

    // Act
    const findings = synthFindings(app);

    // Assess
    expect(findings).toEqual([]);
    expect(acknowledgedFindings(outdir).filter((f) => f.plugin === GUARD_PLUGIN_NAME)).toEqual([
      {
        plugin: GUARD_PLUGIN_NAME,
        rule: 'sqs_dlq_check',
        path: 'S/Queue/Resource',
        severity: 'error',
        reason: 'It is a dead-letter queue.',
      },
    ]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('is off with guard: false, and nothing else changes', () => {
    const app = createPlatformApp({ outdir: tempOutdir(), guard: false });
    const stack = new Stack(app, 'S', { env: ENV });
    queueWithoutDeadLetterQueue(stack, 'Test queue.');

    expect(synthFindings(app)).toEqual([]);
  });
});

describe('ControlTowerGuardValidator', () => {
  it('checks a template content once per process: the same content at another path gets the same findings under its own path', () => {
    // Prepare: two copies of a template with a queue that has no dead-letter queue (CT.SQS.PR.1),
    // and a third that differs.
    const dir = tempOutdir();
    const template = (id: string) =>
      JSON.stringify({
        Resources: { [id]: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } } },
      });
    const [first, copy, other] = ['first', 'copy', 'other'].map((name) =>
      path.join(dir, `${name}.template.json`),
    );
    fs.writeFileSync(first, template('Queue'));
    fs.writeFileSync(copy, template('Queue'));
    fs.writeFileSync(other, template('OtherQueue'));
    const validator = new ControlTowerGuardValidator({ cache: new GuardFindingsCache() });
    const check = (templatePath: string) =>
      validator.validate({ templatePaths: [templatePath] } as unknown as Parameters<
        typeof validator.validate
      >[0]);
    const findings = (report: ReturnType<typeof check>) =>
      report.violations.flatMap((v) =>
        v.violatingResources.map((r) => [v.ruleName, r.resourceLogicalId, r.templatePath]),
      );

    try {
      // Act
      const a = check(first);
      const runs = validator.cfnGuardRuns;
      const b = check(copy);
      const runsAfterCopy = validator.cfnGuardRuns;
      const c = check(other);

      // Assess
      expect(findings(a)).toEqual([['sqs_dlq_check', 'Queue', first]]);
      expect(findings(b)).toEqual([['sqs_dlq_check', 'Queue', copy]]);
      expect([a.success, b.success]).toEqual([false, false]);
      expect(runsAfterCopy).toBe(runs);
      expect(findings(c)).toEqual([['sqs_dlq_check', 'OtherQueue', other]]);
      expect(validator.cfnGuardRuns).toBe(runs + 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GuardFindingsCache', () => {
  it('lets a validator of another process reuse the findings of a template content through the cache folder, and checks a changed content again', () => {
    // Prepare: two validators with caches of their own memory and one folder, as two jest workers have
    const dir = tempOutdir();
    const cacheDir = path.join(dir, 'cache');
    const write = (name: string, id: string) => {
      const file = path.join(dir, `${name}.template.json`);
      fs.writeFileSync(
        file,
        JSON.stringify({
          Resources: { [id]: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } } },
        }),
      );
      return file;
    };
    const [mine, theirs, changed] = [
      write('mine', 'CachedQueue'),
      write('theirs', 'CachedQueue'),
      write('changed', 'ChangedQueue'),
    ];
    const first = new ControlTowerGuardValidator({ cache: new GuardFindingsCache(cacheDir) });
    const second = new ControlTowerGuardValidator({ cache: new GuardFindingsCache(cacheDir) });
    const check = (validator: ControlTowerGuardValidator, templatePath: string) =>
      validator
        .validate({ templatePaths: [templatePath] } as unknown as Parameters<typeof validator.validate>[0])
        .violations.flatMap((v) =>
          v.violatingResources.map((r) => [v.ruleName, r.resourceLogicalId, r.templatePath]),
        );

    try {
      // Act
      const a = check(first, mine);
      const b = check(second, theirs);
      const runsOfSecond = second.cfnGuardRuns;
      const c = check(second, changed);

      // Assess
      expect(a).toEqual([['sqs_dlq_check', 'CachedQueue', mine]]);
      expect(b).toEqual([['sqs_dlq_check', 'CachedQueue', theirs]]);
      expect([first.cfnGuardRuns, runsOfSecond]).toEqual([1, 0]);
      expect(c).toEqual([['sqs_dlq_check', 'ChangedQueue', changed]]);
      expect(second.cfnGuardRuns).toBe(1);
      expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GuardFindingsCache between runs', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('keeps findings in node_modules/.cache unless AMZCONNECT_GUARD_CACHE_DIR says otherwise, and in memory only when it is empty', () => {
    expect(guardCacheDirFromEnvironment({})).toBe(
      path.join(REPO_ROOT, 'node_modules', '.cache', 'amzconnect-guard-findings'),
    );
    expect(guardCacheDirFromEnvironment({})).toBe(DEFAULT_GUARD_CACHE_DIR);
    expect(guardCacheDirFromEnvironment({ [GUARD_CACHE_DIR_VARIABLE]: '' })).toBeUndefined();
    expect(guardCacheDirFromEnvironment({ [GUARD_CACHE_DIR_VARIABLE]: 'rel/cache' })).toBe(
      path.resolve('rel/cache'),
    );
  });

  it(`removes entries nobody read for ${GUARD_CACHE_MAX_AGE_MS / DAY} days when it opens the folder, and keeps those read since`, () => {
    // Prepare: two entries written on day 0; one of them read again on day 20
    const dir = tempOutdir();
    const t0 = Date.UTC(2026, 0, 1);
    const finding = [{ ruleName: 'r' }] as never[];
    try {
      const day0 = new GuardFindingsCache(dir, () => t0);
      day0.set('read-again', finding);
      day0.set('forgotten', finding);
      expect(new GuardFindingsCache(dir, () => t0 + 20 * DAY).get('read-again')).toEqual(finding);

      // Act: a cache opened on day 45
      const day45 = new GuardFindingsCache(dir, () => t0 + 45 * DAY);
      const readAgain = day45.get('read-again');
      const forgotten = day45.get('forgotten');

      // Assess: the entry read on day 20 is 25 days old and kept; the other is 45 days old and gone
      expect(readAgain).toEqual(finding);
      expect(forgotten).toBeUndefined();
      expect(fs.readdirSync(dir)).toEqual(['read-again.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks a template again when a rule file it needs changes, though the template and the rule file names did not', () => {
    // Prepare: the SQS rules in a folder of their own, and a queue without a dead-letter queue
    const dir = tempOutdir();
    const rulesDir = path.join(dir, 'rules');
    fs.cpSync(path.join(CONTROL_TOWER_RULES_DIR, 'sqs'), rulesDir, { recursive: true });
    const templatePath = path.join(dir, 'queue.template.json');
    fs.writeFileSync(
      templatePath,
      JSON.stringify({
        Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } } },
      }),
    );
    const cacheDir = path.join(dir, 'cache');
    const check = () => {
      const validator = new ControlTowerGuardValidator({ rulesDir, cache: new GuardFindingsCache(cacheDir) });
      const report = validator.validate({ templatePaths: [templatePath] } as unknown as Parameters<
        typeof validator.validate
      >[0]);
      return { runs: validator.cfnGuardRuns, rules: report.violations.map((v) => v.ruleName) };
    };

    try {
      // Act
      const first = check();
      const unchanged = check();
      fs.appendFileSync(path.join(rulesDir, 'ct-sqs-pr-1.guard'), '\n# a comment: the content changed\n');
      const afterChange = check();

      // Assess
      expect(first).toEqual({ runs: 1, rules: ['sqs_dlq_check'] });
      expect(unchanged).toEqual({ runs: 0, rules: ['sqs_dlq_check'] });
      expect(afterChange).toEqual({ runs: 1, rules: ['sqs_dlq_check'] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('acknowledgeGuardRule', () => {
  it('keeps every acknowledged rule and its reason in the template metadata of that resource', () => {
    const app = createPlatformApp({ guard: false });
    const stack = new Stack(app, 'S', { env: ENV });
    const queue = queueWithoutDeadLetterQueue(stack, 'It is a dead-letter queue.');
    acknowledgeGuardRule(queue, 'sqs_dlq_check', 'It is a dead-letter queue.');
    acknowledgeGuardRule(queue, 'sqs_queue_encrypted_kms_check', 'SQS-managed encryption is enough here.');

    const resources = Template.fromStack(stack).findResources('AWS::SQS::Queue');

    expect(Object.values(resources).map((r) => r.Metadata.guard)).toEqual([
      {
        SuppressedRules: ['sqs_dlq_check', 'sqs_queue_encrypted_kms_check'],
        Reasons: {
          sqs_dlq_check: 'It is a dead-letter queue.',
          sqs_queue_encrypted_kms_check: 'SQS-managed encryption is enough here.',
        },
      },
    ]);
  });

  it('refuses an empty reason', () => {
    const stack = new Stack(createPlatformApp({ guard: false }), 'S', { env: ENV });
    const queue = new sqs.Queue(stack, 'Queue');

    expect(() => acknowledgeGuardRule(queue, 'sqs_dlq_check', '  ')).toThrow(GuardAcknowledgementError);
    expect(() => acknowledgeGuardRule(queue, 'sqs_dlq_check', '  ')).toThrow(
      'Guard rule sqs_dlq_check at S/Queue/Resource: give the reason it does not apply to this resource.',
    );
  });

  it('refuses a scope that is not one resource', () => {
    const stack = new Stack(createPlatformApp({ guard: false }), 'S', { env: ENV });

    expect(() => acknowledgeGuardRule(stack, 'sqs_dlq_check', 'Whole stack.')).toThrow(
      'Guard rule sqs_dlq_check at S: acknowledge it on one CloudFormation resource (a CfnResource, or an L2 construct whose default child is one), not on a scope.',
    );
  });
});

describe('selectGuardRuleFiles', () => {
  const rules = readGuardRuleFiles(CONTROL_TOWER_RULES_DIR);

  it('reads every bundled Control Tower rule file', () => {
    expect(rules.length).toBe(237);
  });

  it('keeps only the rules naming a resource type of the templates, and those naming none', () => {
    const selected = selectGuardRuleFiles(
      [
        { file: 'logs.guard', resourceTypes: new Set(['AWS::Logs::LogGroup', 'AWS::KMS::Key']), digest: 'a' },
        { file: 'rds.guard', resourceTypes: new Set(['AWS::RDS::DBInstance']), digest: 'b' },
        { file: 'unknown.guard', resourceTypes: new Set(), digest: 'c' },
      ],
      new Set(['AWS::KMS::Key', 'AWS::SQS::Queue']),
    );

    expect(selected).toEqual(['logs.guard', 'unknown.guard']);
  });

  it('finds the log-group rules for a template with log groups', () => {
    const selected = selectGuardRuleFiles(rules, new Set(['AWS::Logs::LogGroup'])).map((f) =>
      path.basename(f),
    );

    expect(selected).toEqual(
      expect.arrayContaining(['ct-cloudwatch-pr-2.guard', 'ct-cloudwatch-pr-3.guard']),
    );
    expect(selected).not.toContain('ct-s3-pr-1.guard');
  });
});

describe('log groups and keys', () => {
  let template: Template;

  beforeAll(() => {
    const app = createPlatformApp({ guard: false });
    const stack = new Stack(app, 'S', { env: ENV });
    new logs.LogGroup(stack, 'Plain', { retention: logs.RetentionDays.ONE_YEAR });
    const own = new kms.Key(stack, 'OwnKey', { enableKeyRotation: true });
    new logs.LogGroup(stack, 'WithOwnKey', { encryptionKey: own, retention: logs.RetentionDays.ONE_YEAR });
    template = Template.fromStack(stack);
  });

  it("encrypts a log group without a key with the stack's log key, and leaves a named key alone", () => {
    const groups = template.findResources('AWS::Logs::LogGroup');
    const keys = template.findResources('AWS::KMS::Key');
    const logKeyId = Object.keys(keys).find((id) => id.startsWith('LogEncryptionKey'));

    expect(logKeyId).toBeDefined();
    expect(
      Object.entries(groups).map(([id, g]) => [id.replace(/[0-9A-F]{8}$/, ''), g.Properties.KmsKeyId]),
    ).toEqual([
      ['Plain', { 'Fn::GetAtt': [logKeyId, 'Arn'] }],
      ['WithOwnKey', { 'Fn::GetAtt': [expect.stringMatching(/^OwnKey/), 'Arn'] }],
    ]);
  });

  it('lets CloudWatch Logs of this Region use the log key only for log groups of this account and Region', () => {
    const keys = template.findResources('AWS::KMS::Key');
    const logKey = Object.entries(keys).find(([id]) => id.startsWith('LogEncryptionKey'))![1];
    const statement = logKey.Properties.KeyPolicy.Statement.find(
      (s: { Sid?: string }) => s.Sid === 'CloudWatchLogsOfThisAccountAndRegion',
    );

    expect(statement.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
    expect(statement.Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:111111111111:log-group:*',
      },
    });
  });

  it('denies kms:CreateGrant except for AWS services on every key, once', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key'));

    expect(keys).toHaveLength(2);
    for (const key of keys) {
      const denies = key.Properties.KeyPolicy.Statement.filter(
        (s: { Sid?: string }) => s.Sid === 'GrantsOnlyForAwsServices',
      );
      expect(denies).toEqual([
        {
          Sid: 'GrantsOnlyForAwsServices',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: {
            BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
          },
        },
      ]);
    }
  });
});
