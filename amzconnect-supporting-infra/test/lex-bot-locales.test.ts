import { BOTS_DIR, lexBotLocales, loadBotDefinitions } from '../lib';

describe('lexBotLocales', () => {
  const [bot] = loadBotDefinitions(BOTS_DIR);

  it('maps each locale with its voice and confidence threshold', () => {
    // Act
    const [locale] = lexBotLocales(bot);

    // Assess
    expect(locale).toMatchObject({
      localeId: 'en_US',
      description: 'US English',
      nluConfidenceThreshold: 0.4,
      voiceSettings: { voiceId: 'Joanna', engine: 'neural' },
    });
  });

  it('adds the FallbackIntent Lex requires after the defined intents', () => {
    // Act
    const [locale] = lexBotLocales(bot);

    // Assess
    const intents = locale.intents as { name: string; parentIntentSignature?: string }[];
    expect(intents.map((i) => i.name)).toEqual(['Sales', 'Finance', 'FallbackIntent']);
    expect(intents[2].parentIntentSignature).toBe('AMAZON.FallbackIntent');
  });

  it('maps utterances, optional slots with prompts and priorities, and the closing response', () => {
    // Act
    const [locale] = lexBotLocales(bot);

    // Assess
    const sales = (locale.intents as unknown as Record<string, unknown>[])[0];
    expect(sales).toMatchObject({
      name: 'Sales',
      sampleUtterances: expect.arrayContaining([{ utterance: 'I would like to buy a {product}' }]),
      slots: [
        {
          name: 'product',
          slotTypeName: 'ProductType',
          valueElicitationSetting: {
            slotConstraint: 'Optional',
            promptSpecification: {
              maxRetries: 2,
              allowInterrupt: true,
              messageGroupsList: [
                { message: { plainTextMessage: { value: 'Which product are you interested in?' } } },
              ],
            },
          },
        },
      ],
      slotPriorities: [{ priority: 1, slotName: 'product' }],
      intentClosingSetting: {
        isActive: true,
        closingResponse: {
          allowInterrupt: true,
          messageGroupsList: [
            { message: { plainTextMessage: { value: 'Thanks, I will connect you to Sales.' } } },
          ],
        },
      },
    });
  });

  it('maps slot types with synonyms and their resolution strategy', () => {
    // Act
    const [locale] = lexBotLocales(bot);

    // Assess
    expect((locale.slotTypes as unknown[])[0]).toEqual({
      name: 'ProductType',
      description: 'Products a Sales caller may ask about',
      valueSelectionSetting: { resolutionStrategy: 'TOP_RESOLUTION' },
      slotTypeValues: [
        {
          sampleValue: { value: 'phone' },
          synonyms: [{ value: 'mobile' }, { value: 'cell phone' }, { value: 'handset' }],
        },
        {
          sampleValue: { value: 'internet' },
          synonyms: [{ value: 'broadband' }, { value: 'wifi' }, { value: 'fiber' }],
        },
        { sampleValue: { value: 'tv' }, synonyms: [{ value: 'television' }, { value: 'streaming' }] },
      ],
    });
  });

  it('omits empty lists rather than sending empty arrays', () => {
    // Prepare
    const plain = {
      ...bot,
      locales: [
        { ...bot.locales[0], slotTypes: [], intents: [{ name: 'Hello', utterances: ['hello'], slots: [] }] },
      ],
    };

    // Act
    const [locale] = lexBotLocales(plain);

    // Assess
    expect(locale.slotTypes).toBeUndefined();
    expect((locale.intents as unknown as Record<string, unknown>[])[0]).toEqual({
      name: 'Hello',
      description: undefined,
      sampleUtterances: [{ utterance: 'hello' }],
      slots: undefined,
      slotPriorities: undefined,
      intentClosingSetting: undefined,
    });
  });
});
