import {
  deploymentTargets,
  enabledEnvironments,
  SUBPROJECTS,
  subprojectStackName,
  targetRoleArns,
  TOOLING_FOLDER,
} from '@amzconnect/env';
import { samplePlatform } from '@amzconnect/testing';
import { synthesizedApp } from '@amzconnect/testing/synth';
import { addToolingStackList, environmentPipelinesStackName } from '../lib';
import { APPS } from '../src/cli/synth-all';

const SAMPLE = samplePlatform();

/**
 * The contract between the pipelines and the four sub-project apps: every stack a pipeline's
 * deploy action names exists in that sub-project's cloud assembly, in the right account and
 * Region, and is deployed through the target account's named roles.
 */
describe.each(SUBPROJECTS.map((s) => [s.folder, s.id] as const))('%s app', (folder, id) => {
  // Synthesized once per test run and shared with the other readers of the sample's apps.
  const assembly = synthesizedApp(folder, SAMPLE, APPS.find((a) => a.folder === folder)!.load());

  it('has exactly one stack per enabled environment and Region, named as the deploy actions expect', () => {
    const expected = deploymentTargets(SAMPLE).map((t) => subprojectStackName(t.environment, id, t.region));

    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([...expected].sort());
  });

  it('deploys each stack into its environment account and Region through the named target roles', () => {
    for (const { environment, region } of deploymentTargets(SAMPLE)) {
      const stack = assembly.stack(subprojectStackName(environment, id, region));
      const roles = targetRoleArns(environment);

      expect(stack).toMatchObject({ account: environment.account, region });
      expect(stack.assumeRoleArn).toBe(roles.deploy);
      expect(stack.cloudFormationExecutionRoleArn).toBe(roles.execution);
    }
  });
});

describe('pipelines and apps agree', () => {
  it('every deploy action names a stack of its sub-project', () => {
    const tooling = synthesizedApp(TOOLING_FOLDER, SAMPLE, addToolingStackList);
    const environmentStacks = enabledEnvironments(SAMPLE).map((e) =>
      tooling.stack(environmentPipelinesStackName(SAMPLE.tooling, e)),
    );
    const names = environmentStacks.flatMap((s) =>
      Object.values(s.template.findResources('AWS::CodePipeline::Pipeline')).flatMap((p: any) =>
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
