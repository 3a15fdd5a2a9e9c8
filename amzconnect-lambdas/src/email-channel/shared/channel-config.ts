/**
 * What every email-channel function reads from its environment, once, at cold start. The
 * `EmailChannel` construct sets exactly these variables from the validated configuration.
 */
export interface ChannelConfig {
  /** Bucket holding received mail and each case's stored mails. */
  readonly mailBucket: string;
  /** DynamoDB table of interaction (case) records, keyed by `caseId`. */
  readonly caseTable: string;
  readonly domain: string;
  readonly inquiryAddress: string;
  readonly connectInstanceArn: string;
  /** Name in Connect of the flow tasks start in (`<app>-<flow>`). */
  readonly taskFlowName: string;
  /** Lifetime of presigned URLs, seconds. */
  readonly urlLifetimeSeconds: number;
  readonly detectLanguage: boolean;
  readonly detectSentiment: boolean;
  readonly detectEntities: boolean;
  readonly disclaimer: string;
  /** Allowed relay senders (domains or addresses), lowercase. */
  readonly relaySenders: readonly string[];
}

/** Environment variable names, shared with the construct that sets them. */
export const CHANNEL_ENV = {
  mailBucket: 'MAIL_BUCKET',
  caseTable: 'CASE_TABLE',
  domain: 'MAIL_DOMAIN',
  inquiryAddress: 'INQUIRY_ADDRESS',
  connectInstanceArn: 'CONNECT_INSTANCE_ARN',
  taskFlowName: 'TASK_FLOW_NAME',
  urlLifetimeSeconds: 'URL_LIFETIME_SECONDS',
  detectLanguage: 'DETECT_LANGUAGE',
  detectSentiment: 'DETECT_SENTIMENT',
  detectEntities: 'DETECT_ENTITIES',
  disclaimer: 'DISCLAIMER',
  relaySenders: 'RELAY_SENDERS',
} as const;

/** The configuration, or every variable that is missing. */
export type ChannelConfigResult =
  { readonly ok: true; readonly config: ChannelConfig } | { readonly ok: false; readonly problem: string };

/**
 * Reads the configuration from an environment (pure). `required` lists the variables the calling
 * function needs; the others default to empty values.
 */
export function readChannelConfig(
  env: Readonly<Record<string, string | undefined>>,
  required: readonly (keyof typeof CHANNEL_ENV)[],
): ChannelConfigResult {
  const get = (k: keyof typeof CHANNEL_ENV) => env[CHANNEL_ENV[k]]?.trim() ?? '';
  const missing: string[] = required.filter((k) => get(k) === '').map((k) => CHANNEL_ENV[k]);
  const seconds = Number(get('urlLifetimeSeconds') || '900');
  if (!Number.isInteger(seconds) || seconds < 120)
    missing.push(`${CHANNEL_ENV.urlLifetimeSeconds} (whole seconds, at least 120)`);
  if (missing.length > 0)
    return { ok: false, problem: `${missing.join(', ')} not set; the EmailChannel construct sets them.` };
  return {
    ok: true,
    config: {
      mailBucket: get('mailBucket'),
      caseTable: get('caseTable'),
      domain: get('domain').toLowerCase(),
      inquiryAddress: get('inquiryAddress').toLowerCase(),
      connectInstanceArn: get('connectInstanceArn'),
      taskFlowName: get('taskFlowName'),
      urlLifetimeSeconds: seconds,
      detectLanguage: get('detectLanguage') === 'true',
      detectSentiment: get('detectSentiment') === 'true',
      detectEntities: get('detectEntities') === 'true',
      disclaimer: get('disclaimer'),
      relaySenders: get('relaySenders')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== ''),
    },
  };
}
