import * as path from 'path';
import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeGuardRule, iam5Resource } from '@amzconnect/env/cdk';
import { DEPLOY_HANDLER_BUNDLING, DEPLOY_HANDLER_RUNTIME } from './deploy-handler-bundling';
import { cdkAssetsBucketName, flowProvisionerStatements } from './flow-provisioner-statements';

/** Properties of a {@link FlowProvisioner}. */
export interface FlowProvisionerProps {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly envName: string;
  /** ARN of the environment's Connect instance (from SSM). */
  readonly connectInstanceArn: string;
  /** Name of the environment's versioned flow bucket (from SSM). */
  readonly flowBucketName: string;
  /** ARN of the mapping function the engine pins to each published mapping (from SSM). */
  readonly mappingFunctionArn: string;
  /**
   * Longest a Create or Update may take, across isComplete calls: the Provider framework allows at
   * most 1 hour. At 2 requests per second that is about 7,000 writes; larger first deploys run
   * with `npm run flows -- deploy` (same engine, same lock). @default 55 minutes
   */
  readonly totalTimeout?: Duration;
}

/** The source of both handlers. */
export const FLOW_PROVISIONER_ENTRY = path.join(__dirname, '..', 'src', 'provisioner', 'handler.ts');

/**
 * The `Custom::ContactFlows` provider, shipped with the engine it runs (same sub-project, same
 * release): the CDK Provider framework with an `onEvent` handler that only decides and an
 * `isComplete` handler polled every 30 s, each call one bounded run of the engine (see
 * `src/provisioner/handler.ts`). Both handlers share one role scoped to this environment.
 */
export class FlowProvisioner extends Construct {
  /** The service token for the custom resource. */
  public readonly serviceToken: string;
  /** Role of both handlers. */
  public readonly role: iam.Role;
  /** The run's isComplete handler (the one that writes). */
  public readonly isCompleteHandler: NodejsFunction;
  /** The onEvent handler. */
  public readonly onEventHandler: NodejsFunction;
  /** The framework's provider. */
  public readonly provider: cr.Provider;
  /** Total timeout of one Create or Update. */
  public readonly totalTimeout: Duration;

  constructor(scope: Construct, id: string, props: FlowProvisionerProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.totalTimeout = props.totalTimeout ?? Duration.minutes(55);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Flow provisioner of ${props.app} ${props.envName}`,
    });
    const statements = flowProvisionerStatements({
      partition: stack.partition,
      account: stack.account,
      region: stack.region,
      app: props.app,
      envName: props.envName,
      connectInstanceArn: props.connectInstanceArn,
      flowBucketName: props.flowBucketName,
      mappingFunctionArn: props.mappingFunctionArn,
    });
    statements.forEach((s) => this.role.addToPolicy(s));
    const handler = (name: 'onEvent' | 'isComplete', timeout: Duration, memorySize: number) => {
      const logGroup = new logs.LogGroup(this, `${name}Logs`, { retention: logs.RetentionDays.THREE_MONTHS });
      logGroup.grantWrite(this.role);
      acknowledgeShortRetention(logGroup, `the provisioner's ${name} handler`);
      const fn = new NodejsFunction(this, name, {
        entry: FLOW_PROVISIONER_ENTRY,
        handler: name,
        description: `Contact flows of ${props.app} ${props.envName}: Custom::ContactFlows ${name}`,
        ...DEPLOY_HANDLER_RUNTIME,
        timeout,
        memorySize,
        role: this.role,
        logGroup,
        environment: { RUN_LOCK_BUCKET: cdkAssetsBucketName(stack.account, stack.region) },
        bundling: DEPLOY_HANDLER_BUNDLING,
      });
      acknowledgeGuardRule(
        fn,
        'lambda_inside_vpc_check',
        `The provisioner's ${name} handler calls only the Amazon Connect, S3, SSM and Lambda APIs at deploy time; it reaches no private network resource.`,
      );
      return fn;
    };
    this.onEventHandler = handler('onEvent', Duration.minutes(1), 256);
    this.isCompleteHandler = handler('isComplete', Duration.minutes(15), 1024);
    const frameworkLogs = new logs.LogGroup(this, 'FrameworkLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
    });
    acknowledgeShortRetention(frameworkLogs, "CDK's Provider framework functions");
    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.onEventHandler,
      isCompleteHandler: this.isCompleteHandler,
      queryInterval: Duration.seconds(30),
      totalTimeout: this.totalTimeout,
      logGroup: frameworkLogs,
    });
    this.serviceToken = this.provider.serviceToken;
    acknowledgeWildcards(this.role, statements);
    this.acknowledgeFramework();
  }

  /**
   * The CDK Provider framework's own functions and state machine: one acknowledgement per finding.
   * They are found by type under the Provider's scope (every `lambda.Function` there is a framework
   * function — the handlers live in this construct — and the one state machine resource is the
   * waiter), never by the CDK's internal construct ids.
   */
  private acknowledgeFramework(): void {
    const stack = Stack.of(this);
    const invokes = (fn: lambda.IFunction, what: string) => ({
      id: iam5Resource(stack, `${fn.functionArn}:*`),
      reason: `The framework invokes ${what} by ARN including its versions and aliases (\`:*\`); that one function of this construct only.`,
    });
    const inProvider = this.provider.node.findAll();
    const frameworkFunctions = inProvider.filter((c): c is lambda.Function => c instanceof lambda.Function);
    for (const fn of frameworkFunctions) {
      Validations.of(fn).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'CDK Provider framework function: its role carries only the AWS managed basic execution policy (its own CloudWatch Logs); it runs no engine code and touches no flow.',
        },
        invokes(this.onEventHandler, 'the onEvent handler'),
        invokes(this.isCompleteHandler, 'the isComplete handler'),
      );
    }
    const waiters = inProvider.filter(
      (c): c is CfnResource =>
        CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::StepFunctions::StateMachine',
    );
    if (waiters.length !== 1 || !waiters[0].node.scope) {
      throw new Error(
        `FlowProvisioner: expected the Provider's one waiter state machine, found ${waiters.length}.`,
      );
    }
    const waiter = waiters[0].node.scope;
    // The waiter invokes the framework's isComplete and timeout functions; the acknowledgement
    // names each framework function by ARN (one that the waiter does not invoke has no finding).
    Validations.of(waiter).acknowledge(
      ...frameworkFunctions.map((fn) => invokes(fn, `the framework function ${fn.node.id}`)),
      {
        id: 'AwsSolutions-SF1',
        reason:
          'The waiter only retries the isComplete call on a timer; every run is logged in full by the isComplete handler, and the waiter logs errors to its log group.',
      },
      {
        id: 'AwsSolutions-SF2',
        reason:
          'The CDK Provider framework offers no X-Ray switch for its waiter; it only retries one Lambda call on a timer, whose run report and logs record what each call did.',
      },
    );
    acknowledgeGuardRule(
      waiters[0],
      'step_functions_state_machine_logging_enabled_check',
      'The waiter only retries the isComplete call on a timer; every run is logged in full by the isComplete handler, and the waiter logs errors to its log group.',
    );
    acknowledgeGuardRule(
      waiters[0],
      'step_functions_state_machine_tracing_enabled_check',
      'The CDK Provider framework offers no X-Ray switch for its waiter; it only retries one Lambda call on a timer, whose run report and logs record what each call did.',
    );
  }
}

/** Acknowledges Control Tower's one-year log retention on a deploy-time log group kept three months. */
function acknowledgeShortRetention(logGroup: logs.LogGroup, what: string): void {
  acknowledgeGuardRule(
    logGroup,
    'cloudwatch_log_group_retention_period_check',
    `Logs of ${what}, kept three months: they explain a failed deployment; the audit trail of what changed is CloudTrail's and the run reports'.`,
  );
}

/** One acknowledgement per wildcard of the provisioner's policy, each with its own reason. */
function acknowledgeWildcards(role: iam.Role, statements: readonly iam.PolicyStatement[]): void {
  const stack = Stack.of(role);
  const bySid = (sid: string) => statements.find((s) => s.sid === sid) as iam.PolicyStatement;
  const reasons: Record<string, string> = {
    ConnectFlowsOfThisInstance:
      'Flows, modules and the resources they reference are created and looked up at deploy time, so their ids are unknown; every resource is inside this one instance.',
    FlowBucketObjects:
      'Flow content is saved before each overwrite under a key per flow and run; objects of the flow bucket only.',
    CdkAssetObjects:
      "CDK assets are content-addressed (hash-named) objects staged at synthesis; read-only, this account and Region's bootstrap bucket only.",
    EnvironmentParameters:
      'The engine resolves references (queues, hours, Lex aliases, functions) through the SSM parameters of this app and environment only.',
  };
  const acks = Object.entries(reasons).flatMap(([sid, reason]) =>
    bySid(sid)
      .resources.filter((r) => r.endsWith('/*'))
      .map((r) => ({ id: iam5Resource(stack, r), reason })),
  );
  Validations.of(role).acknowledge(
    ...acks,
    {
      id: 'AwsSolutions-IAM5[Action::connect:List*]',
      reason:
        'The engine lists every kind of resource of the instance (flows, modules, queues, prompts, hours, bots, functions); read-only, this instance only.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::connect:Describe*]',
      reason:
        'The engine reads the deployed content of flows and modules to plan changes; read-only, this instance only.',
    },
  );
}
