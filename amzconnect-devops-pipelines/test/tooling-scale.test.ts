import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { createPlatformApp } from '@amzconnect/env';
import { addToolingStacks } from '../lib';
import { generatedConfig } from '@amzconnect/testing';

describe('tooling app at scale', () => {
  it('stays inside CloudFormation limits for 25 environments of 4 Regions', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-'));
    const app = createPlatformApp({ skipBundling: true, outdir });
    addToolingStacks(app, generatedConfig(25, 4));

    const assembly = app.synth();

    let pipelines = 0;
    for (const stack of assembly.stacks) {
      const file = path.join(outdir, stack.templateFile);
      const resources = Object.values(stack.template.Resources as Record<string, { Type: string }>);
      pipelines += resources.filter((r) => r.Type === 'AWS::CodePipeline::Pipeline').length;
      expect({ stack: stack.stackName, resourcesUnder500: resources.length < 500 }).toEqual({
        stack: stack.stackName,
        resourcesUnder500: true,
      });
      expect({ stack: stack.stackName, under1MB: fs.statSync(file).size < 1_000_000 }).toEqual({
        stack: stack.stackName,
        under1MB: true,
      });
    }
    expect(pipelines).toBe(25 * 4 + 1);
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
          const app = createPlatformApp({ skipBundling: true });
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
      { numRuns: 8 },
    );
  });
});
