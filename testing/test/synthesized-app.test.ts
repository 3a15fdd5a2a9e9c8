import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Stack, aws_sns as sns, type App } from 'aws-cdk-lib';
import type { PlatformConfig } from '@amzconnect/env';
import { generatedConfig, synthesizedApp } from '../src';

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

const cacheRoot = () => path.join(process.env.AMZCONNECT_JEST_TMPDIR!, 'synthesized-apps');
const entriesNamed = (name: string) =>
  fs.existsSync(cacheRoot()) ? fs.readdirSync(cacheRoot()).filter((e) => e.startsWith(`${name}-`)) : [];

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

  it('synthesizes again for another configuration or another name', () => {
    // Prepare
    const { calls, addStacks } = countingTopicApp();

    // Act
    synthesizedApp('keyed', generatedConfig(1, 1), addStacks);
    synthesizedApp(
      'keyed',
      { ...generatedConfig(1, 1), environments: generatedConfig(2, 1).environments.slice(1) },
      addStacks,
    );
    synthesizedApp('keyed-too', generatedConfig(1, 1), addStacks);

    // Assess
    expect(calls).toEqual(['env0', 'env1', 'env0']);
  });

  it('takes over a lock whose owner process is gone', () => {
    // Prepare: the lock a worker that died while synthesizing would leave
    const { calls, addStacks } = countingTopicApp();
    synthesizedApp('probe', generatedConfig(1, 1), addStacks);
    const [probe] = entriesNamed('probe');
    const entry = path.join(cacheRoot(), probe.replace(/^probe-/, 'orphaned-'));
    fs.mkdirSync(`${entry}.lock`);
    fs.writeFileSync(path.join(`${entry}.lock`, 'pid'), '2147483646');

    // Act
    const app = synthesizedApp('orphaned', generatedConfig(1, 1), addStacks);

    // Assess
    expect(app.stacks).toHaveLength(2);
    expect(calls).toEqual(['env0', 'env0']);
    expect(fs.existsSync(`${entry}.lock`)).toBe(false);
  });

  it('waits for a live owner of the lock instead of synthesizing the same app twice', async () => {
    // Prepare: a finished entry to copy, and a lock held by this (live) process
    const { calls, addStacks } = countingTopicApp();
    synthesizedApp('source', generatedConfig(1, 1), addStacks);
    const [source] = entriesNamed('source');
    const entry = path.join(cacheRoot(), source.replace(/^source-/, 'shared-'));
    fs.mkdirSync(`${entry}.lock`);
    fs.writeFileSync(path.join(`${entry}.lock`, 'pid'), String(process.pid));
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
      const app = synthesizedApp('shared', generatedConfig(1, 1), addStacks);

      // Assess
      expect(app.stacks.map((s) => s.stackName)).toEqual(['acme-topics-env0', 'acme-archive-env0']);
      expect(calls).toEqual(['env0']);
    } finally {
      await owner.terminate();
    }
  });
});
