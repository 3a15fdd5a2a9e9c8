/** Settings of the email channel in one environment, validated (see `email-channel-config.ts`). */
export interface EmailChannelSettings {
  /** Mail domain SES receives and sends for, e.g. `mail.example.com`. */
  readonly domain: string;
  /** Address customers write to, at `domain`, e.g. `customerservice@mail.example.com`. */
  readonly inquiryAddress: string;
  /**
   * Repository name of the contact flow every task starts in, from the `${flow:Name}` reference
   * of the configuration, e.g. `EMAIL_inbound` (deployed as `<app>-EMAIL_inbound`).
   */
  readonly taskFlowName: string;
  /** Lifetime of the presigned URLs the agent opens, in minutes (2 to 60). @default 15 */
  readonly presignedUrlMinutes: number;
  /** Run Comprehend `DetectDominantLanguage` on each inbound mail. @default false */
  readonly detectLanguage: boolean;
  /** Run Comprehend `DetectSentiment` (needs the language). @default false */
  readonly detectSentiment: boolean;
  /** Run Comprehend `DetectEntities` (needs the language). @default false */
  readonly detectEntities: boolean;
  /** Text placed between the agent's reply and the quoted customer mail. */
  readonly disclaimer: string;
  /**
   * Who may send to the relay addresses: domains (`example.com`) or addresses
   * (`agent@example.com`). Mail from anyone else, or failing SPF and DKIM, is refused.
   */
  readonly relaySenders: readonly string[];
  /**
   * HTTPS origins of the agent page (email CCP) allowed to fetch the presigned URLs from a browser
   * (bucket CORS, `GET` only). @default none: the page opens the links in a new tab instead
   */
  readonly agentPageOrigins: readonly string[];
  /**
   * Whether the stack creates the SES domain identity (`AWS::SES::EmailIdentity`, Easy DKIM) and
   * outputs its three DKIM CNAME records. An identity exists once per account and Region, so set
   * `false` (`"ses": { "manageIdentity": false }`) where it exists already, e.g. verified by hand
   * or created by another environment in the same account. @default true
   */
  readonly manageIdentity: boolean;
}

/** The relay mailboxes at the channel's domain, one per agent action. */
export const RELAY_MAILBOXES = ['agentrelay', 'queuerelay', 'relay', 'rejectrelay'] as const;

/** What an agent does by writing to a relay mailbox. */
export type RelayMailbox = (typeof RELAY_MAILBOXES)[number];

/** Bucket prefix SES writes inquiry mail to (the gateway's trigger). */
export const INBOUND_PREFIX = 'inbound/';
/** Bucket prefix SES writes relay mail to (the relay function's trigger). */
export const RELAY_PREFIX = 'relay/';
/** Bucket prefix of each case's stored mails (original `.eml` and formatted JSON). */
export const CASES_PREFIX = 'cases/';
/** Bucket prefix of mail that could not be used (unparseable, no sender), kept for inspection. */
export const QUARANTINE_PREFIX = 'quarantine/';
