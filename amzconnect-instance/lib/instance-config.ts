import type { LifecycleOverrides } from './lifecycle-policy';

/**
 * The typed content of `config/instance.json`: one declarative description of the Amazon Connect
 * instance every environment and Region gets. Loaded and validated by `loadInstanceConfig`.
 */
export interface InstanceConfig {
  /**
   * Base of the instance alias; `-<env>-<region>` is appended and the result lowercased, e.g.
   * `acme` → `acme-develop-us-east-1` (at most 45 characters, Connect's alias rules).
   */
  readonly instanceAlias: string;
  /** How users are managed: `CONNECT_MANAGED`, `SAML` or `EXISTING_DIRECTORY`. */
  readonly identityManagementType: IdentityManagementType;
  /** Directory id (`d-xxxxxxxxxx`), required with `EXISTING_DIRECTORY` only. @default none */
  readonly directoryId?: string;
  /** Instance attributes (telephony and features). */
  readonly attributes: InstanceAttributes;
  /** Storage bucket and where Connect writes each kind of data. */
  readonly storage: StorageConfig;
  /** Hours of operation, referenced by queues and by flows as `${hours:Name}`. */
  readonly hoursOfOperation: readonly HoursOfOperationConfig[];
  /** Queues, referenced by flows as `${queue:Name}`. */
  readonly queues: readonly QueueConfig[];
  /** Routing profiles. @default none */
  readonly routingProfiles: readonly RoutingProfileConfig[];
  /** Quick connects (phone numbers agents can transfer to). @default none */
  readonly quickConnects: readonly QuickConnectConfig[];
  /**
   * Settings by environment name, from the `instance` section of `env/environments/<env>.json`
   * (filled by `loadInstanceConfig`; not part of `config/instance.json`).
   * @default none: retained everywhere, prod protected, alias from `instanceAlias`
   */
  readonly environments: Readonly<Record<string, InstanceEnvironmentSettings>>;
}

/** The `instance` section of `env/environments/<env>.json`. */
export interface InstanceEnvironmentSettings extends LifecycleOverrides {
  /**
   * Base of this environment's instance alias; `-<region>` is appended and the whole lowercased.
   * @default `<instanceAlias>-<env>`
   */
  readonly alias?: string;
  /**
   * Admin objects declared in `config/instance.json` that already exist in this environment's
   * existing instances (`existingInstances` in `accountvars.json`), by kind and name: the stack
   * looks them up by name at deployment and never modifies them. Declared objects not listed are
   * created (and from then on managed by the stack). Ignored in Regions with a managed instance.
   * @default none: every declared object is created
   */
  readonly existingObjects?: ExistingAdminObjects;
  /**
   * The instance's Amazon Connect Customer Profiles domain: created by the stack and integrated
   * with the instance (contacts then create and update profiles), or an existing domain adopted
   * by name. Either way its name is published for the workloads (agent guides pre-fill forms
   * from it).
   * @default none: no domain is created and none is published
   */
  readonly customerProfiles?: CustomerProfilesSettings;
}

/** The `instance.customerProfiles` section of `env/environments/<env>.json`. */
export interface CustomerProfilesSettings {
  /**
   * Name of an existing domain, already integrated with the instance (e.g. enabled in the
   * console): the stack creates nothing and only publishes the name.
   * @default none: the stack creates `amazon-connect-<instance alias>` and integrates it
   */
  readonly existingDomainName?: string;
  /**
   * Days a profile's data is kept (`DefaultExpirationDays`, 1-1098). Only with a created domain.
   * @default 366
   */
  readonly expirationDays?: number;
}

/** Names of declared admin objects that already exist in an adopted instance. */
export interface ExistingAdminObjects {
  readonly hoursOfOperation?: readonly string[];
  readonly queues?: readonly string[];
  readonly routingProfiles?: readonly string[];
  readonly quickConnects?: readonly string[];
}

/** Identity management types of `AWS::Connect::Instance`. */
export const IDENTITY_MANAGEMENT_TYPES = ['CONNECT_MANAGED', 'SAML', 'EXISTING_DIRECTORY'] as const;
export type IdentityManagementType = (typeof IDENTITY_MANAGEMENT_TYPES)[number];

/** Instance attributes; each maps to the attribute of the same name of `AWS::Connect::Instance`. */
export interface InstanceAttributes {
  /** Whether the instance accepts inbound calls. */
  readonly inboundCalls: boolean;
  /** Whether agents and flows may place outbound calls. */
  readonly outboundCalls: boolean;
  /** @default true: flow logs are the first thing an operator needs */
  readonly contactflowLogs?: boolean;
  /** @default false */
  readonly contactLens?: boolean;
  /** @default false */
  readonly autoResolveBestVoices?: boolean;
  /** @default false */
  readonly useCustomTtsVoices?: boolean;
  /** @default false */
  readonly earlyMedia?: boolean;
  /** @default false */
  readonly enhancedContactMonitoring?: boolean;
  /** @default false */
  readonly enhancedChatMonitoring?: boolean;
  /** @default false */
  readonly highVolumeOutBound?: boolean;
  /** @default false */
  readonly multiPartyConference?: boolean;
  /** @default false */
  readonly multiPartyChatConference?: boolean;
  /** Emitted only when set (not in every CloudFormation schema). @default not sent; Connect's default applies */
  readonly autoMuteAgentOnHold?: boolean;
}

/** Where Connect stores call recordings, chat transcripts and scheduled reports. */
export interface StorageConfig {
  /**
   * Base of the storage bucket's name; `-<env>-<region>` is appended and the result lowercased
   * (S3 bucket naming rules, at most 63 characters, no dots).
   */
  readonly bucketName: string;
  /** S3 prefix for call recordings, e.g. `connect/call-recordings`. */
  readonly callRecordingsPrefix: string;
  /** S3 prefix for chat transcripts, e.g. `connect/chat-transcripts`. */
  readonly chatTranscriptsPrefix: string;
  /** S3 prefix for scheduled reports, e.g. `connect/reports`. */
  readonly scheduledReportsPrefix: string;
  /** Days after which non-current object versions are deleted. @default 365 */
  readonly noncurrentVersionExpirationDays?: number;
}

/** Days of the week as Connect spells them. */
export const WEEK_DAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

/** One opening slot of a day. */
export interface OpeningSlot {
  readonly day: WeekDay;
  /** Opening time, `HH:MM` (24 h). */
  readonly start: string;
  /** Closing time, `HH:MM` (24 h); later than `start`. */
  readonly end: string;
}

/** A set of hours of operation. */
export interface HoursOfOperationConfig {
  /** Name in Connect and in `${hours:Name}`. */
  readonly name: string;
  /** @default none */
  readonly description?: string;
  /** IANA time zone, e.g. `America/New_York`. */
  readonly timeZone: string;
  /** Opening slots; a day without a slot is closed. */
  readonly schedule: readonly OpeningSlot[];
}

/** A standard queue. */
export interface QueueConfig {
  /** Name in Connect and in `${queue:Name}`. */
  readonly name: string;
  /** @default none */
  readonly description?: string;
  /** Name of the hours of operation the queue follows. */
  readonly hoursOfOperation: string;
  /** Maximum contacts waiting in the queue. @default no limit */
  readonly maxContacts?: number;
}

/** Channels a routing profile can serve. */
export const CHANNELS = ['VOICE', 'CHAT', 'TASK', 'EMAIL'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A routing profile. */
export interface RoutingProfileConfig {
  /** Name in Connect. */
  readonly name: string;
  /** Description (required by Connect for routing profiles). */
  readonly description: string;
  /** Name of the queue used for agents' outbound calls. */
  readonly defaultOutboundQueue: string;
  /** How many contacts of each channel an agent handles at once. */
  readonly media: readonly { readonly channel: Channel; readonly concurrency: number }[];
  /** Queues the profile takes contacts from. */
  readonly queues: readonly {
    readonly queue: string;
    readonly channel: Channel;
    /** 1 is served first. */
    readonly priority: number;
    /** Seconds a contact waits before agents of this profile receive it. */
    readonly delay: number;
  }[];
}

/** A quick connect to an external phone number. */
export interface QuickConnectConfig {
  /** Name in Connect. */
  readonly name: string;
  /** @default none */
  readonly description?: string;
  /** E.164 phone number, e.g. `+15555550100`. */
  readonly phoneNumber: string;
}
