/**
 * The repository's Lex V2 bot format: one bot per file under `bots/`, named `<name>.json`.
 * Loaded and validated by `loadBotDefinitions`; built by the `LexBot` construct. Flows refer to a
 * bot's alias as `${lex:<name>}`.
 */
export interface BotDefinition {
  /** Bot name as flows refer to it, e.g. `ACME_lexbot`; the file is `bots/<name>.json`. */
  readonly name: string;
  /** @default none */
  readonly description?: string;
  /** Seconds a session stays open without input (60-86400). @default 300 */
  readonly idleSessionTtlSeconds: number;
  /** Whether the bot is directed at children under 13 (COPPA). */
  readonly childDirected: boolean;
  /** One entry per language. */
  readonly locales: readonly BotLocaleDefinition[];
}

/** One language of a bot. */
export interface BotLocaleDefinition {
  /** Lex locale id, e.g. `en_US`. */
  readonly localeId: string;
  /** @default none */
  readonly description?: string;
  /** Polly voice for speech responses. */
  readonly voice: {
    readonly voiceId: string;
    readonly engine: 'standard' | 'neural' | 'long-form' | 'generative';
  };
  /** Minimum confidence (0-1) for an intent to match. @default 0.4 */
  readonly nluConfidenceThreshold: number;
  /** Custom slot types. @default none */
  readonly slotTypes: readonly SlotTypeDefinition[];
  /** Intents; `FallbackIntent` is added automatically. */
  readonly intents: readonly IntentDefinition[];
}

/** A custom slot type: a list of values with synonyms. */
export interface SlotTypeDefinition {
  readonly name: string;
  /** @default none */
  readonly description?: string;
  readonly values: readonly { readonly value: string; readonly synonyms: readonly string[] }[];
  /** `ORIGINAL_VALUE` (expand) or `TOP_RESOLUTION` (restrict to the values). @default TOP_RESOLUTION */
  readonly resolution: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION';
}

/** An intent: what the caller may say, and the slots it captures. */
export interface IntentDefinition {
  readonly name: string;
  /** @default none */
  readonly description?: string;
  /** Sample utterances; `{slot}` marks a slot of this intent. */
  readonly utterances: readonly string[];
  /** Slots, elicited in order. @default none */
  readonly slots: readonly SlotDefinition[];
  /** What the bot says when the intent is complete. @default nothing */
  readonly closingResponse?: string;
}

/** A slot of an intent. */
export interface SlotDefinition {
  readonly name: string;
  /** A slot type of the locale, or a built-in such as `AMAZON.Number`. */
  readonly slotType: string;
  /** Whether the bot insists on a value. @default false */
  readonly required: boolean;
  /** What the bot asks to elicit the value. */
  readonly prompt: string;
}
