import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  accessRolePath,
  Environment,
  SUBPROJECT_IDS,
  subprojectStackName,
  targetRoleNames,
  toolingDeployRoleArn,
  toolingPlanRoleArn,
  ToolingAccount,
} from '@amzconnect/env';
import { cfnExecutionPolicyStatements, packStatements, statementSize } from './cfn-execution-policy';
import { acknowledgeExecutionPolicy } from './execution-policy-acknowledgements';
import { nagPartition } from './nag-acknowledgements';
import { pullRequestCheckRoleArn } from './pull-request-checks';
import { WorkloadBoundaryPolicy } from './workload-boundary-policy';

/** What the flow plan reads in Connect: lists, descriptions and searches, never a write. */
export const FLOW_PLAN_CONNECT_ACTIONS = [
  'connect:DescribeContactFlow',
  'connect:DescribeContactFlowModule',
  'connect:ListBots',
  'connect:ListContactFlowModules',
  'connect:ListContactFlows',
  'connect:ListHoursOfOperations',
  'connect:ListLambdaFunctions',
  'connect:ListPrompts',
  'connect:ListQueues',
  'connect:SearchContactFlowModules',
  'connect:SearchContactFlows',
];

/** Props of {@link TargetAccountAccessStack}. */
export interface TargetAccountAccessStackProps extends StackProps {
  /** The environment whose account this stack prepares. */
  readonly environment: Environment;
  /** The tooling account whose deploy and plan roles are trusted. */
  readonly tooling: ToolingAccount;
}

/** Actions of the deploy role on the environment's own stacks. */
export const DEPLOY_STACK_ACTIONS = [
  'cloudformation:DeleteChangeSet',
  'cloudformation:DescribeChangeSet',
  'cloudformation:DescribeStackEvents',
  'cloudformation:DescribeStacks',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:GetTemplate',
  'cloudformation:UpdateTerminationProtection',
];

/**
 * Actions that make CloudFormation act on resources: each accepts `cloudformation:RoleArn`, so
 * they are allowed only with the execution role, never with another role or the deploy role's
 * own credentials.
 */
export const DEPLOY_WITH_EXECUTION_ROLE_ACTIONS = ['cloudformation:CreateChangeSet'];

/**
 * Recovery of a failed stack. The CDK CLI deletes a stack in ROLLBACK_COMPLETE or ROLLBACK_FAILED
 * (a failed first creation) before re-creating it, calling DeleteStack without `RoleARN`
 * (aws-cdk CLI, `deployStack`: `isCreationFailure`), and CloudFormation then uses the role
 * already associated with the stack, i.e. the execution role (CloudFormation API Reference,
 * DeleteStack `RoleARN`). So these are allowed without a role or with the execution role, never
 * with another. IAM has no condition key for the stack status (DeleteStack supports only
 * `cloudformation:RoleArn`), so "only ROLLBACK_COMPLETE" is the CLI's behaviour, not a policy
 * guarantee; termination protection (on for retained production stacks) still refuses to delete
 * a protected stack.
 */
export const RECOVERY_ACTIONS = [
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:DeleteStack',
  'cloudformation:RollbackStack',
];

/**
 * Deployed once into each target account (by an administrator of that account), after
 * `cdk bootstrap` without `--trust`: the roles through which the tooling account deploys the
 * environment, under the path `/<platform prefix>-access/` ({@link accessRolePath}). The deploy and publish roles trust
 * exactly the tooling account's deploy role for this environment and the flow-plan role exactly
 * its plan role, not the whole tooling account; the execution role carries the policy derived
 * from the templates' resource types, and every role the stacks create must carry the workload
 * boundary created here.
 */
export class TargetAccountAccessStack extends Stack {
  public readonly deployRole: iam.Role;
  public readonly publishRole: iam.Role;
  public readonly executionRole: iam.Role;
  /** The execution role's managed policies (the derived statements, packed under IAM's size limit). */
  public readonly executionPolicies: readonly iam.ManagedPolicy[];
  /** The permissions boundary every role of the environment's stacks must carry. */
  public readonly workloadBoundary: iam.ManagedPolicy;
  /** Reads the instance for the flow plan shown before approval; never writes. */
  public readonly flowPlanRole: iam.Role;

  constructor(scope: Construct, id: string, props: TargetAccountAccessStackProps) {
    super(scope, id, props);
    const env = props.environment;
    const names = targetRoleNames(env);
    const trusted = new iam.ArnPrincipal(toolingDeployRoleArn(props.tooling, env));
    const assetBuckets = env.regions.map(
      (region) => `cdk-${env.bootstrapQualifier}-assets-${env.account}-${region}`,
    );
    const assetResources = assetBuckets.flatMap((name) => [
      `arn:${this.partition}:s3:::${name}`,
      `arn:${this.partition}:s3:::${name}/*`,
    ]);
    const stackArns = env.regions.flatMap((region) =>
      SUBPROJECT_IDS.map(
        (sub) =>
          `arn:${this.partition}:cloudformation:${region}:${env.account}:stack/${subprojectStackName(env, sub, region)}/*`,
      ),
    );

    this.workloadBoundary = new WorkloadBoundaryPolicy(this, 'WorkloadBoundary', { environment: env }).policy;

    const statements = cfnExecutionPolicyStatements(env, this.partition);
    const packs = packStatements(
      cfnExecutionPolicyStatements(env, 'aws').map((st, i) => ({ i, size: statementSize(st) })),
      (x) => x.size,
    );
    this.executionPolicies = packs.map((pack, n) => {
      const policy = new iam.ManagedPolicy(this, n === 0 ? 'ExecutionPolicy' : `ExecutionPolicy${n + 1}`, {
        managedPolicyName: `${env.app}-${env.name}-cfn-execution${n === 0 ? '' : `-${n + 1}`}`,
        path: accessRolePath(env),
        description: `What CloudFormation may do when deploying the ${env.name} environment (${n + 1}/${packs.length})`,
        statements: pack.map((x) => statements[x.i]),
      });
      acknowledgeExecutionPolicy(policy, env);
      return policy;
    });

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      roleName: names.execution,
      path: accessRolePath(env),
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
      managedPolicies: [...this.executionPolicies],
      description: `CloudFormation execution role for the ${env.name} environment`,
    });

    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: names.deploy,
      path: accessRolePath(env),
      assumedBy: trusted,
      description: `Assumed by the tooling account's ${env.name} deploy project to run CloudFormation`,
    });
    this.deployRole.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ actions: ['sts:TagSession'], principals: [trusted] }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DeployEnvironmentStacks',
        actions: DEPLOY_STACK_ACTIONS,
        resources: stackArns,
      }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ChangeStacksOnlyThroughExecutionRole',
        actions: DEPLOY_WITH_EXECUTION_ROLE_ACTIONS,
        resources: stackArns,
        conditions: { StringEquals: { 'cloudformation:RoleArn': this.executionRole.roleArn } },
      }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RecoverFailedStacksWithTheirExecutionRole',
        actions: RECOVERY_ACTIONS,
        resources: stackArns,
        conditions: { StringEqualsIfExists: { 'cloudformation:RoleArn': this.executionRole.roleArn } },
      }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CloudFormationReadOnlyGlobal',
        actions: [
          'cloudformation:DescribeStacks',
          'cloudformation:GetTemplateSummary',
          'cloudformation:ValidateTemplate',
        ],
        resources: ['*'],
      }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PassExecutionRole',
        actions: ['iam:PassRole'],
        resources: [this.executionRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
      }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAssetsAndBootstrapVersion',
        actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
        resources: assetResources,
      }),
    );
    // CloudFormation resolves `AWS::SSM::Parameter::Value<...>` template parameters with the
    // credentials of the CreateChangeSet caller (CloudFormation User Guide, "Specify existing
    // resources at runtime with CloudFormation-supplied parameter types": the caller needs
    // ssm:GetParameters). The templates resolve the bootstrap version and the parameters the
    // environment's own stacks publish under /<app>/<env>/.
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ResolveTemplateParameters',
        actions: ['ssm:GetParameters'],
        resources: env.regions.flatMap((region) => [
          `arn:${this.partition}:ssm:${region}:${env.account}:parameter/cdk-bootstrap/${env.bootstrapQualifier}/version`,
          `arn:${this.partition}:ssm:${region}:${env.account}:parameter/${env.app}/${env.name}/*`,
        ]),
      }),
    );
    Validations.of(this.deployRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'DescribeStacks (without a stack name), GetTemplateSummary and ValidateTemplate do not support resource-level permissions.',
    });
    for (const region of env.regions) {
      for (const sub of SUBPROJECT_IDS) {
        Validations.of(this.deployRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(this)}:cloudformation:${region}:${env.account}:stack/${subprojectStackName(env, sub, region)}/*]`,
          reason: `The ${sub} stack of ${env.name} in ${region}; a stack ARN ends in an id generated at creation.`,
        });
      }
      Validations.of(this.deployRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(this)}:ssm:${region}:${env.account}:parameter/${env.app}/${env.name}/*]`,
        reason: `Only GetParameters, on the parameters the ${env.name} stacks publish in ${region} and resolve in their templates.`,
      });
    }
    this.acknowledgeAssetAccess(this.deployRole, assetBuckets, [
      's3:GetObject*',
      's3:GetBucket*',
      's3:List*',
    ]);

    // Pull-request checks plan too (read-only): see lib/pull-request-checks.ts.
    this.flowPlanRole = this.createFlowPlanRole(
      env,
      names.flowPlan,
      new iam.CompositePrincipal(
        new iam.ArnPrincipal(toolingPlanRoleArn(props.tooling, env)),
        new iam.ArnPrincipal(pullRequestCheckRoleArn(props.tooling)),
      ),
    );

    this.publishRole = new iam.Role(this, 'PublishRole', {
      roleName: names.publish,
      path: accessRolePath(env),
      assumedBy: trusted,
      description: `Assumed by the tooling account's ${env.name} deploy project to upload file assets`,
    });
    this.publishRole.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ actions: ['sts:TagSession'], principals: [trusted] }),
    );
    this.publishRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishFileAssets',
        actions: [
          's3:GetObject*',
          's3:GetBucket*',
          's3:List*',
          's3:PutObject*',
          's3:Abort*',
          's3:DeleteObject*',
        ],
        resources: assetResources,
      }),
    );
    this.acknowledgeAssetAccess(this.publishRole, assetBuckets, [
      's3:GetObject*',
      's3:GetBucket*',
      's3:List*',
      's3:PutObject*',
      's3:Abort*',
      's3:DeleteObject*',
    ]);
  }

  /** Read-only access to the environment's Connect instances and its published SSM parameters. */
  private createFlowPlanRole(env: Environment, roleName: string, trusted: iam.IPrincipal): iam.Role {
    const role = new iam.Role(this, 'FlowPlanRole', {
      roleName,
      path: accessRolePath(env),
      assumedBy: trusted,
      description: `Assumed by the tooling account's ${env.name} plan project to compute the contact-flow plan (read-only)`,
    });
    role.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ actions: ['sts:TagSession'], principals: [trusted] }),
    );
    const instances = env.regions.map(
      (region) => `arn:${this.partition}:connect:${region}:${env.account}:instance/*`,
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadConnectInstance',
        actions: FLOW_PLAN_CONNECT_ACTIONS,
        resources: instances,
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadPublishedParameters',
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: env.regions.map(
          (region) => `arn:${this.partition}:ssm:${region}:${env.account}:parameter/${env.app}/${env.name}/*`,
        ),
      }),
    );
    for (const region of env.regions) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(this)}:connect:${region}:${env.account}:instance/*]`,
        reason:
          'The instance id is created by the instance stack after this stack; the actions are read-only (List, Describe, Search).',
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(this)}:ssm:${region}:${env.account}:parameter/${env.app}/${env.name}/*]`,
        reason: "Read-only access to the parameters the environment's stacks publish under its own prefix.",
      });
    }
    return role;
  }

  /** Acknowledges the wildcards of access to the CDK assets buckets of this environment's Regions. */
  private acknowledgeAssetAccess(
    role: iam.Role,
    buckets: readonly string[],
    actions: readonly string[],
  ): void {
    for (const action of actions) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `Same action family as the CDK bootstrap roles, limited to the CDK assets buckets of ${buckets.join(', ')}.`,
      });
    }
    for (const bucket of buckets) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:${nagPartition(this)}:s3:::${bucket}/*]`,
        reason: 'Asset object keys are content hashes known only when the assets are published.',
      });
    }
  }
}
