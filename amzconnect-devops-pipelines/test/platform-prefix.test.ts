import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  accessRolePath,
  PlatformConfig,
  toolingDeployRoleArn,
  toolingPlanRoleArn,
  WORKSPACES,
} from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { samplePlatform } from '@amzconnect/testing';
import { addToolingStackList, pullRequestCheckRoleArn } from '../lib';
import { DeployedTemplate, TemplateResolver, templatesOf } from './iam/synthesized-templates';

/** `config` with another platform prefix, everything else (tooling account included) the same. */
function withPrefix(config: PlatformConfig, platformPrefix: string): PlatformConfig {
  return {
    ...config,
    tooling: { ...config.tooling, platformPrefix },
    environments: config.environments.map((e) => ({ ...e, platformPrefix })),
  };
}

/**
 * Properties ending in `Name` that are no physical name in the account: a role's inline policy
 * name is scoped to its role, a topic's display name and an alarm's metric name are labels, an
 * API stage name is scoped to its API.
 */
const NOT_PHYSICAL: readonly string[] = [
  'AWS::IAM::Policy.PolicyName',
  'AWS::SNS::Topic.DisplayName',
  'AWS::CloudWatch::Alarm.MetricName',
  'AWS::ApiGateway::Stage.StageName',
];

/**
 * Every physical name of the tooling-account stacks: stack names, every `*Name` property and every
 * role's name, resolved (a generated name as CloudFormation derives it, from the stack name).
 */
function physicalNames(templates: readonly DeployedTemplate[], toolingAccount: string): Set<string> {
  const resolver = new TemplateResolver(templates);
  const names = new Set<string>();
  for (const t of templates.filter((x) => x.account === toolingAccount)) {
    names.add(`stack ${t.stackName}`);
    for (const [id, r] of Object.entries(t.template.Resources ?? {})) {
      for (const [key, value] of Object.entries(r.Properties ?? {})) {
        if (!key.endsWith('Name') || NOT_PHYSICAL.includes(`${r.Type}.${key}`)) continue;
        names.add(`${r.Type}.${key} ${String(resolver.resolve(t, value))}`);
      }
      if (r.Type === 'AWS::IAM::Role') names.add(`role ${resolver.resolve(t, { Ref: id })}`);
    }
  }
  return names;
}

/**
 * A template as text without what only documents it (metadata, descriptions, approval messages)
 * and without the repository's folder names, which buildspecs pass to scripts
 * (`bash amzconnect-devops-pipelines/scripts/build.sh amzconnect-lambdas`): paths, not AWS names.
 * A folder name followed by more name (`amzconnect-lambdas-develop`) is still found.
 */
function namingText(t: DeployedTemplate): string {
  const text = JSON.stringify(t.template, (key, value: unknown) =>
    key === 'Metadata' || key === 'Description' || key === 'CustomData' ? undefined : value,
  );
  return WORKSPACES.reduce(
    (acc, w) => acc.replace(new RegExp(`(?<![a-z0-9-])${w.folder}(?![a-z0-9-])`, 'g'), '<folder>'),
    text,
  );
}

describe('the platform prefix, for two platforms in one tooling account', () => {
  const base = samplePlatform();
  const other = withPrefix(base, 'acme-cc');
  let first: DeployedTemplate[];
  let second: DeployedTemplate[];
  const outdirs: string[] = [];

  beforeAll(() => {
    const synth = (config: PlatformConfig) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-prefix-'));
      outdirs.push(outdir);
      const app = createPlatformApp({ skipBundling: true, guard: false, outdir });
      addToolingStackList(app, config);
      return templatesOf(app);
    };
    first = synth(base);
    second = synth(other);
  });
  afterAll(() => {
    for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the two tooling apps disjoint physical names', () => {
    const a = physicalNames(first, base.tooling.account);
    const b = physicalNames(second, other.tooling.account);

    expect(a.size).toBeGreaterThan(40);
    expect(b.size).toBe(a.size);
    expect([...b].filter((n) => a.has(n))).toEqual([]);
  });

  it('leaves no literal "amzconnect" in the second tooling app outside descriptions, messages and repository folder names', () => {
    const toolingStacks = second.filter((t) => t.account === other.tooling.account);
    const leftovers = toolingStacks.flatMap((t) =>
      (namingText(t).match(/.{0,40}amzconnect.{0,40}/g) ?? []).map((hit) => `${t.stackName}: ${hit}`),
    );

    expect(toolingStacks.map((t) => t.stackName).sort()).toEqual([
      'acme-cc-devops-core',
      'acme-cc-devops-develop',
      'acme-cc-devops-prod',
      'acme-cc-devops-staging',
    ]);
    expect(leftovers).toEqual([]);
  });

  it('makes each target account trust the prefixed tooling roles and keeps its access roles under the prefixed path', () => {
    for (const env of other.environments.filter((e) => e.enabled)) {
      const access = second.find((t) => t.account === env.account && t.stackName.includes('target-access'))!;
      const text = JSON.stringify(access.template);
      const roles = Object.values(access.template.Resources ?? {}).filter(
        (r) => r.Type === 'AWS::IAM::Role' || r.Type === 'AWS::IAM::ManagedPolicy',
      );

      expect(text).toContain(toolingDeployRoleArn(other.tooling, env));
      expect(text).not.toContain(
        toolingDeployRoleArn(base.tooling, { ...env, platformPrefix: 'amzconnect' }),
      );
      if (env.approval) expect(text).toContain(toolingPlanRoleArn(other.tooling, env));
      expect(text).toContain(pullRequestCheckRoleArn(other.tooling));
      expect(roles.length).toBeGreaterThan(3);
      expect(new Set(roles.map((r) => r.Properties?.Path))).toEqual(new Set([accessRolePath(env)]));
      expect(accessRolePath(env)).toBe('/acme-cc-access/');
    }
  });
});
