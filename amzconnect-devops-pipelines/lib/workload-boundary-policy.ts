import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { accessRolePath, Environment, workloadBoundaryName } from '@amzconnect/env';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';

/**
 * Services the workloads' own roles (functions, custom-resource providers, bots) call at run
 * time. Amazon Pinpoint (`mobiletargeting`) is deliberately absent: SMS goes through AWS End User
 * Messaging (`sms-voice`) only, so no role of any stack can be given Pinpoint's SendMessages
 * (`test/iam/workload-boundary.test.ts` evaluates the boundary with iam-simulate). A workload that
 * starts using a service not listed here needs it added, or its calls are denied.
 */
export const WORKLOAD_SERVICES: readonly string[] = [
  'comprehend',
  'connect',
  'dynamodb',
  'kms',
  'lambda',
  'lex',
  'logs',
  'polly',
  's3',
  'secretsmanager',
  'ses',
  'sms-voice',
  'sns',
  'sqs',
  'ssm',
  'xray',
];

/** Props of {@link WorkloadBoundaryPolicy}. */
export interface WorkloadBoundaryPolicyProps {
  /** The environment whose stacks' roles the boundary caps. */
  readonly environment: Pick<Environment, 'app' | 'name' | 'platformPrefix'>;
}

/**
 * The permissions boundary of every role the environment's stacks create: the workload services,
 * and never IAM, STS role chaining, Organizations or account settings. The execution role can
 * create or change a role only when it carries this boundary, and cannot edit the boundary
 * (it lives under {@link accessRolePath}, which the execution policy denies), so a template
 * cannot produce a role stronger than this.
 */
export class WorkloadBoundaryPolicy extends Construct {
  /** The managed policy. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: WorkloadBoundaryPolicyProps) {
    super(scope, id);
    const env = props.environment;
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: workloadBoundaryName(env),
      path: accessRolePath(env),
      description: `Permissions boundary of every role the ${env.name} stacks create`,
      statements: [
        new iam.PolicyStatement({
          sid: 'WorkloadServices',
          actions: WORKLOAD_SERVICES.map((s) => `${s}:*`),
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'NoIdentityOrAccountChanges',
          effect: iam.Effect.DENY,
          actions: ['iam:*', 'sts:AssumeRole', 'organizations:*', 'account:*'],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(this.policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'A permissions boundary grants nothing by itself; it caps what the stacks’ own policies (scoped per resource, checked by cdk-nag in each app) can ever allow.',
    });
    acknowledgeGuardRule(
      this.policy,
      'iam_managed_policy_no_statements_with_full_access_check',
      "A permissions boundary grants nothing by itself: its service-wide statements cap what the workloads' own policies (which name exact actions and resources) can ever allow.",
    );
    for (const service of WORKLOAD_SERVICES) {
      Validations.of(this.policy).acknowledge({
        id: `AwsSolutions-IAM5[Action::${service}:*]`,
        reason: `Boundary only: ${service} is a service the workloads call; their identity policies name the exact actions.`,
      });
    }
  }
}
