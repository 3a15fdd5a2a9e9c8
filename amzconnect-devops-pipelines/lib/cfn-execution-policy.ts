import * as iam from 'aws-cdk-lib/aws-iam';
import { Environment } from '@amzconnect/env';

/**
 * Services whose resources the sub-project stacks create. CloudFormation, acting with the
 * execution role, may manage any resource of these services in the target account; nothing else.
 */
export const MANAGED_SERVICES: readonly string[] = [
  'apigateway',
  'cloudwatch',
  'connect',
  'ds', // Amazon Connect creates a directory for CONNECT_MANAGED identity
  'dynamodb',
  'events',
  'kms',
  'lambda',
  'lex',
  'logs',
  'profile',
  's3',
  'secretsmanager',
  'ses',
  'sms-voice',
  'sns',
  'sqs',
  'ssm',
  'xray',
];

/** IAM actions CloudFormation needs for the roles the stacks create. */
const ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListRolePolicies',
  'iam:PassRole',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRoleDescription',
];

/** Service-linked roles the managed services create on first use. */
export const SERVICE_LINKED_ROLE_SERVICES: readonly string[] = [
  'connect.amazonaws.com',
  'lexv2.amazonaws.com',
  'profile.amazonaws.com',
];

/**
 * The statements of the CloudFormation execution policy for one environment's account: the
 * managed services, plus IAM limited to roles whose names start with the app prefix (CDK names
 * roles after their stack, and every platform stack is named `<app>-...`) and to the
 * service-linked roles of Connect, Lex and Customer Profiles. No `NotAction`, no `iam:*`.
 */
export function cfnExecutionPolicyStatements(
  env: Pick<Environment, 'app' | 'account'>,
  partition = 'aws',
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ManageContactCenterServices',
      actions: MANAGED_SERVICES.map((s) => `${s}:*`),
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'ManagePlatformRoles',
      actions: ROLE_ACTIONS,
      resources: [`arn:${partition}:iam::${env.account}:role/${env.app}-*`],
    }),
    new iam.PolicyStatement({
      sid: 'CreateServiceLinkedRoles',
      actions: ['iam:CreateServiceLinkedRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'],
      resources: [`arn:${partition}:iam::${env.account}:role/aws-service-role/*`],
      conditions: { StringLike: { 'iam:AWSServiceName': [...SERVICE_LINKED_ROLE_SERVICES] } },
    }),
  ];
}
