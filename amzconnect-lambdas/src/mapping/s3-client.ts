import { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

/** Options of {@link createMappingS3Client}. */
export interface MappingS3ClientOptions {
  /** @default the SDK's resolution (`AWS_ENDPOINT_URL_S3`, then the Regional endpoint) */
  readonly endpoint?: string;
  /** @default the SDK's resolution (`AWS_REGION`) */
  readonly region?: string;
  /** @default the SDK's default chain (the function's role in Lambda) */
  readonly credentials?: S3ClientConfig['credentials'];
  /** Path-style addressing, for local endpoints. @default false */
  readonly forcePathStyle?: boolean;
}

/** The S3 client the mapping function reads its document with, once per container. */
export function createMappingS3Client(options: MappingS3ClientOptions = {}): S3Client {
  return new S3Client({
    retryMode: 'adaptive',
    maxAttempts: 3,
    endpoint: options.endpoint,
    region: options.region,
    credentials: options.credentials,
    forcePathStyle: options.forcePathStyle,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
  });
}
