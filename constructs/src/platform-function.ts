import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeGuardRule } from '@amzconnect/env/cdk';
import {
  CONNECT_INVOKE_LIMIT,
  defaultArchitecture,
  defaultBundling,
  defaultEnvironment,
  defaultLogRetention,
  defaultMemorySize,
  defaultProjectRoot,
  defaultRuntime,
  defaultTimeout,
  defaultTracing,
  PowertoolsLogLevel,
} from './function-defaults';

/** Properties of a {@link PlatformFunction}. */
export interface PlatformFunctionProps {
  /** Absolute path of the TypeScript handler file; it must export `handler`. */
  readonly entry: string;
  /** What the function does, shown in the Lambda console. */
  readonly description: string;
  /** Powertools service name (`POWERTOOLS_SERVICE_NAME`), e.g. `customer-lookup`; also names the role. */
  readonly serviceName: string;
  /** Powertools log level (`POWERTOOLS_LOG_LEVEL`). @default 'INFO' */
  readonly logLevel?: PowertoolsLogLevel;
  /**
   * Function-specific environment variables, merged over the shared defaults. Build them from
   * typed props in the stack; handlers read them once, in their config module.
   * @default none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 6 seconds when `invokedByFlows`, else 30 seconds */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** How long CloudWatch keeps the function's logs. @default three months */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Whether contact flows invoke the function. When true, the function is associated with the
   * instance (`AWS::Connect::IntegrationAssociation`) and `connect.amazonaws.com` may invoke it,
   * only from that instance and account; the timeout must then fit Connect's 8-second limit.
   * @default false
   */
  readonly invokedByFlows?: boolean;
  /** ARN of the Amazon Connect instance. Required when `invokedByFlows` is true. @default none */
  readonly connectInstanceArn?: string;
}

/**
 * The one way to define a Lambda function in this platform, in the sub-projects and the tooling
 * app alike: a `NodejsFunction` with the shared defaults (see `function-defaults.ts`), its own
 * log group with retention, and its own role that can write to that log group and nothing else
 * until the caller grants more.
 *
 * The log group and the role are created next to the function (ids `<id>LogGroup`, `<id>Role`),
 * because a subclass cannot create children before calling `super`.
 */
export class PlatformFunction extends NodejsFunction {
  /** The function's log group. */
  public readonly functionLogGroup: logs.LogGroup;
  /** The function's execution role. */
  public readonly executionRole: iam.Role;
  /** The association with the Connect instance, when `invokedByFlows`. */
  public readonly integrationAssociation?: connect.CfnIntegrationAssociation;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    const invokedByFlows = props.invokedByFlows ?? false;
    const timeout = props.timeout ?? defaultTimeout(invokedByFlows);
    checkProps(id, props, invokedByFlows, timeout);

    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? defaultLogRetention(),
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.serviceName}`,
    });

    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: defaultRuntime(),
      architecture: defaultArchitecture(),
      memorySize: props.memorySize ?? defaultMemorySize(),
      timeout,
      tracing: defaultTracing(),
      bundling: defaultBundling(),
      ...defaultProjectRoot(),
      logGroup,
      role,
      environment: {
        ...defaultEnvironment(props.serviceName, props.logLevel ?? 'INFO'),
        ...props.environment,
      },
    });
    this.functionLogGroup = logGroup;
    this.executionRole = role;

    logGroup.grantWrite(role);
    acknowledgeGuardRule(
      this,
      'lambda_inside_vpc_check',
      `${props.serviceName} calls only AWS service endpoints (and, when invoked, answers its caller); it reaches no private network resource, so a VPC would add NAT or interface endpoints only to reach public AWS APIs.`,
    );
    const retentionDays = props.logRetention ?? defaultLogRetention();
    if (retentionDays < logs.RetentionDays.ONE_YEAR) {
      acknowledgeGuardRule(
        logGroup,
        'cloudwatch_log_group_retention_period_check',
        `Operational logs of ${props.serviceName}, kept ${retentionDays} days (logRetention); the audit trail of changes is CloudTrail's, not these logs.`,
      );
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });

    if (invokedByFlows && props.connectInstanceArn) {
      const permission = this.permitConnect(props.connectInstanceArn);
      this.integrationAssociation = new connect.CfnIntegrationAssociation(this, 'ConnectAssociation', {
        instanceId: props.connectInstanceArn,
        integrationType: 'LAMBDA_FUNCTION',
        integrationArn: this.functionArn,
      });
      this.integrationAssociation.node.addDependency(permission);
    }
  }

  /** Lets Amazon Connect invoke the function, only from this instance in this account. */
  private permitConnect(instanceArn: string): Construct {
    this.addPermission('ConnectInvoke', {
      principal: new iam.ServicePrincipal('connect.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceArn: instanceArn,
      sourceAccount: Stack.of(this).account,
    });
    return this.node.findChild('ConnectInvoke');
  }
}

function checkProps(
  id: string,
  props: PlatformFunctionProps,
  invokedByFlows: boolean,
  timeout: Duration,
): void {
  if (invokedByFlows && !props.connectInstanceArn) {
    throw new Error(
      `PlatformFunction ${id}: invokedByFlows needs connectInstanceArn, the instance the flows run in.`,
    );
  }
  if (!invokedByFlows && props.connectInstanceArn) {
    throw new Error(
      `PlatformFunction ${id}: connectInstanceArn is only used with invokedByFlows: true; remove it or set invokedByFlows.`,
    );
  }
  if (invokedByFlows && timeout.toMilliseconds() > CONNECT_INVOKE_LIMIT.toMilliseconds()) {
    throw new Error(
      `PlatformFunction ${id}: timeout ${timeout.toHumanString()} exceeds Amazon Connect's 8-second limit for functions flows invoke; use at most 8 seconds.`,
    );
  }
}
