import { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Options of {@link createCustomerTableClient}. */
export interface CustomerTableClientOptions {
  /** Per-attempt socket timeout; the caller's abort signal bounds the whole call. */
  readonly requestTimeoutMs: number;
  /** @default the SDK's resolution (`AWS_ENDPOINT_URL_DYNAMODB`, then the Regional endpoint) */
  readonly endpoint?: string;
  /** @default the SDK's resolution (`AWS_REGION`) */
  readonly region?: string;
  /** @default the SDK's default chain (the function's role in Lambda) */
  readonly credentials?: DynamoDBClientConfig['credentials'];
}

/**
 * The document client the customer lookup uses: adaptive retries, short connection and request
 * timeouts, one instance per container (created at cold start, reused while warm).
 */
export function createCustomerTableClient(options: CustomerTableClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    retryMode: 'adaptive',
    maxAttempts: 3,
    endpoint: options.endpoint,
    region: options.region,
    credentials: options.credentials,
    requestHandler: {
      connectionTimeout: Math.min(1000, options.requestTimeoutMs),
      requestTimeout: options.requestTimeoutMs,
    },
  });
  return DynamoDBDocumentClient.from(client);
}
