import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  BOOTSTRAP_QUALIFIER,
  Environment,
  targetRoleNames,
  toolingDeployRoleArn,
  ToolingAccount,
} from '@amzconnect/env';
import { cfnExecutionPolicyStatements, MANAGED_SERVICES } from './cfn-execution-policy';
import { pullRequestCheckRoleArn } from './pull-request-checks';

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
  /** The tooling account whose deploy role is trusted. */
  readonly tooling: ToolingAccount;
}

/**
 * Deployed once into each target account (by an administrator of that account), after
 * `cdk bootstrap` without `--trust`: the three roles through which the tooling account deploys
 * the environment. The deploy and publish roles trust exactly the tooling account's deploy role
 * for this environment, not the whole tooling account; the execution role carries the scoped
 * CloudFormation execution policy.
 */
export class TargetAccountAccessStack extends Stack {
  public readonly deployRole: iam.Role;
  public readonly publishRole: iam.Role;
  public readonly executionRole: iam.Role;
  /** Reads the instance for the flow plan shown before approval; never writes. */
  public readonly flowPlanRole: iam.Role;

  constructor(scope: Construct, id: string, props: TargetAccountAccessStackProps) {
    super(scope, id, props);
    const env = props.environment;
    const names = targetRoleNames(env);
    const trusted = new iam.ArnPrincipal(toolingDeployRoleArn(props.tooling, env));
    const assetBuckets = env.regions.map(
      (region) => `cdk-${BOOTSTRAP_QUALIFIER}-assets-${env.account}-${region}`,
    );
    const assetResources = assetBuckets.flatMap((name) => [
      `arn:${this.partition}:s3:::${name}`,
      `arn:${this.partition}:s3:::${name}/*`,
    ]);
    const stackArns = env.regions.map(
      (region) =>
        `arn:${this.partition}:cloudformation:${region}:${env.account}:stack/${env.app}-*-${env.name}-${region}/*`,
    );

    const executionPolicy = new iam.ManagedPolicy(this, 'ExecutionPolicy', {
      managedPolicyName: `${env.app}-${env.name}-cfn-execution`,
      description: `What CloudFormation may do when deploying the ${env.name} environment`,
      statements: cfnExecutionPolicyStatements(env, this.partition),
    });
    Validations.of(executionPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudFormation execution policy: the stacks create resources whose names are generated at deploy time, so the services the platform manages are allowed on any resource of this account; IAM is limited to the app prefix.',
    });
    for (const action of MANAGED_SERVICES) {
      Validations.of(executionPolicy).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}:*]`,
        reason: `CloudFormation creates, updates and retains ${action} resources of the contact center; the execution role is assumed only by CloudFormation.`,
      });
    }
    Validations.of(executionPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::${env.account}:role/${env.app}-*]`,
      reason:
        'Roles created by the platform stacks are named after their stack, which always starts with the app prefix.',
    });
    Validations.of(executionPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::${env.account}:role/aws-service-role/*]`,
      reason:
        'Service-linked roles, restricted by the iam:AWSServiceName condition to Connect, Lex and Customer Profiles.',
    });

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      roleName: names.execution,
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
      managedPolicies: [executionPolicy],
      description: `CloudFormation execution role for the ${env.name} environment`,
    });

    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: names.deploy,
      assumedBy: trusted,
      description: `Assumed by the tooling account's ${env.name} deploy project to run CloudFormation`,
    });
    this.deployRole.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ actions: ['sts:TagSession'], principals: [trusted] }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DeployEnvironmentStacks',
        actions: [
          'cloudformation:CreateChangeSet',
          'cloudformation:DeleteChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:DescribeStackEvents',
          'cloudformation:DescribeStacks',
          'cloudformation:ExecuteChangeSet',
          'cloudformation:GetTemplate',
          'cloudformation:UpdateTerminationProtection',
        ],
        resources: stackArns,
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
      }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAssetsAndBootstrapVersion',
        actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
        resources: assetResources,
      }),
    );
    this.deployRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: env.regions.map(
          (region) =>
            `arn:${this.partition}:ssm:${region}:${env.account}:parameter/cdk-bootstrap/${BOOTSTRAP_QUALIFIER}/version`,
        ),
      }),
    );
    Validations.of(this.deployRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'DescribeStacks, GetTemplateSummary and ValidateTemplate do not support resource-level permissions.',
    });
    for (const region of env.regions) {
      Validations.of(this.deployRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:${region}:${env.account}:stack/${env.app}-*-${env.name}-${region}/*]`,
        reason: `The ${env.name} stacks in ${region} (every sub-project); stack ARNs end in a generated id.`,
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
      new iam.CompositePrincipal(trusted, new iam.ArnPrincipal(pullRequestCheckRoleArn(props.tooling))),
    );

    this.publishRole = new iam.Role(this, 'PublishRole', {
      roleName: names.publish,
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
      assumedBy: trusted,
      description: `Assumed by the tooling account's ${env.name} deploy project to compute the contact-flow plan (read-only)`,
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
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:connect:${region}:${env.account}:instance/*]`,
        reason:
          'The instance id is created by the instance stack after this stack; the actions are read-only (List, Describe, Search).',
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:${region}:${env.account}:parameter/${env.app}/${env.name}/*]`,
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
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket}/*]`,
        reason: 'Asset object keys are content hashes known only when the assets are published.',
      });
    }
  }
}
