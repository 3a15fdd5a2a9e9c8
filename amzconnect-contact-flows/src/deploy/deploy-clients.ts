import { ConnectClient, type ConnectClientConfig } from '@aws-sdk/client-connect';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { CallCounter } from './call-counter';
import { countClientCalls, failFastOnQuota, rateLimitClient } from './instrument-client';
import { TokenBucket } from './token-bucket';

/** The AWS clients a deployment uses; the Connect client is rate limited. */
export interface DeployClients {
  readonly connect: ConnectClient;
  readonly s3: S3Client;
  readonly lambda: LambdaClient;
  readonly ssm: SSMClient;
  /** Calls made through these clients, by operation. */
  readonly calls: CallCounter;
  /** The bucket every Connect call of the run takes a token from. */
  readonly bucket: TokenBucket;
}

/** Options of {@link createDeployClients}. */
export interface DeployClientsOptions {
  /** Region of the instance. */
  readonly region: string;
  /** Shared Connect token bucket. @default a new bucket at 2 requests per second, burst 5 */
  readonly bucket?: TokenBucket;
  /** Maximum attempts per Connect call (adaptive retry mode). @default 10 */
  readonly connectMaxAttempts?: number;
  /** Endpoint overrides, for local emulators. @default the AWS endpoints of `region` */
  readonly endpoints?: {
    readonly connect?: string;
    readonly s3?: string;
    readonly lambda?: string;
    readonly ssm?: string;
  };
  /** Static credentials, for local emulators. @default the default credential provider chain */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * The retry strategy of every client, given the attempts that client allows; for local
   * emulators, which answer at once. The SDK's own back-off sleeps between attempts (jittered,
   * from 100 ms and from 500 ms after throttling, doubling per attempt: `DefaultRetryBackoffStrategy`
   * of `@smithy/util-retry`), time a test against an emulator only spends waiting.
   * @default the SDK's adaptive mode (back-off and client-side rate limiting); S3 its standard mode
   */
  readonly retryStrategy?: (maxAttempts: number) => SdkRetryStrategy;
}

/** A retry strategy an AWS SDK v3 client accepts. */
export type SdkRetryStrategy = NonNullable<ConnectClientConfig['retryStrategy']>;

/** The SDK's default number of attempts (`DEFAULT_MAX_ATTEMPTS` of `@smithy/util-retry`), given to {@link DeployClientsOptions.retryStrategy} for the clients that keep it. */
const SDK_DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Creates the clients of one run. Connect uses the SDK's adaptive retry mode (client-side rate
 * limiting that backs off on 429) and, in front of every attempt, the run's token bucket.
 */
export function createDeployClients(options: DeployClientsOptions): DeployClients {
  const calls = new CallCounter();
  const bucket = options.bucket ?? new TokenBucket();
  const common = {
    region: options.region,
    ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
  };
  // Without a strategy of the caller's, exactly the SDK settings a deployment uses.
  const retry = <T extends object>(production: T, maxAttempts = SDK_DEFAULT_MAX_ATTEMPTS) =>
    options.retryStrategy ? { retryStrategy: options.retryStrategy(maxAttempts) } : production;
  const connectAttempts = options.connectMaxAttempts ?? 10;
  const connect = new ConnectClient({
    ...common,
    endpoint: options.endpoints?.connect,
    ...retry({ retryMode: 'adaptive', maxAttempts: connectAttempts }, connectAttempts),
  });
  const s3 = new S3Client({
    ...common,
    endpoint: options.endpoints?.s3,
    forcePathStyle: !!options.endpoints?.s3,
    ...retry({}),
  });
  const lambda = new LambdaClient({
    ...common,
    endpoint: options.endpoints?.lambda,
    ...retry({ retryMode: 'adaptive' }),
  });
  const ssm = new SSMClient({
    ...common,
    endpoint: options.endpoints?.ssm,
    ...retry({ retryMode: 'adaptive' }),
  });
  rateLimitClient(connect, bucket);
  failFastOnQuota(connect);
  countClientCalls(connect, calls, 'connect');
  countClientCalls(s3, calls, 's3');
  countClientCalls(lambda, calls, 'lambda');
  countClientCalls(ssm, calls, 'ssm');
  return { connect, s3, lambda, ssm, calls, bucket };
}
