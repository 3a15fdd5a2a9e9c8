import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import {
  createPlatformApp,
  deploymentTargets,
  loadPlatformConfig,
  SUBPROJECTS,
  subprojectStackName,
  targetRoleArns,
} from '@amzconnect/env';
import { addToolingStacks } from '../lib';
import { APPS } from '../src/cli/synth-all';

const SAMPLE = loadPlatformConfig(path.join(__dirname, '..', '..', 'env'));

/**
 * The contract between the pipelines and the four sub-project apps: every stack a pipeline's
 * deploy action names exists in that sub-project's cloud assembly, in the right account and
 * Region, and is deployed through the target account's named roles.
 */
describe.each(SUBPROJECTS.map((s) => [s.folder, s.id] as const))('%s app', (folder, id) => {
  const app = createPlatformApp({
    skipBundling: true,
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), `contract-${id}-`)),
  });
  APPS.find((a) => a.folder === folder)!.load()(app, SAMPLE);
  const assembly = app.synth();

  it('has exactly one stack per enabled environment and Region, named as the deploy actions expect', () => {
    const expected = deploymentTargets(SAMPLE).map((t) => subprojectStackName(t.environment, id, t.region));

    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([...expected].sort());
  });

  it('deploys each stack into its environment account and Region through the named target roles', () => {
    for (const { environment, region } of deploymentTargets(SAMPLE)) {
      const stack = assembly.getStackByName(subprojectStackName(environment, id, region));
      const roles = targetRoleArns(environment);

      expect(stack.environment).toMatchObject({ account: environment.account, region });
      expect(stack.assumeRoleArn).toBe(roles.deploy);
      expect(stack.cloudFormationExecutionRoleArn).toBe(roles.execution);
    }
  });
});

describe('pipelines and apps agree', () => {
  it('every deploy action names a stack of its sub-project', () => {
    const app = createPlatformApp({ skipBundling: true });
    const stacks = addToolingStacks(app, SAMPLE);
    const names = stacks.environments.flatMap((s) =>
      Object.values(Template.fromStack(s).findResources('AWS::CodePipeline::Pipeline')).flatMap((p: any) =>
        p.Properties.Stages.filter((st: any) => st.Name === 'Deploy').flatMap((st: any) =>
          st.Actions.map((a: any) => JSON.parse(a.Configuration.EnvironmentVariables)[0].value as string),
        ),
      ),
    );

    expect(names.sort()).toEqual(
      SUBPROJECTS.flatMap((s) =>
        deploymentTargets(SAMPLE).map((t) => subprojectStackName(t.environment, s.id, t.region)),
      ).sort(),
    );
  });
});
