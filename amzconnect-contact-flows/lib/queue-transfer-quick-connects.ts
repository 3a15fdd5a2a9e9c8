import * as path from 'path';
import { CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeGuardRule, iam5Resource } from '@amzconnect/env/cdk';
import { DEPLOY_HANDLER_BUNDLING, DEPLOY_HANDLER_RUNTIME } from './deploy-handler-bundling';

/** Properties of a {@link QueueTransferQuickConnects}. */
export interface QueueTransferQuickConnectsProps {
  /** ARN of the environment's Connect instance. */
  readonly instanceArn: string;
  /** ARN of the deployed QUEUE_TRANSFER flow the quick connects run (`ContactFlowsStack.flowArn`). */
  readonly transferFlowArn: string;
  /** Repository name of that flow, for descriptions. */
  readonly transferFlowName: string;
  /**
   * The queues, by name, with their ARNs: each gets a quick connect to it, shown to agents on
   * contacts of every other queue of the list. Created and adopted queues alike (their ARNs come
   * from the instance stack's SSM parameters).
   */
  readonly queues: ReadonlyMap<string, string>;
  /** What the quick connects carry, e.g. `Email` → `Email to ACME_Sales`. */
  readonly label: string;
}

/**
 * Most queues whose ARNs (and their quick connects' ARNs) the handler's policy lists one by one:
 * about 250 characters per queue against IAM's 10,240 characters of inline policy per role (IAM
 * User Guide, "IAM and AWS STS quotas"). Beyond it the policy names the instance's queues and
 * quick connects (`<instance>/queue/*`, `<instance>/transfer-destination/*`).
 */
export const MAX_QUEUES_BY_ARN = 25;

/** The source of the association handler. */
export const QUEUE_QUICK_CONNECTS_ENTRY = path.join(__dirname, '..', 'src', 'quick-connects', 'handler.ts');

/**
 * Queue quick connects for one transfer flow, visible to agents where they work.
 *
 * - One `AWS::Connect::QuickConnect` of type QUEUE per queue, `QueueConfig { ContactFlowArn,
 *   QueueArn }` (CloudFormation reference, AWS::Connect::QuickConnect QueueQuickConnectConfig:
 *   "The flow must be of type Transfer to Queue").
 * - Agents see a quick connect only on contacts of queues it is associated with. The queues
 *   belong to the earlier instance stack, so the Queue's `QuickConnectArns` cannot name these
 *   (a cross-stack cycle); a `Custom::QueueQuickConnects` resource calls
 *   `AssociateQueueQuickConnects` / `DisassociateQueueQuickConnects` instead
 *   (`src/quick-connects/`): Create associates, Update changes only the pairs that changed,
 *   Delete disassociates.
 * - The handler's role may call those two actions on these queues and quick connects only: both
 *   actions require the queue and the quick-connect resource types (Service Authorization
 *   Reference, Amazon Connect), and every ARN is known at synthesis. Beyond
 *   {@link MAX_QUEUES_BY_ARN} queues, on this instance's queues and quick connects.
 */
export class QueueTransferQuickConnects extends Construct {
  /** The quick connects, by target queue name. */
  public readonly quickConnects: ReadonlyMap<string, connect.CfnQuickConnect>;
  /** The association resource. */
  public readonly associations: CustomResource;
  /** The association handler. */
  public readonly handler: NodejsFunction;
  /** Role of the handler. */
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: QueueTransferQuickConnectsProps) {
    super(scope, id);
    const quickConnects = new Map<string, connect.CfnQuickConnect>();
    for (const [name, queueArn] of props.queues) {
      quickConnects.set(
        name,
        new connect.CfnQuickConnect(this, `QuickConnect${name}`, {
          instanceArn: props.instanceArn,
          name: `${props.label} to ${name}`,
          description: `Transfers the contact to queue ${name} through flow ${props.transferFlowName}`,
          quickConnectConfig: {
            quickConnectType: 'QUEUE',
            queueConfig: { contactFlowArn: props.transferFlowArn, queueArn },
          },
        }),
      );
    }
    this.quickConnects = quickConnects;
    const associations = [...props.queues].map(([from, queueArn]) => ({
      QueueArn: queueArn,
      QuickConnectArns: [...quickConnects]
        .filter(([to]) => to !== from)
        .map(([, qc]) => qc.attrQuickConnectArn),
    }));

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Associates the ${props.label} quick connects with their queues`,
    });
    const exact = props.queues.size <= MAX_QUEUES_BY_ARN;
    const resources = exact
      ? [...props.queues.values(), ...[...quickConnects.values()].map((qc) => qc.attrQuickConnectArn)]
      : [`${props.instanceArn}/queue/*`, `${props.instanceArn}/transfer-destination/*`];
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'QueueQuickConnectsOfTheseQueues',
        actions: ['connect:AssociateQueueQuickConnects', 'connect:DisassociateQueueQuickConnects'],
        resources,
      }),
    );
    if (!exact) {
      const reason = `${props.queues.size} queues and as many quick connects by ARN would exceed IAM's 10,240 characters of inline policy per role (IAM and AWS STS quotas); scoped to this instance's queues and quick connects, and to the two association actions.`;
      Validations.of(this.role).acknowledge(
        ...resources.map((r) => ({ id: iam5Resource(Stack.of(this), r), reason })),
      );
    }
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    logGroup.grantWrite(this.role);
    acknowledgeShortRetention(logGroup, 'the queue quick-connect association handler');
    this.handler = new NodejsFunction(this, 'Handler', {
      entry: QUEUE_QUICK_CONNECTS_ENTRY,
      handler: 'onEvent',
      description: `Custom::QueueQuickConnects: shows the ${props.label} quick connects on their queues`,
      ...DEPLOY_HANDLER_RUNTIME,
      timeout: Duration.minutes(5),
      memorySize: 256,
      role: this.role,
      logGroup,
      bundling: DEPLOY_HANDLER_BUNDLING,
    });
    acknowledgeGuardRule(
      this.handler,
      'lambda_inside_vpc_check',
      'The association handler calls only the Amazon Connect API at deploy time; it reaches no private network resource.',
    );
    const frameworkLogs = new logs.LogGroup(this, 'FrameworkLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
    });
    acknowledgeShortRetention(frameworkLogs, "CDK's Provider framework function");
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler,
      logGroup: frameworkLogs,
    });
    this.acknowledgeFramework(provider);
    this.associations = new CustomResource(this, 'Associations', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::QueueQuickConnects',
      properties: { Associations: associations },
    });
  }

  /** The Provider framework's function, found by type under the Provider's scope: one acknowledgement per finding. */
  private acknowledgeFramework(provider: cr.Provider): void {
    const stack = Stack.of(this);
    for (const fn of provider.node
      .findAll()
      .filter((c): c is lambda.Function => c instanceof lambda.Function)) {
      Validations.of(fn).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'CDK Provider framework function: its role carries only the AWS managed basic execution policy (its own CloudWatch Logs); it relays requests to the association handler and calls no Connect API.',
        },
        {
          id: iam5Resource(stack, `${this.handler.functionArn}:*`),
          reason:
            'The framework invokes the association handler by ARN including its versions and aliases (`:*`); that one function only.',
        },
      );
    }
  }
}

/** Acknowledges Control Tower's one-year log retention on a deploy-time log group kept three months. */
function acknowledgeShortRetention(logGroup: logs.LogGroup, what: string): void {
  acknowledgeGuardRule(
    logGroup,
    'cloudwatch_log_group_retention_period_check',
    `Logs of ${what}, kept three months: they explain a failed deployment; CloudTrail records every association call.`,
  );
}
