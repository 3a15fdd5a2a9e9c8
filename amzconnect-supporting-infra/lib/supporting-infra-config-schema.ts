import { lifecycleOverridesSchema } from '@amzconnect/instance';
import { z } from 'zod';

/** Retention values CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Schema of `config/supporting-infra.json`. */
export const supportingInfraConfigSchema = z.strictObject({
  flowBucketName: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9-]*$/,
      'must be letters, digits and hyphens, starting with a letter or digit, e.g. "acme-contact-flows".',
    ),
  conversationLogRetentionDays: z
    .number()
    .refine((d) => LOG_RETENTION_DAYS.includes(d), {
      message: `is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}.`,
    })
    .default(90),
  sampleCustomersFile: z.string().min(1).optional(),
});

/** Schema of the `supportingInfra` section of `env/environments/<env>.json`. */
export const supportingInfraEnvironmentSettingsSchema = lifecycleOverridesSchema.extend({
  loadSampleCustomers: z.boolean().optional(),
});

const E164 = /^\+[1-9]\d{1,14}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const name = z
  .string()
  .trim()
  .min(1, 'is empty; write the name.')
  .max(100, 'is longer than 100 characters; shorten it.');

/** Schema of the sample customers file: an array of customer records. */
export const sampleCustomersSchema = z.array(
  z.strictObject({
    phoneNumber: z
      .string()
      .regex(E164, 'must be an E.164 phone number, e.g. "+15555550100" (it is the key the lookup uses).'),
    firstName: name,
    lastName: name,
    lastCalledDate: z
      .string()
      .regex(ISO_UTC, 'must be an ISO 8601 UTC timestamp, e.g. "2024-05-01T14:30:00Z".')
      .refine((s) => !Number.isNaN(Date.parse(s)), {
        message: 'is not a real date; e.g. "2024-05-01T14:30:00Z".',
      }),
  }),
);
