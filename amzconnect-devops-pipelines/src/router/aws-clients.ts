import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Attempts per AWS call (first try included). GitHub waits 10 s for an answer, so retries on
 * throttling stay bounded and short; the SDK's adaptive mode also slows down client-side.
 */
export const AWS_MAX_ATTEMPTS = 3;

/** Client settings shared by every AWS client of the router and the plan continuer. */
export interface AwsClientOptions {
  /** Endpoint override (local fakes in tests). @default the AWS endpoint of the Region */
  readonly endpoint?: string;
  /** @default the Lambda's Region */
  readonly region?: string;
  /** Static credentials (local fakes in tests). @default the default provider chain */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** @default AWS_MAX_ATTEMPTS */
  readonly maxAttempts?: number;
}

function settings(options: AwsClientOptions) {
  return {
    retryMode: 'adaptive' as const,
    maxAttempts: options.maxAttempts ?? AWS_MAX_ATTEMPTS,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}

export const createCodePipelineClient = (options: AwsClientOptions = {}) =>
  new CodePipelineClient(settings(options));
export const createSecretsManagerClient = (options: AwsClientOptions = {}) =>
  new SecretsManagerClient(settings(options));
export const createDynamoDbClient = (options: AwsClientOptions = {}) => new DynamoDBClient(settings(options));
