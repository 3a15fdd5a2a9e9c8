import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';

/**
 * Attempts per AWS call (first try included). GitHub waits 10 s for an answer, so retries on
 * throttling stay bounded and short; the SDK's adaptive mode also slows down client-side.
 */
export const AWS_MAX_ATTEMPTS = 3;

/**
 * Time limits per attempt, so that a hung connection fails fast instead of using the function's
 * (and GitHub's) 10 s: at most 3 attempts × (1 s to connect + 2 s for the answer) stays under
 * 10 s including the SDK's back-off. Without them the Node.js handler waits without limit
 * (`requestTimeout` and `connectionTimeout` of `NodeHttpHandler`, @smithy/node-http-handler,
 * both default 0 = no timeout; a request timeout throws only with `throwOnRequestTimeout`).
 */
export const AWS_CONNECTION_TIMEOUT_MS = 1_000;
export const AWS_REQUEST_TIMEOUT_MS = 2_000;

/** Client settings shared by every AWS client of the router and the release queue. */
export interface AwsClientOptions {
  /** Endpoint override (local fakes in tests). @default the AWS endpoint of the Region */
  readonly endpoint?: string;
  /** @default the Lambda's Region */
  readonly region?: string;
  /** Static credentials (local fakes in tests). @default the default provider chain */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** @default AWS_MAX_ATTEMPTS */
  readonly maxAttempts?: number;
  /** Per-attempt answer timeout. @default AWS_REQUEST_TIMEOUT_MS */
  readonly requestTimeoutMs?: number;
}

/** The settings every client gets; exported so a test can assert them. */
export function clientSettings(options: AwsClientOptions = {}) {
  return {
    retryMode: 'adaptive' as const,
    maxAttempts: options.maxAttempts ?? AWS_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: AWS_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? AWS_REQUEST_TIMEOUT_MS,
      // Without it a breached requestTimeout is only logged as a warning and the call waits on
      // (`throwOnRequestTimeout` of NodeHttpHandlerOptions, @smithy/types).
      throwOnRequestTimeout: true,
    },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}

export const createCodePipelineClient = (options: AwsClientOptions = {}) =>
  new CodePipelineClient(clientSettings(options));
export const createSecretsManagerClient = (options: AwsClientOptions = {}) =>
  new SecretsManagerClient(clientSettings(options));
export const createDynamoDbClient = (options: AwsClientOptions = {}) =>
  new DynamoDBClient(clientSettings(options));
export const createSnsClient = (options: AwsClientOptions = {}) => new SNSClient(clientSettings(options));
