import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Stack, aws_sns as sns, aws_sqs as sqs, type App } from 'aws-cdk-lib';
import { type PlatformConfig } from '@amzconnect/env';
import { acknowledgeGuardRule, GUARD_PLUGIN_NAME, type AddStacks } from '@amzconnect/env/cdk';
import { generatedConfig } from '../src';
import { synthesizedApp, synthesizedApps } from '../src/synth';

/** Adds two stacks with an SNS topic each (cdk-nag reports the first: no SSL-only policy) and counts its calls. */
function countingTopicApp() {
  const calls: string[] = [];
  const addStacks = (app: App, config: PlatformConfig): Stack[] => {
    calls.push(config.environments[0].name);
    const env = config.environments[0];
    const stack = new Stack(app, 'Topics', {
      stackName: `${env.app}-topics-${env.name}`,
      env: { account: env.account, region: env.regions[0] },
      terminationProtection: true,
    });
    new sns.Topic(stack, 'Topic');
    // Added second, sorted first by name: the result keeps the order the app added them in.
    const archive = new Stack(app, 'Archive', {
      stackName: `${env.app}-archive-${env.name}`,
      env: { account: env.account, region: env.regions[0] },
    });
    new sns.Topic(archive, 'Topic', { enforceSSL: true });
    return [stack, archive];
  };
  return { calls, addStacks };
}

/** For the tests about caching and locks: cfn-guard would only add CPU time. */
const NO_GUARD = { guard: false };

const cacheRoot = () => path.join(process.env.AMZCONNECT_JEST_TMPDIR!, 'synthesized-apps');
const entriesNamed = (name: string) =>
  fs.existsSync(cacheRoot()) ? fs.readdirSync(cacheRoot()).filter((e) => e.startsWith(`${name}-`)) : [];

/**
 * The cache entry of `name` for `addStacks` and `generatedConfig(1, 1)` (its path found through a
 * synthesis under `probe`), with its lock held by process `pid`, as a worker's lock would be.
 */
function lockedEntry(probe: string, name: string, addStacks: AddStacks, pid: number): string {
  synthesizedApp(probe, generatedConfig(1, 1), addStacks, NO_GUARD);
  const [probeEntry] = entriesNamed(probe);
  const entry = path.join(cacheRoot(), `${name}${probeEntry.slice(probe.length)}`);
  fs.mkdirSync(`${entry}.lock`);
  fs.writeFileSync(path.join(`${entry}.lock`, 'pid'), String(pid));
  return entry;
}

describe('synthesizedApp', () => {
  it('synthesizes a name and configuration once per run and returns the templates and findings each time', () => {
    // Prepare
    const { calls, addStacks } = countingTopicApp();
    const config = generatedConfig(1, 1);

    // Act
    const first = synthesizedApp('once', config, addStacks);
    const second = synthesizedApp('once', generatedConfig(1, 1), addStacks);

    // Assess
    expect(calls).toEqual(['env0']);
    expect(
      second.stacks.map((s) => [s.stackName, s.id, s.account, s.region, s.terminationProtection]),
    ).toEqual([
      ['acme-topics-env0', 'Topics', '100000000000', 'us-east-1', true],
      ['acme-archive-env0', 'Archive', '100000000000', 'us-east-1', false],
    ]);
    second.stack('acme-topics-env0').template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(second.stacks.map((s) => s.json)).toEqual(first.stacks.map((s) => s.json));
    expect(second.findings.map((f) => [f.plugin, f.rule, f.path])).toContainEqual([
      'AwsSolutions',
      'AwsSolutions-SNS3',
      'Topics/Topic/Resource',
    ]);
    expect(() => second.stack('nope')).toThrow('No stack nope in the synthesized app');
  });

  it('runs cfn-guard with the Control Tower rules unless told not to, no validator when told so, and reports acknowledged findings with their reasons', () => {
    // Prepare: two queues with the same guard finding, acknowledged on one
    const addStacks = (app: App, config: PlatformConfig): Stack[] => {
      const env = config.environments[0];
      const stack = new Stack(app, 'Guarded', { env: { account: env.account, region: env.regions[0] } });
      // Control Tower's CT.SQS.PR.1 (sqs_dlq_check): a queue without a dead-letter queue.
      const quiet = new sqs.Queue(stack, 'Quiet', {
        enforceSSL: true,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
      });
      new sqs.Queue(stack, 'Loud', { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED });
      acknowledgeGuardRule(quiet, 'sqs_dlq_check', 'a test queue');
      return [stack];
    };

    // Act
    const [guarded] = synthesizedApps([{ name: 'guarded', addStacks }], generatedConfig(1, 1));
    const [unguarded] = synthesizedApps([{ name: 'guarded', addStacks }], generatedConfig(1, 1), NO_GUARD);

    // Assess
    const guardFindings = (findings: readonly { plugin: string; rule: string; path: string }[]) =>
      findings.filter((f) => f.plugin === GUARD_PLUGIN_NAME).map((f) => [f.rule, f.path]);
    expect(guardFindings(guarded.findings)).toContainEqual(['sqs_dlq_check', 'Guarded/Loud/Resource']);
    expect(guardFindings(guarded.findings).filter(([, p]) => p.startsWith('Guarded/Quiet'))).toEqual([]);
    expect(guarded.acknowledged).toContainEqual(
      expect.objectContaining({ plugin: GUARD_PLUGIN_NAME, rule: 'sqs_dlq_check', reason: 'a test queue' }),
    );
    expect(guardFindings(unguarded.findings)).toEqual([]);
    expect(unguarded.findings.map((f) => f.rule)).toContain('AwsSolutions-SQS3');
    const [unvalidated] = synthesizedApps([{ name: 'guarded', addStacks }], generatedConfig(1, 1), {
      validate: false,
    });
    expect(unvalidated.findings).toEqual([]);
    expect(unvalidated.stacks.map((st) => st.json)).toEqual(guarded.stacks.map((st) => st.json));
    expect(unguarded.acknowledged.filter((f) => f.plugin === GUARD_PLUGIN_NAME)).toEqual([]);
  });

  it('synthesizes again for another configuration, another name or other options', () => {
    // Prepare
    const { calls, addStacks } = countingTopicApp();

    // Act
    synthesizedApp('keyed', generatedConfig(1, 1), addStacks, NO_GUARD);
    synthesizedApp(
      'keyed',
      { ...generatedConfig(1, 1), environments: generatedConfig(2, 1).environments.slice(1) },
      addStacks,
      NO_GUARD,
    );
    synthesizedApp('keyed-too', generatedConfig(1, 1), addStacks, NO_GUARD);
    synthesizedApp('keyed', generatedConfig(1, 1), addStacks);

    // Assess
    expect(calls).toEqual(['env0', 'env1', 'env0', 'env0']);
  });

  it('takes over a lock whose owner process is gone', () => {
    // Prepare: the lock a worker that died while synthesizing would leave
    const { calls, addStacks } = countingTopicApp();
    const entry = lockedEntry('probe', 'orphaned', addStacks, 2147483646);

    // Act
    const app = synthesizedApp('orphaned', generatedConfig(1, 1), addStacks, NO_GUARD);

    // Assess
    expect(app.stacks).toHaveLength(2);
    expect(calls).toEqual(['env0', 'env0']);
    expect(fs.existsSync(`${entry}.lock`)).toBe(false);
  });

  it('waits for a live owner of the lock instead of synthesizing the same app twice', async () => {
    // Prepare: a finished entry to copy, and a lock held by this (live) process
    const { calls, addStacks } = countingTopicApp();
    const entry = lockedEntry('source', 'shared', addStacks, process.pid);
    const [source] = entriesNamed('source');
    // Another thread plays the owner: it finishes the entry and releases the lock later.
    const owner = new Worker(
      `const fs = require('fs');
       const { workerData: d } = require('worker_threads');
       setTimeout(() => {
         fs.cpSync(d.from, d.to + '.part', { recursive: true });
         fs.renameSync(d.to + '.part', d.to);
         fs.rmSync(d.lock, { recursive: true });
       }, 300);`,
      { eval: true, workerData: { from: path.join(cacheRoot(), source), to: entry, lock: `${entry}.lock` } },
    );

    try {
      // Act
      const app = synthesizedApp('shared', generatedConfig(1, 1), addStacks, NO_GUARD);

      // Assess
      expect(app.stacks.map((s) => s.stackName)).toEqual(['acme-topics-env0', 'acme-archive-env0']);
      expect(calls).toEqual(['env0']);
    } finally {
      await owner.terminate();
    }
  });

  it('synthesizes the free apps of a list while another worker holds the lock of an earlier one', async () => {
    // Prepare: a lock on the first app held by this (live) process, as another worker's would be
    const { calls, addStacks } = countingTopicApp();
    const busy = lockedEntry('model', 'busy', addStacks, process.pid);
    const [model] = entriesNamed('model');
    const free = path.join(cacheRoot(), `free${model.slice('model'.length)}`);
    // The owner finishes the busy app only once the free one is complete (or after 60 s): a caller
    // that waited for the busy app first would wait the whole minute.
    const owner = new Worker(
      `const fs = require('fs');
       const { workerData: d } = require('worker_threads');
       const started = Date.now();
       const poll = setInterval(() => {
         const sawFree = fs.existsSync(d.freeComplete);
         if (!sawFree && Date.now() - started < 60000) return;
         clearInterval(poll);
         fs.writeFileSync(d.report, String(sawFree));
         fs.cpSync(d.from, d.to + '.part', { recursive: true });
         fs.renameSync(d.to + '.part', d.to);
         fs.rmSync(d.lock, { recursive: true });
       }, 50);`,
      {
        eval: true,
        workerData: {
          from: path.join(cacheRoot(), model),
          to: busy,
          lock: `${busy}.lock`,
          freeComplete: path.join(free, 'complete.json'),
          report: `${busy}.report`,
        },
      },
    );

    try {
      // Act
      const apps = synthesizedApps(
        [
          { name: 'busy', addStacks },
          { name: 'free', addStacks },
        ],
        generatedConfig(1, 1),
        NO_GUARD,
      );

      // Assess
      expect(fs.readFileSync(`${busy}.report`, 'utf8')).toBe('true');
      expect(apps.map((a) => a.stacks.length)).toEqual([2, 2]);
      expect(calls).toEqual(['env0', 'env0']);
    } finally {
      await owner.terminate();
    }
  });
});
