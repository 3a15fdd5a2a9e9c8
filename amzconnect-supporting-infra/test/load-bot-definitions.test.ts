import * as fs from 'fs';
import * as path from 'path';
import { BOTS_DIR, loadBotDefinitions } from '../lib';
import { problemsOf, readJsonCopy, samplePlatform, tempDir, writeJson } from '@amzconnect/testing';

type Json = Record<string, any>;

function sampleBot(): Json {
  return readJsonCopy<Json>(path.join(BOTS_DIR, 'ACME_lexbot.json'));
}

function loadBots(files: Record<string, unknown>, withPlatform = false): () => unknown {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'bots'));
  for (const [name, content] of Object.entries(files)) writeJson(path.join(dir, 'bots'), name, content);
  return () =>
    loadBotDefinitions('bots', { cwd: dir, platform: withPlatform ? samplePlatform() : undefined });
}

describe('loadBotDefinitions', () => {
  it('loads the sample ACME_lexbot: Sales and Finance intents in en_US, with slot types', () => {
    // Act
    const bots = loadBotDefinitions(BOTS_DIR, { platform: samplePlatform() });

    // Assess
    expect(bots.map((b) => b.name)).toEqual(['ACME_lexbot']);
    const [locale] = bots[0].locales;
    expect(locale.localeId).toBe('en_US');
    expect(locale.intents.map((i) => i.name)).toEqual(['Sales', 'Finance']);
    expect(locale.slotTypes.map((t) => t.name)).toEqual(['ProductType', 'BillingTopic']);
    expect(bots[0].description).toBe(
      'Answers "Which department do you need to speak to?" with Sales or Finance',
    );
  });

  it('adds a bot per data file, sorted by file name', () => {
    // Prepare
    const second = { ...sampleBot(), name: 'ACME_survey' };

    // Act
    const bots = loadBots({
      'ACME_survey.json': second,
      'ACME_lexbot.json': sampleBot(),
      'README.txt': 'not a bot',
    })() as Json[];

    // Assess
    expect(bots.map((b) => b.name)).toEqual(['ACME_lexbot', 'ACME_survey']);
  });

  it('applies defaults: idle session 300 s, confidence 0.4, neural voice, optional slots', () => {
    // Prepare
    const bot = sampleBot();
    delete bot.idleSessionTtlSeconds;
    delete bot.locales[0].nluConfidenceThreshold;
    delete bot.locales[0].voice.engine;
    delete bot.locales[0].intents[0].slots[0].required;

    // Act
    const [loaded] = loadBots({ 'ACME_lexbot.json': bot })() as Json[];

    // Assess
    expect(loaded.idleSessionTtlSeconds).toBe(300);
    expect(loaded.locales[0].nluConfidenceThreshold).toBe(0.4);
    expect(loaded.locales[0].voice.engine).toBe('neural');
    expect(loaded.locales[0].intents[0].slots[0].required).toBe(false);
  });

  it('reports schema problems with file, field and fix', () => {
    // Prepare
    const bot = sampleBot();
    delete bot.childDirected;
    bot.locales[0].localeId = 'en-US';
    bot.locales[0].intents[0].name = 'Sales Team';
    bot.locales[0].intents[1].utterances = [];
    bot.locales[0].voice.engine = 'turbo';
    bot.idleSessionTtlSeconds = 10;
    bot.locales[0].intents[0].sampleUtterances = ['hi'];

    // Act
    const problems = problemsOf(loadBots({ 'ACME_lexbot.json': bot }));

    // Assess
    expect(problems).toEqual([
      'bots/ACME_lexbot.json: idleSessionTtlSeconds: must be between 60 and 86400 seconds.',
      'bots/ACME_lexbot.json: childDirected: is missing; add it, e.g. false.',
      expect.stringMatching(
        /^bots\/ACME_lexbot\.json: locales\[0\]\.localeId: is not a Lex V2 locale; use one of ar_AE, .*, en_US, .*\.$/,
      ),
      'bots/ACME_lexbot.json: locales[0].voice.engine: must be one of "standard", "neural", "long-form", "generative".',
      'bots/ACME_lexbot.json: locales[0].intents[0].name: must be letters and digits, each followed by at most one "_" or "-", e.g. "Sales".',
      'bots/ACME_lexbot.json: locales[0].intents[0].sampleUtterances: is not a known key; remove it or fix its spelling (known keys: name, description, utterances, slots, closingResponse).',
      'bots/ACME_lexbot.json: locales[0].intents[1].utterances: is empty; list at least one thing a caller says for this intent, e.g. "sales".',
    ]);
  });

  it('reports what Lex would reject at build time: unknown slots and slot types, shared utterances, duplicates', () => {
    // Prepare
    const bot = sampleBot();
    const [locale] = bot.locales;
    locale.intents[0].utterances.push('I need a {device}');
    locale.intents[1].slots[0].slotType = 'Topic';
    locale.intents[1].utterances.push('sales  please');
    locale.slotTypes[1].values[2].synonyms.push('Bill');
    locale.intents.push({ name: 'FallbackIntent', utterances: ['help'] });
    locale.intents.push({ name: 'sales', utterances: ['new customer'] });

    // Act
    const problems = problemsOf(loadBots({ 'ACME_lexbot.json': bot }));

    // Assess
    expect(problems).toEqual([
      'bots/ACME_lexbot.json: locales[0].slotTypes[1].values[2].synonyms[2]: "Bill" is already listed at values[0].synonyms[0]; a value or synonym must resolve to one value only.',
      'bots/ACME_lexbot.json: locales[0].intents[3].name: "sales" is already used by locales[0].intents[0]; give each entry its own name.',
      'bots/ACME_lexbot.json: locales[0].intents[0].utterances[8]: refers to slot "{device}", which intent "Sales" does not declare; add it to slots or fix the name (slots: product).',
      'bots/ACME_lexbot.json: locales[0].intents[1].slots[0].slotType: "Topic" is neither a slot type of this locale nor a built-in one; declare it under slotTypes or use one of ProductType, BillingTopic, AMAZON.Number, AMAZON.Date, ....',
      'bots/ACME_lexbot.json: locales[0].intents[1].utterances[7]: "sales  please" is also an utterance of locales[0].intents[0] ("Sales"); an utterance must belong to one intent, or Lex cannot tell them apart.',
      'bots/ACME_lexbot.json: locales[0].intents[2].name: "FallbackIntent" is added to every locale automatically; rename this intent.',
    ]);
  });

  it('requires the file to be named after the bot', () => {
    expect(problemsOf(loadBots({ 'lexbot.json': sampleBot() }))).toEqual([
      'bots/lexbot.json: name: "ACME_lexbot" differs from the file name; rename the file to ACME_lexbot.json or set "name" to "lexbot".',
    ]);
  });

  it("checks the physical bot name of every enabled environment and Region against Lex's 100 characters", () => {
    // Prepare
    const name = `ACME_${'x'.repeat(78)}`;
    const bot = { ...sampleBot(), name };

    // Act
    const problems = problemsOf(loadBots({ [`${name}.json`]: bot }, true));

    // Assess
    expect(problems).toEqual([
      `bots/${name}.json: name: for environment "develop" in us-east-1 gives the bot name "${name}-develop-us-east-1" (101 characters), longer than Lex's 100; shorten the bot name by at least 1 character.`,
      `bots/${name}.json: name: for environment "develop" in us-west-2 gives the bot name "${name}-develop-us-west-2" (101 characters), longer than Lex's 100; shorten the bot name by at least 1 character.`,
      `bots/${name}.json: name: for environment "staging" in us-east-1 gives the bot name "${name}-staging-us-east-1" (101 characters), longer than Lex's 100; shorten the bot name by at least 1 character.`,
    ]);
  });

  it('collects the problems of every file before throwing', () => {
    // Prepare
    const broken = { ...sampleBot(), name: 'ACME_other', locales: [] };

    // Act
    const problems = problemsOf(loadBots({ 'ACME_lexbot.json': '{ "name": ', 'ACME_other.json': broken }));

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/^bots\/ACME_lexbot\.json: is not valid JSON \(.*\); fix the syntax\.$/),
      'bots/ACME_other.json: locales: is empty; declare at least one locale, e.g. [{ "localeId": "en_US", ... }].',
    ]);
  });

  it('loads no bot from an empty folder, and reports a missing folder', () => {
    // Prepare
    const dir = tempDir();

    // Act & Assess
    expect(loadBots({})()).toEqual([]);
    expect(problemsOf(() => loadBotDefinitions('bots', { cwd: dir }))).toEqual([
      'bots: folder not found; create it, with one <bot>.json per Lex bot.',
    ]);
  });
});
