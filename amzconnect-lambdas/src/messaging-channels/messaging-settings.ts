/** Environment variables the stack sets on the messaging functions (names shared with the construct). */
export const MESSAGING_ENV = {
  tableName: 'SESSION_TABLE_NAME',
  instanceArn: 'CONNECT_INSTANCE_ARN',
  contactFlowName: 'CONTACT_FLOW_NAME',
  streamingTopicArn: 'STREAMING_TOPIC_ARN',
  smsPhoneNumberId: 'SMS_PHONE_NUMBER_ID',
  smsOriginationNumber: 'SMS_ORIGINATION_NUMBER',
  facebookSecretArn: 'FACEBOOK_SECRET_ARN',
  graphApiUrl: 'GRAPH_API_URL',
} as const;

/** The Graph API version replies are sent with. */
export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com/v21.0';

/** Settings of the messaging functions, read once at cold start. Unset values are empty strings. */
export interface MessagingSettings {
  readonly tableName: string;
  readonly instanceId: string;
  readonly contactFlowName: string;
  readonly streamingTopicArn: string;
  /** Present when SMS is on. */
  readonly sms?: { readonly phoneNumberId: string; readonly originationNumber: string };
  /** Present when Messenger is on. */
  readonly facebookSecretArn?: string;
  readonly graphApiUrl: string;
}

/** A setting a function cannot work without. */
export type RequiredSetting = 'tableName' | 'instanceId' | 'contactFlowName' | 'streamingTopicArn';

/** The settings, or what is missing. */
export type SettingsResult =
  | { readonly ok: true; readonly settings: MessagingSettings }
  | { readonly ok: false; readonly problem: string };

/** The instance id of an instance ARN (`arn:aws:connect:<region>:<account>:instance/<id>`). */
export function instanceIdOf(arn: string): string {
  const m = /:instance\/([0-9a-f-]{36})$/.exec(arn);
  return m ? m[1] : '';
}

/** Reads the settings (pure; handlers call it once). `needs` are checked; channels are on when their variables are set. */
export function readMessagingSettings(
  env: Readonly<Record<string, string | undefined>>,
  needs: readonly RequiredSetting[],
): SettingsResult {
  const get = (name: string) => env[name]?.trim() ?? '';
  const instanceArn = get(MESSAGING_ENV.instanceArn);
  const phoneNumberId = get(MESSAGING_ENV.smsPhoneNumberId);
  const originationNumber = get(MESSAGING_ENV.smsOriginationNumber);
  const facebookSecretArn = get(MESSAGING_ENV.facebookSecretArn);
  const settings: MessagingSettings = {
    tableName: get(MESSAGING_ENV.tableName),
    instanceId: instanceIdOf(instanceArn),
    contactFlowName: get(MESSAGING_ENV.contactFlowName),
    streamingTopicArn: get(MESSAGING_ENV.streamingTopicArn),
    ...(phoneNumberId && originationNumber ? { sms: { phoneNumberId, originationNumber } } : {}),
    ...(facebookSecretArn ? { facebookSecretArn } : {}),
    graphApiUrl: get(MESSAGING_ENV.graphApiUrl) || DEFAULT_GRAPH_API_URL,
  };
  const variable: Record<RequiredSetting, string> = {
    tableName: MESSAGING_ENV.tableName,
    instanceId: MESSAGING_ENV.instanceArn,
    contactFlowName: MESSAGING_ENV.contactFlowName,
    streamingTopicArn: MESSAGING_ENV.streamingTopicArn,
  };
  const missing = needs.filter((n) => !settings[n]).map((n) => variable[n]);
  if (missing.length > 0)
    return {
      ok: false,
      problem: `${missing.join(', ')} not set or invalid; the MessagingChannels construct sets them.`,
    };
  return { ok: true, settings };
}
