import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { ConnectClient } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Options of the channel's clients; tests point them at local endpoints. */
export interface ChannelClientOptions {
  /** @default the SDK's resolution (`AWS_REGION`) */
  readonly region?: string;
  /** @default the SDK's default chain (the function's role in Lambda) */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Endpoint per service, for local endpoints. @default the Regional endpoints */
  readonly endpoints?: { readonly s3?: string; readonly dynamodb?: string };
}

const common = (o: ChannelClientOptions) => ({
  region: o.region,
  credentials: o.credentials,
  retryMode: 'adaptive' as const,
  maxAttempts: 3,
});

/** S3 client of the mail bucket (path-style when an endpoint is given). */
export function createMailS3Client(o: ChannelClientOptions = {}): S3Client {
  return new S3Client({
    ...common(o),
    endpoint: o.endpoints?.s3,
    forcePathStyle: o.endpoints?.s3 !== undefined,
  });
}

/** Document client of the interaction table (empty values removed, sets kept). */
export function createCaseDocumentClient(o: ChannelClientOptions = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ ...common(o), endpoint: o.endpoints?.dynamodb }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export const createComprehendClient = (o: ChannelClientOptions = {}) => new ComprehendClient(common(o));
export const createConnectClient = (o: ChannelClientOptions = {}) => new ConnectClient(common(o));
export const createSesClient = (o: ChannelClientOptions = {}) => new SESv2Client(common(o));
