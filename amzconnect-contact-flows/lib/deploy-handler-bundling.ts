import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * Runtime, architecture and esbuild options of the contact-flows stack's deploy-time handlers
 * (the flow provisioner, the queue quick-connect associations): the pinned Node.js 24 runtime on
 * Graviton, minified CommonJS with source maps, and the AWS SDK bundled, so each handler runs the
 * exact SDK version the tests ran against.
 */
export const DEPLOY_HANDLER_RUNTIME = {
  runtime: lambda.Runtime.NODEJS_24_X,
  architecture: lambda.Architecture.ARM_64,
} as const;

/** See {@link DEPLOY_HANDLER_RUNTIME}. */
export const DEPLOY_HANDLER_BUNDLING: BundlingOptions = {
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  format: OutputFormat.CJS,
  bundleAwsSDK: true,
};
