import { z } from 'zod';
import { CHANNELS, IDENTITY_MANAGEMENT_TYPES, WEEK_DAYS } from './instance-config';
import { lifecycleOverridesSchema } from './lifecycle-overrides-schema';

/** Names of admin objects become SSM parameter name segments and flow references. */
const OBJECT_NAME = /^[A-Za-z0-9_.-]{1,127}$/;
const objectName = z
  .string()
  .regex(
    OBJECT_NAME,
    'must be 1-127 letters, digits, "_", "." or "-" (it becomes part of SSM parameter names and flow references), e.g. "ACME_Sales".',
  );
const description = z
  .string()
  .min(1, 'is empty; write a description or remove the key.')
  .max(250, 'is longer than 250 characters; shorten it.');
const baseName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9-]*$/,
    'must be letters, digits and hyphens, starting with a letter or digit, e.g. "acme".',
  );
const prefix = z
  .string()
  .regex(
    /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/,
    'must be an S3 key prefix without leading or trailing "/", e.g. "connect/call-recordings".',
  );
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" on a 24-hour clock, e.g. "08:30".');
const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not an IANA time zone; use e.g. "America/New_York" or "Europe/London".' },
);
const E164 = /^\+[1-9]\d{1,14}$/;
/**
 * `DomainName` of Customer Profiles (API Reference, CreateDomain: 1-64 characters,
 * `^[a-zA-Z0-9_-]+$`; the same pattern in `@aws-sdk/client-customer-profiles`' model).
 */
const CUSTOMER_PROFILES_DOMAIN_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Schema of `config/instance.json`. */
export const instanceConfigSchema = z.strictObject({
  instanceAlias: baseName,
  identityManagementType: z.enum(IDENTITY_MANAGEMENT_TYPES),
  directoryId: z
    .string()
    .regex(/^d-[0-9a-f]{10}$/, 'must be a directory id "d-" followed by 10 hex digits, e.g. "d-1234567890".')
    .optional(),
  attributes: z.strictObject({
    inboundCalls: z.boolean(),
    outboundCalls: z.boolean(),
    contactflowLogs: z.boolean().optional(),
    contactLens: z.boolean().optional(),
    autoResolveBestVoices: z.boolean().optional(),
    useCustomTtsVoices: z.boolean().optional(),
    earlyMedia: z.boolean().optional(),
    enhancedContactMonitoring: z.boolean().optional(),
    enhancedChatMonitoring: z.boolean().optional(),
    highVolumeOutBound: z.boolean().optional(),
    multiPartyConference: z.boolean().optional(),
    multiPartyChatConference: z.boolean().optional(),
    autoMuteAgentOnHold: z.boolean().optional(),
  }),
  storage: z.strictObject({
    bucketName: baseName,
    callRecordingsPrefix: prefix,
    chatTranscriptsPrefix: prefix,
    scheduledReportsPrefix: prefix,
    noncurrentVersionExpirationDays: z.number().int().min(1, 'must be at least 1 day.').optional(),
  }),
  hoursOfOperation: z
    .array(
      z.strictObject({
        name: objectName,
        description: description.optional(),
        timeZone,
        schedule: z
          .array(z.strictObject({ day: z.enum(WEEK_DAYS), start: clock, end: clock }))
          .min(
            1,
            'is empty; add at least one opening slot, e.g. { "day": "MONDAY", "start": "09:00", "end": "17:00" }.',
          ),
      }),
    )
    .min(1, 'is empty; declare at least one set of hours, which queues need.'),
  queues: z
    .array(
      z.strictObject({
        name: objectName,
        description: description.optional(),
        hoursOfOperation: objectName,
        maxContacts: z.number().int().min(1, 'must be at least 1; remove it for no limit.').optional(),
      }),
    )
    .min(1, 'is empty; declare at least one queue.'),
  routingProfiles: z
    .array(
      z.strictObject({
        name: objectName,
        description,
        defaultOutboundQueue: objectName,
        media: z
          .array(z.strictObject({ channel: z.enum(CHANNELS), concurrency: z.number().int().min(1).max(10) }))
          .min(1, 'is empty; list at least one channel, e.g. { "channel": "VOICE", "concurrency": 1 }.'),
        queues: z.array(
          z.strictObject({
            queue: objectName,
            channel: z.enum(CHANNELS),
            priority: z.number().int().min(1).max(99),
            delay: z.number().int().min(0).max(9999),
          }),
        ),
      }),
    )
    .default([]),
  quickConnects: z
    .array(
      z.strictObject({
        name: objectName,
        description: description.optional(),
        phoneNumber: z.string().regex(E164, 'must be an E.164 phone number, e.g. "+15555550100".'),
      }),
    )
    .default([]),
});

/** Kinds of admin objects, as keys of `existingObjects`. */
export const ADMIN_OBJECT_KINDS = ['hoursOfOperation', 'queues', 'routingProfiles', 'quickConnects'] as const;

/**
 * Schema of the `instance` section of `env/environments/<env>.json`: the lifecycle overrides,
 * the alias base of this environment, and, for Regions on an existing instance, which of the
 * declared admin objects already exist there (referenced by name, never modified).
 */
export const instanceEnvironmentSettingsSchema = lifecycleOverridesSchema.extend({
  alias: baseName.optional(),
  existingObjects: z
    .strictObject({
      hoursOfOperation: z.array(objectName).optional(),
      queues: z.array(objectName).optional(),
      routingProfiles: z.array(objectName).optional(),
      quickConnects: z.array(objectName).optional(),
    })
    .optional(),
  customerProfiles: z
    .strictObject({
      existingDomainName: z
        .string()
        .regex(
          CUSTOMER_PROFILES_DOMAIN_NAME,
          'must be the name of an existing Customer Profiles domain: 1-64 letters, digits, "_" or "-", e.g. "amazon-connect-acme".',
        )
        .optional(),
      expirationDays: z
        .number()
        .int()
        .min(1, 'must be 1-1098 days (Customer Profiles DefaultExpirationDays).')
        .max(1098, 'must be 1-1098 days (Customer Profiles DefaultExpirationDays).')
        .optional(),
    })
    .optional(),
});
