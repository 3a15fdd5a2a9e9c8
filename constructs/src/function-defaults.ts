import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BundlingOptions, LogLevel, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';

import { REPO_ROOT } from '@amzconnect/env';

/**
 * The defaults every function of the platform shares (the sub-projects' functions, the webhook
 * router, the plan continuer), as pure functions so that each one is read, tested and changed in
 * one place (the aws-solutions-constructs `lambda-defaults` way).
 */

/** Log levels the Powertools logger understands. */
export type PowertoolsLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Amazon Connect waits at most 8 seconds for a function a flow invokes. */
export const CONNECT_INVOKE_LIMIT = Duration.seconds(8);

/** The newest Node.js runtime aws-cdk-lib 2.276 knows, pinned (not `NODEJS_LATEST`) so a CDK upgrade never changes it silently. */
export function defaultRuntime(): lambda.Runtime {
  return lambda.Runtime.NODEJS_24_X;
}

/** Graviton: cheaper per millisecond and at least as fast for these I/O-bound handlers. */
export function defaultArchitecture(): lambda.Architecture {
  return lambda.Architecture.ARM_64;
}

/**
 * esbuild options. The AWS SDK v3 is bundled (`bundleAwsSDK`): the runtime's copy is whatever
 * version AWS ships that week, while a bundled, tree-shaken copy is the exact version the tests
 * ran against (dynalite, the local S3 endpoint) and loads from one file. The bench measures the
 * cost (bundle size, cold module-load time).
 */
export function defaultBundling(): BundlingOptions {
  return {
    minify: true,
    target: 'node24',
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    sourcesContent: false,
    format: OutputFormat.CJS,
    bundleAwsSDK: true,
    externalModules: [],
    // Bundle-size reports would drown the synth summary; esbuild still prints warnings and errors.
    logLevel: LogLevel.WARNING,
  };
}

/**
 * Where esbuild resolves modules from and which lock file pins them: the repository root, the one
 * npm workspace install every package shares.
 */
export function defaultProjectRoot(): { readonly projectRoot: string; readonly depsLockFilePath: string } {
  return { projectRoot: REPO_ROOT, depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json') };
}

/** Timeout: 6 s for flow-invoked functions (under Connect's 8 s), 30 s otherwise. */
export function defaultTimeout(invokedByFlows: boolean): Duration {
  return invokedByFlows ? Duration.seconds(6) : Duration.seconds(30);
}

/** 512 MB: Lambda allocates CPU with memory, and cold starts on a live call matter more than cents. */
export function defaultMemorySize(): number {
  return 512;
}

/** Three months of logs, then CloudWatch deletes them. */
export function defaultLogRetention(): logs.RetentionDays {
  return logs.RetentionDays.THREE_MONTHS;
}

/** Active X-Ray tracing. */
export function defaultTracing(): lambda.Tracing {
  return lambda.Tracing.ACTIVE;
}

/**
 * Environment every function gets: Powertools' service name and log level, and source maps for
 * readable stack traces. Function-specific variables are merged over it.
 */
export function defaultEnvironment(
  serviceName: string,
  logLevel: PowertoolsLogLevel,
): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: serviceName,
    POWERTOOLS_LOG_LEVEL: logLevel,
    NODE_OPTIONS: '--enable-source-maps',
  };
}
