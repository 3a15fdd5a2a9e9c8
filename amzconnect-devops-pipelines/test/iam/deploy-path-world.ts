import {
  enabledEnvironments,
  Environment,
  PlatformConfig,
  targetRoleArns,
  toolingDeployRoleName,
  toolingPlanRoleName,
} from '@amzconnect/env';
import { synthesizedApps, type SynthesizedAppOptions } from '@amzconnect/testing/synth';
import { APPS } from '../../src/cli/synth-all';
import {
  CfnTemplate,
  DeployedTemplate,
  RoleWithPolicies,
  rolesOf,
  TemplateResolver,
} from './synthesized-templates';

/** Everything the evaluation needs about one configuration's deploy path, synthesized once. */
export interface DeployPathWorld {
  readonly config: PlatformConfig;
  readonly templates: readonly DeployedTemplate[];
  readonly resolver: TemplateResolver;
  readonly roles: readonly RoleWithPolicies[];
}

/**
 * The tooling app and the four sub-project apps for `config` (bundling skipped), each synthesized
 * once per test run and shared with the other test files that read the same app.
 */
export function synthesizeDeployPath(
  config: PlatformConfig,
  options: SynthesizedAppOptions = {},
): DeployPathWorld {
  const apps = synthesizedApps(
    APPS.map((a) => ({ name: a.folder, addStacks: a.load() })),
    config,
    options,
  );
  const templates = apps.flatMap((app) =>
    app.stacks.map((s) => ({
      stackName: s.stackName,
      account: s.account,
      region: s.region,
      template: s.json as CfnTemplate,
    })),
  );
  const resolver = new TemplateResolver(templates);
  const roles = templates.flatMap((t) => rolesOf(resolver, t));
  return { config, templates, resolver, roles };
}

/** The role with this ARN. */
export function roleByArn(world: DeployPathWorld, arn: string): RoleWithPolicies {
  const role = world.roles.find((r) => r.arn === arn);
  if (!role) throw new Error(`No role ${arn} in the synthesized templates`);
  return role;
}

/** The target-account and tooling roles of an environment. */
export function environmentRoles(world: DeployPathWorld, env: Environment) {
  const arns = targetRoleArns(env);
  const tooling = world.config.tooling.account;
  return {
    deploy: roleByArn(world, arns.deploy),
    publish: roleByArn(world, arns.publish),
    execution: roleByArn(world, arns.execution),
    flowPlan: roleByArn(world, arns.flowPlan),
    toolingDeploy: roleByArn(world, `arn:aws:iam::${tooling}:role/${toolingDeployRoleName(env)}`),
    toolingPlan: world.roles.find(
      (r) => r.arn === `arn:aws:iam::${tooling}:role/${toolingPlanRoleName(env)}`,
    ),
  };
}

/** The templates a sub-project deploys into `env` (every Region). */
export function environmentTemplates(world: DeployPathWorld, env: Environment): DeployedTemplate[] {
  return world.templates.filter(
    (t) =>
      t.account === env.account &&
      new RegExp(`^${env.app}-.+-${env.name}-[a-z]+-[a-z]+-\\d$`).test(t.stackName),
  );
}

/** Enabled environments of the world's configuration. */
export function environmentsOf(world: DeployPathWorld): readonly Environment[] {
  return enabledEnvironments(world.config);
}

/** Pipelines of an environment's tooling stack: name, artifact bucket and the build projects' roles. */
export function pipelinesOf(world: DeployPathWorld, env: Environment) {
  const stack = world.templates.find((t) => t.stackName === `amzconnect-devops-${env.name}`);
  if (!stack) throw new Error(`No tooling stack for ${env.name}`);
  return Object.values(stack.template.Resources ?? {})
    .filter((r) => r.Type === 'AWS::CodePipeline::Pipeline')
    .map((p) => {
      const props = world.resolver.resolve(stack, p.Properties) as {
        Name: string;
        ArtifactStore: { Location: string };
        Stages: {
          Name: string;
          Actions: { ActionTypeId: { Provider: string }; Configuration?: { ProjectName?: string } }[];
        }[];
      };
      const projects = props.Stages.flatMap((s) =>
        s.Actions.filter((a) => a.ActionTypeId.Provider === 'CodeBuild').map((a) => ({
          stage: s.Name,
          project: a.Configuration!.ProjectName!,
        })),
      );
      return { name: props.Name, bucket: props.ArtifactStore.Location, projects };
    });
}

/** The service role of a CodeBuild project, by the project's resolved name. */
export function projectRole(world: DeployPathWorld, projectName: string): RoleWithPolicies {
  for (const t of world.templates) {
    for (const [id, r] of Object.entries(t.template.Resources ?? {})) {
      if (r.Type !== 'AWS::CodeBuild::Project') continue;
      if (world.resolver.resolve(t, { Ref: id }) !== projectName) continue;
      return roleByArn(world, world.resolver.resolve(t, r.Properties!.ServiceRole) as string);
    }
  }
  throw new Error(`No CodeBuild project ${projectName}`);
}
