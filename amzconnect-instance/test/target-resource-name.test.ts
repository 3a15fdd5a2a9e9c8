import * as fs from 'fs';
import { accountUniqueSuffix, type Environment, type PlatformConfig } from '@amzconnect/env';
import { problemsOf, readJsonCopy, samplePlatform, tempDir, writeJson } from '@amzconnect/testing';
import { INSTANCE_CONFIG_FILE, instanceAliasFor, loadInstanceConfig, targetResourceName } from '../lib';

const DEVELOP = { name: 'develop', account: '111111111111', app: 'acme', accountUniqueNames: true };

/** The sample platform with account-unique names on, and some environments' instance settings replaced. */
function uniquePlatform(instanceSettings: Record<string, unknown> = {}): PlatformConfig {
  const platform = samplePlatform();
  return {
    ...platform,
    environments: platform.environments.map((e) => ({
      ...e,
      accountUniqueNames: true,
      settings:
        e.name in instanceSettings ? { ...e.settings, instance: instanceSettings[e.name] } : e.settings,
    })),
  };
}

describe('targetResourceName', () => {
  it('keeps the names of a configuration without accountUniqueNames (an existing deployment is not renamed)', () => {
    expect(targetResourceName('ACME-Connect', { ...DEVELOP, accountUniqueNames: false }, 'us-east-1')).toBe(
      'acme-connect-develop-us-east-1',
    );
  });

  it('appends 8 hex characters of SHA-256 over account, Region, app and environment', () => {
    const name = targetResourceName('ACME-Connect', DEVELOP, 'us-east-1');

    expect(name).toMatch(/^acme-connect-develop-us-east-1-[0-9a-f]{8}$/);
    expect(name).toBe(`acme-connect-develop-us-east-1-${accountUniqueSuffix(DEVELOP, 'us-east-1')}`);
    expect(targetResourceName('ACME-Connect', DEVELOP, 'us-east-1')).toBe(name);
  });

  it('gives two adopters with the same names, in different accounts, different names', () => {
    const variants: Pick<Environment, 'name' | 'account' | 'app' | 'accountUniqueNames'>[] = [
      DEVELOP,
      { ...DEVELOP, account: '222222222222' },
      { ...DEVELOP, app: 'acme2' },
      { ...DEVELOP, name: 'staging' },
    ];
    const suffixes = variants.map((v) => targetResourceName('acme', v, 'us-east-1').slice(-8));

    expect(new Set(suffixes).size).toBe(variants.length);
    expect(targetResourceName('acme', DEVELOP, 'us-west-2').slice(-8)).not.toBe(suffixes[0]);
  });
});

describe('account-unique names in loadInstanceConfig', () => {
  it('derives a suffixed alias for a managed instance and keeps an alias the environment pins', () => {
    const platform = uniquePlatform({ staging: { alias: 'ACME-Stage' } });
    const env = (name: string) => platform.environments.find((e) => e.name === name)!;

    const config = loadInstanceConfig(INSTANCE_CONFIG_FILE, { platform });

    expect(instanceAliasFor(config, env('develop'), 'us-east-1')).toBe(
      `acme-develop-us-east-1-${accountUniqueSuffix(env('develop'), 'us-east-1')}`,
    );
    expect(instanceAliasFor(config, env('staging'), 'us-east-1')).toBe('acme-stage-us-east-1');
  });

  it('reports an alias and a bucket name the suffix makes too long, with file, field and fix, writing nothing', () => {
    const platform = uniquePlatform();
    const develop = platform.environments.find((e) => e.name === 'develop')!;
    const suffix = accountUniqueSuffix(develop, 'us-east-1');
    const config = readJsonCopy<Record<string, any>>(INSTANCE_CONFIG_FILE);
    config.instanceAlias = 'acme-contact-center-na';
    config.storage.bucketName = 'acme-connect-call-recordings-and-transcripts';
    const dir = tempDir();
    try {
      writeJson(dir, 'instance.json', config);

      const problems = problemsOf(() => loadInstanceConfig('instance.json', { cwd: dir, platform }));

      expect(problems).toContain(
        `instance.json: instanceAlias: for environment "develop" in us-east-1 gives the instance alias "acme-contact-center-na-develop-us-east-1-${suffix}" (49 characters), longer than Amazon Connect's 45; shorten the base name by at least 4 characters.`,
      );
      expect(problems).toContain(
        `instance.json: storage.bucketName: for environment "develop" in us-east-1 gives the bucket name "acme-connect-call-recordings-and-transcripts-develop-us-east-1-${suffix}" (71 characters), longer than Amazon S3's 63; shorten the base name by at least 8 characters.`,
      );
      // one alias and one bucket problem per managed (environment, Region): 4 targets in the sample
      expect(problems).toHaveLength(8);
      expect(fs.readdirSync(dir)).toEqual(['instance.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
