import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { addToolingStacks } from '../lib';
import { generatedConfig, propertyRuns } from '@amzconnect/testing';

/**
 * A policy document as IAM counts it (JSON without whitespace, after CloudFormation resolved it):
 * the partition as `aws`, account ids 12 digits, Regions as the longest name, other references
 * as 64 characters (longer than any ARN part they stand for), so the figure never undercounts.
 */
function resolvedForSize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvedForSize);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map((p) => String(resolvedForSize(p))).join(sep);
    }
    if ('Ref' in o) {
      const refs: Record<string, string> = {
        'AWS::Partition': 'aws',
        'AWS::AccountId': '123456789012',
        'AWS::Region': 'ap-southeast-5',
        'AWS::URLSuffix': 'amazonaws.com',
      };
      return refs[o.Ref as string] ?? 'x'.repeat(64);
    }
    if ('Fn::GetAtt' in o || 'Fn::ImportValue' in o || 'Fn::Sub' in o) return 'x'.repeat(64);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolvedForSize(v)]));
  }
  return value;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

describe('tooling app at scale', () => {
  it('stays inside CloudFormation, EventBridge, Lambda and IAM limits for 25 environments of 4 Regions with 31-character branch names', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-'));
    try {
      const app = createPlatformApp({ skipBundling: true, validate: false, outdir });
      const base = generatedConfig(25, 4);
      const config = {
        ...base,
        environments: base.environments.map((e, i) => ({
          ...e,
          branch: `release-branch-of-env-${i}`.padEnd(31, 'x'),
        })),
      };
      expect(config.environments.every((e) => e.branch.length === 31)).toBe(true);
      const stacks = addToolingStacks(app, config);
      const toolingStacks = new Set([stacks.core, ...stacks.environments].map((s) => s.stackName));

      const assembly = app.synth();

      const figures = {
        maxPattern: 0,
        maxLambdaEnv: 0,
        maxInlinePerRole: 0,
        maxManaged: 0,
        maxTemplate: 0,
        maxResources: 0,
      };
      let pipelines = 0;
      let toolingRoles = 0;
      for (const stack of assembly.stacks) {
        const file = path.join(outdir, stack.templateFile);
        const resources = Object.entries(stack.template.Resources as Record<string, CfnResource>);
        const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
        pipelines += ofType('AWS::CodePipeline::Pipeline').length;
        if (toolingStacks.has(stack.stackName)) toolingRoles += ofType('AWS::IAM::Role').length;
        const size = fs.statSync(file).size;
        figures.maxTemplate = Math.max(figures.maxTemplate, size);
        figures.maxResources = Math.max(figures.maxResources, resources.length);
        expect({
          stack: stack.stackName,
          resourcesUnder500: resources.length < 500,
          under1MB: size < 1_000_000,
        }).toEqual({
          stack: stack.stackName,
          resourcesUnder500: true,
          under1MB: true,
        });

        // EventBridge: an event pattern may have at most 2,048 characters (EventBridge quotas, "Event pattern").
        for (const [id, rule] of ofType('AWS::Events::Rule')) {
          if (!rule.Properties.EventPattern) continue;
          const length = JSON.stringify(rule.Properties.EventPattern).length;
          figures.maxPattern = Math.max(figures.maxPattern, length);
          expect({ rule: id, length, ok: length <= 2048 }).toMatchObject({ ok: true });
        }
        // Lambda: all environment variables together at most 4 KB (Lambda quotas). Unresolved
        // references are counted as their JSON, longer than most names they resolve to.
        for (const [id, fn] of ofType('AWS::Lambda::Function')) {
          const vars =
            (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
            {};
          const bytes = Object.entries(vars).reduce(
            (n, [k, v]) =>
              n + Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v)),
            0,
          );
          figures.maxLambdaEnv = Math.max(figures.maxLambdaEnv, bytes);
          expect({ fn: id, bytes, ok: bytes <= 4096 }).toMatchObject({ ok: true });
        }
        // IAM counts policy size without whitespace: inline policies of one role together at
        // most 10,240 characters, a managed policy at most 6,144 (IAM User Guide, "IAM and AWS STS quotas").
        const inline = new Map<string, number>();
        const add = (role: string, doc: unknown) =>
          inline.set(role, (inline.get(role) ?? 0) + JSON.stringify(resolvedForSize(doc)).length);
        for (const [id, role] of ofType('AWS::IAM::Role')) {
          for (const p of (role.Properties.Policies as { PolicyDocument: unknown }[] | undefined) ?? [])
            add(id, p.PolicyDocument);
        }
        for (const [, policy] of ofType('AWS::IAM::Policy')) {
          for (const r of (policy.Properties.Roles as { Ref?: string }[] | undefined) ?? []) {
            add(r.Ref ?? JSON.stringify(r), policy.Properties.PolicyDocument);
          }
        }
        for (const [role, length] of inline) {
          figures.maxInlinePerRole = Math.max(figures.maxInlinePerRole, length);
          expect({ stack: stack.stackName, role, length, ok: length <= 10_240 }).toMatchObject({ ok: true });
        }
        for (const [id, policy] of ofType('AWS::IAM::ManagedPolicy')) {
          const length = JSON.stringify(resolvedForSize(policy.Properties.PolicyDocument)).length;
          figures.maxManaged = Math.max(figures.maxManaged, length);
          expect({ stack: stack.stackName, policy: id, length, ok: length <= 6_144 }).toMatchObject({
            ok: true,
          });
        }
      }
      expect(pipelines).toBe(25 * 4 + 1);
      // IAM roles per account: default quota 1,000 (IAM and AWS STS quotas).
      console.log(
        `scale 25 envs x 4 Regions, 31-char branches: largest event pattern ${figures.maxPattern}/2048 chars, ` +
          `largest Lambda environment ${figures.maxLambdaEnv}/4096 bytes, largest inline policies of one role ` +
          `${figures.maxInlinePerRole}/10240, largest managed policy ${figures.maxManaged}/6144, largest template ` +
          `${figures.maxTemplate}/1000000 bytes, most resources ${figures.maxResources}/500; IAM roles in the tooling account: ${toolingRoles}/1000`,
      );
      expect(toolingRoles).toBeLessThan(1000);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('yields exactly one pipeline per enabled environment and sub-project plus the self-update one, for any config', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        (envs, regions, enabledFlags) => {
          const base = generatedConfig(envs, regions);
          const config = {
            ...base,
            environments: base.environments.map((e, i) => ({ ...e, enabled: enabledFlags[i] })),
          };
          const app = createPlatformApp({ skipBundling: true, guard: false });
          const stacks = addToolingStacks(app, config);

          const names = [stacks.core, ...stacks.environments].flatMap((s) =>
            s.node
              .findAll()
              .filter(
                (c) => (c as { cfnResourceType?: string }).cfnResourceType === 'AWS::CodePipeline::Pipeline',
              ),
          );
          const enabled = config.environments.filter((e) => e.enabled).length;
          expect(names).toHaveLength(enabled * 4 + 1);
        },
      ),
      { numRuns: propertyRuns(8) },
    );
  });
});
