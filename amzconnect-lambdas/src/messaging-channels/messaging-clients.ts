import { ConnectClient } from '@aws-sdk/client-connect';
import { ConnectParticipantClient } from '@aws-sdk/client-connectparticipant';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where and how clients connect; everything defaults to the SDK's resolution (the function's role and Region in Lambda). */
export interface ClientOptions {
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * Shared client settings: the SDK's adaptive retry mode (exponential backoff with jitter plus a
 * client-side rate limiter that slows down on throttling errors, e.g. Connect's
 * `ThrottlingException` on StartChatContact / StartContactStreaming), five attempts, short
 * connection and request timeouts so a retry happens within the function's time.
 */
function common(options: ClientOptions) {
  return {
    retryMode: 'adaptive' as const,
    maxAttempts: 5,
    endpoint: options.endpoint,
    region: options.region,
    credentials: options.credentials,
    requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 },
  };
}

export function createConnectClient(options: ClientOptions = {}): ConnectClient {
  return new ConnectClient(common(options));
}

export function createParticipantClient(options: ClientOptions = {}): ConnectParticipantClient {
  return new ConnectParticipantClient(common(options));
}

/** The AWS End User Messaging SMS (SMS and Voice v2) client replies are sent with. */
export function createSmsClient(options: ClientOptions = {}): PinpointSMSVoiceV2Client {
  return new PinpointSMSVoiceV2Client(common(options));
}

export function createSecretsClient(options: ClientOptions = {}): SecretsManagerClient {
  return new SecretsManagerClient(common(options));
}

export function createSessionsClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(common(options)));
}
