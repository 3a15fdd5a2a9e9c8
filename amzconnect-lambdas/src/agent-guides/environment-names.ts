/**
 * Environment variables of the agent-guides functions: the construct sets them from the
 * validated `config/workloads/agent-guides.json`, the handlers read them once at cold start.
 * A variable that is absent means "not configured in this environment".
 */
export const AGENT_GUIDES_ENV = {
  /** The SES identity (domain or address) the sender belongs to; the settings function checks it. */
  emailIdentity: 'EMAIL_IDENTITY',
  /** Sender address (`From`), inside the verified SES identity. */
  emailFromAddress: 'EMAIL_FROM_ADDRESS',
  /** SES template name; its variables are the notice fields. */
  emailTemplate: 'EMAIL_TEMPLATE',
  /** SES configuration set name. Optional. */
  emailConfigurationSet: 'EMAIL_CONFIGURATION_SET',
  /** Id or ARN of the AWS End User Messaging SMS origination identity (phone number or pool). */
  smsOriginationIdentity: 'SMS_ORIGINATION_IDENTITY',
  /** SMS text with `{{CustomerName}}`, `{{CancellationDate}}`, `{{Reference}}` placeholders. */
  smsMessageTemplate: 'SMS_MESSAGE_TEMPLATE',
  /** End User Messaging configuration set name. Optional. */
  smsConfigurationSet: 'SMS_CONFIGURATION_SET',
  /** `true` when the environment says Customer Profiles is enabled on the instance. */
  customerProfiles: 'GUIDE_CUSTOMER_PROFILES',
  /**
   * Name of the instance's Customer Profiles domain (from the instance stack's
   * `SsmNames.connect.customerProfilesDomainName` parameter); set only with `customerProfiles`.
   */
  customerProfilesDomain: 'GUIDE_CUSTOMER_PROFILES_DOMAIN',
  /** JSON array of `{ "label", "url" }` shown in the views. */
  links: 'GUIDE_LINKS',
  /**
   * Comma-separated settings (`email.identity`, `sms.originationIdentity`, ...) whose values are
   * known placeholders (example.com, 555 numbers, all-zero ids), found at synthesis.
   */
  placeholders: 'GUIDE_PLACEHOLDERS',
  /** Per-attempt request timeout of the service clients, milliseconds. */
  requestTimeoutMs: 'SEND_TIMEOUT_MS',
} as const;
