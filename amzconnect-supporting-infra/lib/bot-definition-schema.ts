import { z } from 'zod';
import { LEX_NAME_PATTERN } from './lex-names';

/**
 * Locales Amazon Lex V2 supports (Lex V2 developer guide, "Supported languages and locales").
 * Kept as data so that a new locale is a one-line change.
 */
export const LEX_LOCALES: readonly string[] = [
  'ar_AE',
  'ca_ES',
  'da_DK',
  'de_AT',
  'de_CH',
  'de_DE',
  'en_AU',
  'en_GB',
  'en_IE',
  'en_IN',
  'en_NZ',
  'en_US',
  'en_ZA',
  'es_419',
  'es_ES',
  'es_US',
  'fi_FI',
  'fr_CA',
  'fr_FR',
  'hi_IN',
  'it_IT',
  'ja_JP',
  'ko_KR',
  'nl_NL',
  'no_NO',
  'pl_PL',
  'pt_BR',
  'pt_PT',
  'sv_SE',
  'zh_CN',
  'zh_HK',
];

const lexName = (example: string) =>
  z
    .string()
    .max(100, 'is longer than 100 characters; shorten it.')
    .regex(
      LEX_NAME_PATTERN,
      `must be letters and digits, each followed by at most one "_" or "-", e.g. "${example}".`,
    );
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is empty; write the text or remove the key.')
    .max(max, `is longer than ${max} characters; shorten it.`);

const slotSchema = z.strictObject({
  name: lexName('product'),
  slotType: z
    .string()
    .min(1, 'is empty; name a slot type of the locale or a built-in such as "AMAZON.Number".'),
  required: z.boolean().default(false),
  prompt: text(1000),
});

const intentSchema = z.strictObject({
  name: lexName('Sales'),
  description: text(200).optional(),
  utterances: z
    .array(text(200))
    .min(1, 'is empty; list at least one thing a caller says for this intent, e.g. "sales".'),
  slots: z.array(slotSchema).default([]),
  closingResponse: text(1000).optional(),
});

const slotTypeSchema = z.strictObject({
  name: lexName('ProductType'),
  description: text(200).optional(),
  values: z
    .array(z.strictObject({ value: text(140), synonyms: z.array(text(140)).default([]) }))
    .min(1, 'is empty; list at least one value, e.g. { "value": "phone", "synonyms": ["mobile"] }.'),
  resolution: z.enum(['ORIGINAL_VALUE', 'TOP_RESOLUTION']).default('TOP_RESOLUTION'),
});

const localeSchema = z.strictObject({
  localeId: z.string().refine((l) => LEX_LOCALES.includes(l), {
    message: `is not a Lex V2 locale; use one of ${LEX_LOCALES.join(', ')}.`,
  }),
  description: text(200).optional(),
  voice: z.strictObject({
    voiceId: z.string().regex(/^[A-Z][A-Za-z-]+$/, 'must be an Amazon Polly voice id, e.g. "Joanna".'),
    engine: z.enum(['standard', 'neural', 'long-form', 'generative']).default('neural'),
  }),
  nluConfidenceThreshold: z
    .number()
    .min(0, 'must be between 0 and 1.')
    .max(1, 'must be between 0 and 1.')
    .default(0.4),
  slotTypes: z.array(slotTypeSchema).default([]),
  intents: z.array(intentSchema).min(1, 'is empty; declare at least one intent.'),
});

/** Schema of one file under `bots/`. */
export const botDefinitionSchema = z.strictObject({
  name: lexName('ACME_lexbot'),
  description: text(200).optional(),
  idleSessionTtlSeconds: z
    .number()
    .int()
    .min(60, 'must be between 60 and 86400 seconds.')
    .max(86400, 'must be between 60 and 86400 seconds.')
    .default(300),
  childDirected: z.boolean(),
  locales: z
    .array(localeSchema)
    .min(1, 'is empty; declare at least one locale, e.g. [{ "localeId": "en_US", ... }].'),
});
