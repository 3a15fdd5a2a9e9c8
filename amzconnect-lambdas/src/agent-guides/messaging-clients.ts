import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESv2Client, SESv2ClientConfig } from '@aws-sdk/client-sesv2';

/** Options of the service clients. */
export interface MessagingClientOptions {
  /** Per-attempt socket timeout. */
  readonly requestTimeoutMs: number;
  /** @default the SDK's resolution (`AWS_ENDPOINT_URL_SESV2` / `..._PINPOINT_SMS_VOICE_V2`, then the Regional endpoint) */
  readonly endpoint?: string;
  /** @default the SDK's resolution (`AWS_REGION`) */
  readonly region?: string;
  /** @default the SDK's default chain (the function's role in Lambda) */
  readonly credentials?: SESv2ClientConfig['credentials'];
  /**
   * Replaces the adaptive retry below (tests against local endpoints, whose injected throttling
   * the SDK's back-off would only wait out).
   * @default adaptive retry, two attempts
   */
  readonly retryStrategy?: SESv2ClientConfig['retryStrategy'];
}

const common = (o: MessagingClientOptions) => ({
  retryMode: 'adaptive',
  // Two attempts: a flow waits at most 8 seconds for the function, and a retry must fit.
  maxAttempts: 2,
  ...(o.retryStrategy ? { retryStrategy: o.retryStrategy } : {}),
  endpoint: o.endpoint,
  region: o.region,
  credentials: o.credentials,
  requestHandler: {
    connectionTimeout: Math.min(1000, o.requestTimeoutMs),
    requestTimeout: o.requestTimeoutMs,
  },
});

/** The Amazon SES v2 client of the send-email function, created once per container. */
export function createSesClient(options: MessagingClientOptions): SESv2Client {
  return new SESv2Client(common(options));
}

/** The AWS End User Messaging SMS (SMS and Voice v2) client of the send-SMS function. */
export function createSmsClient(options: MessagingClientOptions): PinpointSMSVoiceV2Client {
  return new PinpointSMSVoiceV2Client(common(options));
}
