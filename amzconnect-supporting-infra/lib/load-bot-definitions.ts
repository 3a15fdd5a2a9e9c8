import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, enabledEnvironments, type ConfigProblem, type PlatformConfig } from '@amzconnect/env';
import { parseWithProblems, readJsonFile } from '@amzconnect/env';
import type { BotDefinition, BotLocaleDefinition } from './bot-definition';
import { botDefinitionSchema } from './bot-definition-schema';
import { lexBotAliasNameProblem, lexBotNameProblem, lexBotPhysicalName } from './lex-names';

/** Default folder of bot definitions. */
export const BOTS_DIR = path.join(__dirname, '..', 'bots');

/** Built-in slot types a slot may use besides the locale's own. */
export const BUILT_IN_SLOT_TYPES: readonly string[] = [
  'AMAZON.AlphaNumeric',
  'AMAZON.City',
  'AMAZON.Confirmation',
  'AMAZON.Country',
  'AMAZON.Date',
  'AMAZON.Duration',
  'AMAZON.EmailAddress',
  'AMAZON.FirstName',
  'AMAZON.FreeFormInput',
  'AMAZON.LastName',
  'AMAZON.Number',
  'AMAZON.Percentage',
  'AMAZON.PhoneNumber',
  'AMAZON.State',
  'AMAZON.StreetName',
  'AMAZON.Time',
  'AMAZON.UKPostalCode',
];

/** Name of the fallback intent every locale gets automatically. */
export const FALLBACK_INTENT_NAME = 'FallbackIntent';

/** Options for {@link loadBotDefinitions}. */
export interface LoadBotDefinitionsOptions {
  /** Directory used to shorten file names in messages. @default process.cwd() */
  readonly cwd?: string;
  /**
   * The platform configuration: when given, the bot and alias names derived for every enabled
   * environment and Region are checked against Lex's rules. @default no such check
   */
  readonly platform?: PlatformConfig;
}

const EXAMPLES: Record<string, string> = {
  name: '"ACME_lexbot"',
  childDirected: 'false',
  locales: '[{ "localeId": "en_US", "voice": { "voiceId": "Joanna" }, "intents": [...] }]',
  localeId: '"en_US"',
  voice: '{ "voiceId": "Joanna", "engine": "neural" }',
  voiceId: '"Joanna"',
  intents: '[{ "name": "Sales", "utterances": ["sales"] }]',
  utterances: '["I want to buy something"]',
  values: '[{ "value": "phone", "synonyms": ["mobile"] }]',
  value: '"phone"',
  slotType: '"ProductType"',
  prompt: '"Which product?"',
};

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Reports a second use of a key within one list. */
function duplicates<T>(
  file: string,
  list: string,
  items: readonly T[],
  key: (t: T) => string,
  field: string,
): ConfigProblem[] {
  const first = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const seen = first.get(normalize(k));
    if (seen !== undefined) {
      problems.push({
        file,
        field: `${list}[${i}]${field}`,
        message: `"${k}" is already used by ${list}[${seen}]; give each entry its own ${field.replace(/^\./, '') || 'value'}.`,
      });
    } else first.set(normalize(k), i);
  });
  return problems;
}

function localeChecks(file: string, l: BotLocaleDefinition, at: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  problems.push(...duplicates(file, `${at}.slotTypes`, l.slotTypes, (t) => t.name, '.name'));
  l.slotTypes.forEach((t, i) => {
    const all = t.values.flatMap((v, j) => [
      { text: v.value, field: `values[${j}].value` },
      ...v.synonyms.map((s, k) => ({ text: s, field: `values[${j}].synonyms[${k}]` })),
    ]);
    const seen = new Map<string, string>();
    for (const entry of all) {
      const prior = seen.get(normalize(entry.text));
      if (prior !== undefined) {
        problems.push({
          file,
          field: `${at}.slotTypes[${i}].${entry.field}`,
          message: `"${entry.text}" is already listed at ${prior}; a value or synonym must resolve to one value only.`,
        });
      } else seen.set(normalize(entry.text), entry.field);
    }
  });
  problems.push(...duplicates(file, `${at}.intents`, l.intents, (t) => t.name, '.name'));
  const slotTypes = [...l.slotTypes.map((t) => t.name), ...BUILT_IN_SLOT_TYPES];
  const utteranceOwner = new Map<string, string>();
  l.intents.forEach((intent, i) => {
    const intentAt = `${at}.intents[${i}]`;
    if (intent.name === FALLBACK_INTENT_NAME) {
      problems.push({
        file,
        field: `${intentAt}.name`,
        message: `"${FALLBACK_INTENT_NAME}" is added to every locale automatically; rename this intent.`,
      });
    }
    problems.push(...duplicates(file, `${intentAt}.slots`, intent.slots, (s) => s.name, '.name'));
    intent.slots.forEach((slot, j) => {
      if (!slotTypes.includes(slot.slotType)) {
        problems.push({
          file,
          field: `${intentAt}.slots[${j}].slotType`,
          message: `"${slot.slotType}" is neither a slot type of this locale nor a built-in one; declare it under slotTypes or use one of ${[...l.slotTypes.map((t) => t.name), 'AMAZON.Number', 'AMAZON.Date', '...'].join(', ')}.`,
        });
      }
    });
    const slotNames = intent.slots.map((s) => s.name);
    intent.utterances.forEach((utterance, j) => {
      const field = `${intentAt}.utterances[${j}]`;
      for (const m of utterance.matchAll(/\{([^}]*)\}/g)) {
        if (!slotNames.includes(m[1])) {
          problems.push({
            file,
            field,
            message: `refers to slot "{${m[1]}}", which intent "${intent.name}" does not declare; add it to slots or fix the name${slotNames.length ? ` (slots: ${slotNames.join(', ')})` : ''}.`,
          });
        }
      }
      const key = normalize(utterance);
      const owner = utteranceOwner.get(key);
      if (owner !== undefined) {
        problems.push({
          file,
          field,
          message: `"${utterance}" is also an utterance of ${owner}; an utterance must belong to one intent, or Lex cannot tell them apart.`,
        });
      } else utteranceOwner.set(key, `${intentAt} ("${intent.name}")`);
    });
  });
  return problems;
}

/** Validates one parsed bot and its names for every target. */
function botChecks(
  file: string,
  baseName: string,
  bot: BotDefinition,
  platform?: PlatformConfig,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (bot.name !== baseName) {
    problems.push({
      file,
      field: 'name',
      message: `"${bot.name}" differs from the file name; rename the file to ${bot.name}.json or set "name" to "${baseName}".`,
    });
  }
  problems.push(...duplicates(file, 'locales', bot.locales, (l) => l.localeId, '.localeId'));
  bot.locales.forEach((l, i) => problems.push(...localeChecks(file, l, `locales[${i}]`)));
  if (platform) {
    for (const environment of enabledEnvironments(platform)) {
      const aliasProblem = lexBotAliasNameProblem(environment.name);
      if (aliasProblem)
        problems.push({
          file,
          field: 'name',
          message: `for environment "${environment.name}" ${aliasProblem}`,
        });
      for (const region of environment.regions) {
        const p = lexBotNameProblem(lexBotPhysicalName(bot.name, environment.name, region));
        if (p)
          problems.push({
            file,
            field: 'name',
            message: `for environment "${environment.name}" in ${region} ${p}`,
          });
      }
    }
  }
  return problems;
}

/**
 * Loads and validates every `*.json` file of `dir` (default `bots/`), one Lex V2 bot each, sorted
 * by file name. Every problem of every file is collected before anything is thrown.
 * @throws ConfigError listing every problem as `file: field: fix`
 */
export function loadBotDefinitions(
  dir: string = BOTS_DIR,
  options: LoadBotDefinitionsOptions = {},
): BotDefinition[] {
  const cwd = options.cwd ?? process.cwd();
  const absoluteDir = path.resolve(cwd, dir);
  const displayDir = path.relative(cwd, absoluteDir) || absoluteDir;
  if (!fs.existsSync(absoluteDir)) {
    throw new ConfigError([
      {
        file: displayDir,
        field: '',
        message: 'folder not found; create it, with one <bot>.json per Lex bot.',
      },
    ]);
  }
  const problems: ConfigProblem[] = [];
  const bots: BotDefinition[] = [];
  const files = fs
    .readdirSync(absoluteDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const f of files) {
    const display = path.join(displayDir, f);
    const raw = readJsonFile(
      path.join(absoluteDir, f),
      display,
      'see amzconnect-supporting-infra/README.md, "Lex bots"',
    );
    if (!raw.ok) {
      problems.push(raw.problem);
      continue;
    }
    const bot = parseWithProblems(botDefinitionSchema, raw.value, display, problems, EXAMPLES);
    if (!bot) continue;
    const found = botChecks(display, path.basename(f, '.json'), bot, options.platform);
    problems.push(...found);
    if (found.length === 0) bots.push(bot);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return bots;
}
