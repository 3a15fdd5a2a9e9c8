import * as path from 'path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { REPO_ROOT } from '@amzconnect/env';
import { HANDLER_BUNDLING } from './router-bundling';

/** Props of {@link RouterFunction}. */
export interface RouterFunctionProps {
  /** Handler source file (TypeScript), exporting `handler`. */
  readonly entry: string;
  /** What the function does, for the console. */
  readonly description: string;
  /** Environment variables (computed at synth, never secrets). */
  readonly environment: Record<string, string>;
  /** @default 10 seconds (GitHub waits 10 s for a webhook answer) */
  readonly timeout?: Duration;
  /** @default 512 MiB (more CPU for a faster cold start) */
  readonly memorySize?: number;
  /** @default three months */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A Node.js Lambda function with the platform's secure defaults in one place: arm64, the latest
 * Node.js runtime CDK knows, X-Ray tracing, its own log group with retention, and its own role
 * with no managed policy (only write access to that log group; callers add what they need).
 */
export class RouterFunction extends NodejsFunction {
  /** The function's execution role. */
  public readonly executionRole: iam.Role;
  /** The function's log group. */
  public readonly functionLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RouterFunctionProps) {
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      role,
      logGroup,
      environment: props.environment,
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        minify: HANDLER_BUNDLING.minify,
        target: HANDLER_BUNDLING.target,
        format: OutputFormat.CJS,
        mainFields: [...HANDLER_BUNDLING.mainFields],
        externalModules: [...HANDLER_BUNDLING.external],
        sourceMap: HANDLER_BUNDLING.sourcemap,
        logLevel: LogLevel.WARNING,
      },
    });
    this.executionRole = role;
    this.functionLogGroup = logGroup;
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions; CDK adds them for active tracing.',
    });
  }
}
