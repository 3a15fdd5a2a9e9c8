import { Match, Template } from 'aws-cdk-lib/assertions';
import { TOOLING_FOLDER } from '@amzconnect/env';
import { samplePlatform } from '@amzconnect/testing';
import { synthesizedApp } from '@amzconnect/testing/synth';
import { addToolingStackList, toolingCoreStackName } from '../lib';

// The sample's tooling app, synthesized once per test run and shared with the other readers.
const SAMPLE = samplePlatform();
const sample = synthesizedApp(TOOLING_FOLDER, SAMPLE, addToolingStackList);
const core = sample.stack(toolingCoreStackName(SAMPLE.tooling)).template;
const envTemplate = (name: string) => sample.stack(`amzconnect-devops-${name}`).template;

function pipelinesOf(t: Template): Record<string, { Properties: Record<string, any> }> {
  return t.findResources('AWS::CodePipeline::Pipeline') as Record<
    string,
    { Properties: Record<string, any> }
  >;
}

describe('tooling app for the sample configuration', () => {
  it('creates one pipeline per enabled environment and sub-project, plus the self-update pipeline', () => {
    const names = [core, ...['develop', 'staging', 'prod'].map(envTemplate)]
      .flatMap((t) => Object.values(pipelinesOf(t)))
      .map((p) => p.Properties.Name)
      .sort();

    expect(names).toEqual(
      [
        'amzconnect-devops-pipelines',
        ...['develop', 'staging', 'main'].flatMap((b) =>
          ['instance', 'supporting-infra', 'lambdas', 'contact-flows'].map((s) => `amzconnect-${s}-${b}`),
        ),
      ].sort(),
    );
  });

  it('makes every pipeline V2, queued, with the release-plan variables', () => {
    for (const t of [core, envTemplate('develop')]) {
      for (const p of Object.values(pipelinesOf(t))) {
        expect(p.Properties).toMatchObject({
          PipelineType: 'V2',
          ExecutionMode: 'QUEUED',
          Variables: [
            { Name: 'RELEASE_PLAN', DefaultValue: '[]' },
            { Name: 'RELEASE_COMMIT', DefaultValue: 'none' },
            { Name: 'RELEASE_SUBPROJECTS', DefaultValue: 'manual' },
          ],
        });
      }
    }
  });

  it('sources the environment branch through the connection without an automatic trigger', () => {
    envTemplate('staging').hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Name: 'amzconnect-lambdas-staging',
      Stages: Match.arrayWith([
        Match.objectLike({
          Name: 'Source',
          Actions: [
            Match.objectLike({
              Name: 'Source',
              ActionTypeId: Match.objectLike({ Provider: 'CodeStarSourceConnection' }),
              Configuration: Match.objectLike({
                ConnectionArn: SAMPLE.tooling.connectionArn,
                FullRepositoryId: 'example-org/amazon-connect-cicd',
                BranchName: 'staging',
                DetectChanges: false,
              }),
              Namespace: 'SourceVariables',
            }),
          ],
        }),
      ]),
    });
    for (const p of Object.values(pipelinesOf(envTemplate('develop')))) {
      expect(p.Properties.Triggers).toBeUndefined();
    }
  });

  it('adds an approval stage exactly where the environment asks for it', () => {
    const stageNames = (name: string) =>
      Object.values(pipelinesOf(envTemplate(name))).map((p) =>
        p.Properties.Stages.map((s: { Name: string }) => s.Name),
      );

    expect(new Set(stageNames('develop').map((s) => s.join('>')))).toEqual(new Set(['Source>Build>Deploy']));
    for (const env of ['staging', 'prod']) {
      expect(new Set(stageNames(env).map((s) => s.join('>')))).toEqual(
        new Set(['Source>Build>Approve>Deploy', 'Source>Build>Plan>Approve>Deploy']),
      );
    }
  });

  it('shows release managers the contact-flow plan of every Region before they approve', () => {
    const pipeline = Object.values(pipelinesOf(envTemplate('staging'))).find(
      (p) => p.Properties.Name === 'amzconnect-contact-flows-staging',
    )!;
    const stages = pipeline.Properties.Stages as any[];
    const plan = stages.find((s) => s.Name === 'Plan');
    const approve = stages.find((s) => s.Name === 'Approve');

    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'Plan', 'Approve', 'Deploy']);
    expect(
      plan.Actions.map((a: any) => [a.Name, a.Namespace, JSON.parse(a.Configuration.EnvironmentVariables)]),
    ).toEqual([
      [
        'Plan-us-east-1',
        'FlowPlan-us-east-1',
        [{ name: 'TARGET_REGION', type: 'PLAINTEXT', value: 'us-east-1' }],
      ],
    ]);
    expect(approve.Actions[0].Configuration.CustomData).toContain(
      'Flow plan: us-east-1: #{FlowPlan-us-east-1.PLAN_SUMMARY}.',
    );
    const buildSpecs = Object.values(envTemplate('staging').findResources('AWS::CodeBuild::Project')).map(
      (p) => JSON.parse(p.Properties.Source.BuildSpec),
    );
    expect(buildSpecs).toContainEqual(
      expect.objectContaining({
        env: { 'exported-variables': ['PLAN_SUMMARY', 'PLAN_REPORT_URL'] },
        phases: expect.objectContaining({
          build: {
            commands: [
              'bash amzconnect-devops-pipelines/scripts/flow-plan.sh "$TARGET_ENV" "$TARGET_REGION" "arn:aws:iam::222222222222:role/amzconnect-access/acme-staging-flow-plan"',
            ],
          },
        }),
      }),
    );
  });

  it('tells release managers the commit, its message, a link and the sub-project', () => {
    envTemplate('prod').hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Name: 'amzconnect-contact-flows-main',
      Stages: Match.arrayWith([
        Match.objectLike({
          Name: 'Approve',
          Actions: [
            Match.objectLike({
              ActionTypeId: Match.objectLike({ Category: 'Approval', Provider: 'Manual' }),
              Configuration: Match.objectLike({
                NotificationArn: Match.anyValue(),
                ExternalEntityLink:
                  'https://github.com/example-org/amazon-connect-cicd/commit/#{SourceVariables.CommitId}',
                CustomData: Match.stringLikeRegexp(
                  '^Deploy Contact flows \\(amzconnect-contact-flows\\) to prod \\(account 333333333333, us-east-1\\)\\. Commit #\\{SourceVariables.CommitId\\}: #\\{SourceVariables.CommitMessage\\}\\.',
                ),
              }),
            }),
          ],
        }),
      ]),
    });
  });

  it('deploys every Region of an environment in parallel, one action per Region, with its stack', () => {
    const p = Object.values(pipelinesOf(envTemplate('develop'))).find(
      (x) => x.Properties.Name === 'amzconnect-instance-develop',
    )!;
    const deploy = p.Properties.Stages.find((s: { Name: string }) => s.Name === 'Deploy');

    expect(
      deploy.Actions.map((a: any) => [a.Name, a.RunOrder, JSON.parse(a.Configuration.EnvironmentVariables)]),
    ).toEqual([
      [
        'Deploy-us-east-1',
        1,
        [{ name: 'STACK_NAME', type: 'PLAINTEXT', value: 'acme-instance-develop-us-east-1' }],
      ],
      [
        'Deploy-us-west-2',
        1,
        [{ name: 'STACK_NAME', type: 'PLAINTEXT', value: 'acme-instance-develop-us-west-2' }],
      ],
    ]);
  });

  it('lets each environment deploy project assume only that environment account roles', () => {
    envTemplate('develop').hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'amzconnect-deploy-develop',
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'codebuild.amazonaws.com' } })],
      }),
    });
    envTemplate('develop').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AssumeTargetAccountRoles',
            Effect: 'Allow',
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Resource: [
              'arn:aws:iam::111111111111:role/amzconnect-access/acme-develop-pipeline-deploy',
              'arn:aws:iam::111111111111:role/amzconnect-access/acme-develop-pipeline-publish',
            ],
          },
        ]),
      },
    });
  });

  it('notifies the encrypted topic of every failed and succeeded execution', () => {
    const rules = [core, ...['develop', 'staging', 'prod'].map(envTemplate)].flatMap((t) =>
      Object.values(t.findResources('AWS::CodeStarNotifications::NotificationRule')),
    );

    expect(rules).toHaveLength(13);
    for (const r of rules) {
      expect(r.Properties.EventTypeIds).toEqual([
        'codepipeline-pipeline-pipeline-execution-failed',
        'codepipeline-pipeline-pipeline-execution-succeeded',
      ]);
    }
    core.resourceCountIs('AWS::SNS::Topic', 2);
    core.allResourcesProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    core.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'contact-center-ops@example.com',
    });
  });

  it('builds each sub-project of each environment with its own project that runs the versioned build script', () => {
    const projects = Object.values(envTemplate('develop').findResources('AWS::CodeBuild::Project')).map(
      (p) => p.Properties.Source.BuildSpec as string,
    );
    const buildCommands = projects.filter((b) => b.includes('build.sh'));

    expect(buildCommands).toHaveLength(4);
    envTemplate('develop').hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'amzconnect-develop-999999999999-us-east-1',
    });
    expect(
      buildCommands.some((b) =>
        b.includes('bash amzconnect-devops-pipelines/scripts/build.sh amzconnect-lambdas \\"$TARGET_ENV\\"'),
      ),
    ).toBe(true);
  });

  it('self-update pipeline asks a release manager, with the security diff, before the tooling stacks change', () => {
    const selfUpdate = Object.values(pipelinesOf(core)).find(
      (p) => p.Properties.Name === 'amzconnect-devops-pipelines',
    )!;
    const stages = selfUpdate.Properties.Stages as { Name: string; Actions: any[] }[];

    expect(stages.map((st) => st.Name)).toEqual(['Source', 'Build', 'Review', 'Approve', 'Deploy']);
    expect(stages[3].Actions[0].Configuration.CustomData).toContain(
      'Security: #{SecurityDiff.SECURITY_SUMMARY}.',
    );
    core.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AssumeReadOnlyLookupRole',
            Resource: 'arn:aws:iam::999999999999:role/cdk-hnb659fds-lookup-role-999999999999-us-east-1',
          }),
        ]),
      },
    });
  });

  it('self-update pipeline tracks the tooling branch and deploys only the tooling stacks', () => {
    core.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Name: 'amzconnect-devops-pipelines',
      Stages: Match.arrayWith([
        Match.objectLike({
          Name: 'Source',
          Actions: [Match.objectLike({ Configuration: Match.objectLike({ BranchName: 'main' }) })],
        }),
        Match.objectLike({
          Name: 'Deploy',
          Actions: [
            Match.objectLike({
              Configuration: Match.objectLike({
                EnvironmentVariables: JSON.stringify([
                  { name: 'STACK_NAME', type: 'PLAINTEXT', value: 'amzconnect-devops-*' },
                ]),
              }),
            }),
          ],
        }),
      ]),
    });
  });

  it('stores artifacts in a KMS-encrypted, versioned, TLS-only, access-logged bucket', () => {
    core.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'amzconnect-artifacts-999999999999-us-east-1',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'access-logs/' }),
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
  });
});

describe('target-account access stack', () => {
  const target = sample.stack('acme-target-access-develop').template;

  it('trusts exactly the tooling deploy role of the environment, not the whole tooling account', () => {
    for (const roleName of ['acme-develop-pipeline-deploy', 'acme-develop-pipeline-publish']) {
      target.hasResourceProperties('AWS::IAM::Role', {
        RoleName: roleName,
        AssumeRolePolicyDocument: {
          // One statement: @aws-cdk/aws-iam:minimizePolicies merges statements that differ only in action.
          Statement: [
            {
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999999999999:role/amzconnect-deploy-develop' },
            },
          ],
        },
      });
    }
    expect(sample.stack('acme-target-access-develop').account).toBe('111111111111');
  });

  it('gives CloudFormation a scoped execution policy: no NotAction, no service:* allowed', () => {
    const policies = Object.values(target.findResources('AWS::IAM::ManagedPolicy')).filter((p) =>
      (p.Properties.ManagedPolicyName as string).includes('cfn-execution'),
    );
    expect(policies.length).toBeGreaterThan(0);
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[],
    );
    const allowed = statements.filter((s) => s.Effect === 'Allow');

    expect(statements.every((s) => !('NotAction' in s))).toBe(true);
    expect(allowed.flatMap((s) => [s.Action].flat()).filter((a) => String(a).endsWith(':*'))).toEqual([]);
    expect(statements.find((s) => s.Sid === 'ManagePlatformRolesWithinBoundary')).toMatchObject({
      Resource: 'arn:aws:iam::111111111111:role/acme-*',
      Condition: {
        StringEquals: {
          'iam:PermissionsBoundary':
            'arn:aws:iam::111111111111:policy/amzconnect-access/acme-develop-workload-boundary',
        },
      },
    });
    target.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'acme-develop-cfn-exec',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'cloudformation.amazonaws.com' } })],
      },
    });
  });

  it('gives the flow plan read-only access to the Connect instances and published parameters', () => {
    target.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'acme-develop-flow-plan',
      Path: '/amzconnect-access/',
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            // Merged with the pull-request check's principal (@aws-cdk/aws-iam:minimizePolicies).
            Principal: { AWS: Match.arrayWith(['arn:aws:iam::999999999999:role/amzconnect-plan-develop']) },
          }),
        ]),
      }),
    });
    const policies = Object.values(target.findResources('AWS::IAM::Policy'));
    const planPolicy = policies.find((p) => JSON.stringify(p.Properties.Roles).includes('FlowPlanRole'))!;
    const actions = (planPolicy.Properties.PolicyDocument.Statement as any[]).flatMap((st) =>
      [st.Action].flat(),
    ) as string[];

    expect(
      actions.filter((a) => a.startsWith('connect:')).every((a) => /^connect:(List|Describe|Search)/.test(a)),
    ).toBe(true);
    expect(actions).toEqual(expect.arrayContaining(['connect:SearchContactFlows', 'ssm:GetParameters']));
  });

  it('lets the deploy role pass only the execution role and touch only the environment stacks', () => {
    target.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DeployEnvironmentStacks',
            Resource: Match.arrayWith([
              'arn:aws:cloudformation:us-east-1:111111111111:stack/acme-instance-develop-us-east-1/*',
              'arn:aws:cloudformation:us-west-2:111111111111:stack/acme-contact-flows-develop-us-west-2/*',
            ]),
          }),
          Match.objectLike({ Sid: 'PassExecutionRole', Action: 'iam:PassRole' }),
        ]),
      },
    });
  });
});

describe('compliance', () => {
  it('synthesizes the sample with no unacknowledged cdk-nag or template finding', () => {
    expect(sample.findings).toEqual([]);
  });
});
