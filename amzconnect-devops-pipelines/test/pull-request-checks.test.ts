import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { runSimulation, Simulation } from '@cloud-copilot/iam-simulate';
import { loadPlatformConfig, targetRoleArns, TOOLING_FOLDER, toolingPlanRoleArn } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { samplePlatform } from '@amzconnect/testing';
import { synthesizedApp } from '@amzconnect/testing/synth';
import {
  addToolingStackList,
  addToolingStacks,
  toolingCoreStackName,
  environmentArtifactBucketName,
  pullRequestCheckRoleArn,
  PR_CHECK_SCRIPT,
} from '../lib';

// The sample's tooling app, synthesized once per test run and shared with the other readers.
const SAMPLE = samplePlatform();
const sample = synthesizedApp(TOOLING_FOLDER, SAMPLE, addToolingStackList);
const core = sample.stack(toolingCoreStackName(SAMPLE.tooling)).template;
const develop = SAMPLE.environments.find((e) => e.name === 'develop')!;
const developAccess = sample.stack('acme-target-access-develop').template;
const PR_ROLE = pullRequestCheckRoleArn(SAMPLE.tooling);

type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Principal?: unknown };

/** Statements of every policy attached to the pull-request check role. */
function prRoleStatements(): Statement[] {
  const roles = core.findResources('AWS::IAM::Role', {
    Properties: { RoleName: 'amzconnect-devops-core-pr-check' },
  });
  const [roleId] = Object.keys(roles);
  return Object.values(core.findResources('AWS::IAM::Policy'))
    .filter((p) =>
      (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
    )
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

function trustPolicyOf(template: Template, roleName: string): { Version: string; Statement: Statement[] } {
  const roles = template.findResources('AWS::IAM::Role', { Properties: { RoleName: roleName } });
  return Object.values(roles)[0].Properties.AssumeRolePolicyDocument;
}

async function canAssume(roleArn: string, trustRoleName: string): Promise<string> {
  const statements = prRoleStatements();
  // Statements with CloudFormation functions (logs, key, bucket) grant no sts action; keep the literal ones.
  const literal = statements.filter((s) => !JSON.stringify(s.Resource).includes('Fn::'));
  expect(statements.filter((s) => !literal.includes(s)).flatMap((s) => [s.Action].flat())).not.toContainEqual(
    expect.stringMatching(/^sts:/),
  );
  const simulation: Simulation = {
    request: {
      principal: PR_ROLE,
      action: 'sts:AssumeRole',
      resource: { resource: roleArn, accountId: roleArn.split(':')[4] },
      contextVariables: {},
    },
    identityPolicies: [{ name: 'pr-check', policy: { Version: '2012-10-17', Statement: literal } }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: trustPolicyOf(developAccess, trustRoleName),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

describe('PullRequestChecks', () => {
  it('builds pull requests opened, updated or reopened against an environment or the tooling branch', () => {
    core.hasResourceProperties('AWS::CodeBuild::Project', {
      Source: {
        Type: 'GITHUB',
        Location: `https://github.com/${SAMPLE.tooling.owner}/${SAMPLE.tooling.repo}.git`,
        ReportBuildStatus: true,
        Auth: { Type: 'CODECONNECTIONS', Resource: SAMPLE.tooling.connectionArn },
        BuildSpec: Match.stringLikeRegexp(`bash ${PR_CHECK_SCRIPT}`),
      },
      Triggers: {
        Webhook: true,
        FilterGroups: [
          [
            { Type: 'EVENT', Pattern: 'PULL_REQUEST_CREATED, PULL_REQUEST_UPDATED, PULL_REQUEST_REOPENED' },
            { Type: 'BASE_REF', Pattern: '^refs/heads/(develop|staging|main)$' },
          ],
        ],
        PullRequestBuildPolicy: {
          RequiresCommentApproval: 'FORK_PULL_REQUESTS',
          ApproverRoles: ['GITHUB_WRITE', 'GITHUB_MAINTAIN', 'GITHUB_ADMIN'],
        },
      },
    });
  });

  it("gives the script each environment's read-only flow-plan role, and no deploy role", () => {
    const env = core.findResources('AWS::CodeBuild::Project', {
      Properties: { Triggers: { Webhook: true } },
    });
    const variables = Object.values(env)[0].Properties.Environment.EnvironmentVariables;

    expect(variables).toEqual([
      {
        Name: 'FLOW_PLAN_ROLES',
        Type: 'PLAINTEXT',
        Value: SAMPLE.environments.map((e) => `${e.name}=${targetRoleArns(e).flowPlan}`).join(' '),
      },
    ]);
  });

  it('may assume the flow-plan role of an environment (evaluated with iam-simulate)', async () => {
    expect(await canAssume(targetRoleArns(develop).flowPlan, 'acme-develop-flow-plan')).toBe('Allowed');
  });

  it('may not assume the deploy role of an environment (evaluated with iam-simulate)', async () => {
    expect(await canAssume(targetRoleArns(develop).deploy, 'acme-develop-pipeline-deploy')).not.toBe(
      'Allowed',
    );
  });

  it("is trusted by the flow-plan role only, beside the environment's plan role", () => {
    const trusted = (name: string) =>
      trustPolicyOf(developAccess, name).Statement.flatMap((s) =>
        [(s.Principal as { AWS: unknown }).AWS].flat(),
      );

    expect(new Set(trusted('acme-develop-flow-plan'))).toEqual(
      new Set([toolingPlanRoleArn(SAMPLE.tooling, develop), PR_ROLE]),
    );
    expect(trusted('acme-develop-pipeline-deploy')).not.toContain(PR_ROLE);
    expect(trusted('acme-develop-pipeline-publish')).not.toContain(PR_ROLE);
  });

  it('leaves no unacknowledged cdk-nag or template finding (with the approval links below)', () => {
    expect(sample.findings).toEqual([]);
  });

  describe('approval messages link to the plan report', () => {
    const staging = sample.stack('amzconnect-devops-staging').template;
    const approvalOf = (t: Template, name: string) => {
      const pipeline = Object.values(t.findResources('AWS::CodePipeline::Pipeline')).find(
        (p) => p.Properties.Name === name,
      )!;
      const approve = (
        pipeline.Properties.Stages as { Name: string; Actions: { Configuration: Record<string, string> }[] }[]
      ).find((s) => s.Name === 'Approve')!;
      return approve.Actions[0].Configuration;
    };

    it("puts the console link of each Region's HTML report beside commit, summary and sub-projects", () => {
      const data = approvalOf(staging, 'amzconnect-contact-flows-staging').CustomData;

      expect(data).toContain('Commit #{SourceVariables.CommitId}');
      expect(data).toContain('Release plan: #{variables.RELEASE_SUBPROJECTS}.');
      expect(data).toContain('Flow plan: us-east-1: #{FlowPlan-us-east-1.PLAN_SUMMARY}.');
      expect(data.endsWith(' Plan report: us-east-1: #{FlowPlan-us-east-1.PLAN_REPORT_URL}')).toBe(true);
    });

    it("lets the plan step write reports only under its environment's prefix of the artifact bucket", () => {
      staging.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Sid: 'WriteFlowPlanReports',
              Effect: 'Allow',
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::${environmentArtifactBucketName(SAMPLE.tooling, { name: 'staging' })}/flow-plan-reports/staging/*`,
            },
          ]),
        },
      });
    });

    it("keeps the message template within CodePipeline's 1,000 characters per configuration value for four Regions", () => {
      // ActionConfigurationValue: 1 to 1,000 characters (CodePipeline API model,
      // node_modules/@aws-sdk/client-codepipeline; https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ActionDeclaration.html).
      const wide = loadPlatformConfig(path.join(__dirname, '..', '..', 'env'));
      const env = {
        ...wide.environments[1],
        regions: ['us-east-1', 'us-west-2', 'eu-west-2', 'ap-southeast-2'],
      };
      const wideApp = createPlatformApp({ skipBundling: true, guard: false });
      const wideStacks = addToolingStacks(wideApp, { ...wide, environments: [env] });
      const data = approvalOf(
        Template.fromStack(wideStacks.environments[0]),
        'amzconnect-contact-flows-staging',
      ).CustomData;

      expect(data.length).toBeLessThanOrEqual(1000);
    });
  });
});
