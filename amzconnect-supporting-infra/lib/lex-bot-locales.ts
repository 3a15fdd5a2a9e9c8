import type { CfnBot } from 'aws-cdk-lib/aws-lex';
import type { BotDefinition, IntentDefinition, SlotTypeDefinition } from './bot-definition';
import { FALLBACK_INTENT_NAME } from './load-bot-definitions';

/** How often Lex re-asks for a slot value before giving up. */
const SLOT_MAX_RETRIES = 2;

const messages = (text: string): CfnBot.MessageGroupProperty[] => [
  { message: { plainTextMessage: { value: text } } },
];

function slotType(t: SlotTypeDefinition): CfnBot.SlotTypeProperty {
  return {
    name: t.name,
    description: t.description,
    valueSelectionSetting: { resolutionStrategy: t.resolution },
    slotTypeValues: t.values.map((v) => ({
      sampleValue: { value: v.value },
      synonyms: v.synonyms.length > 0 ? v.synonyms.map((s) => ({ value: s })) : undefined,
    })),
  };
}

function intent(i: IntentDefinition): CfnBot.IntentProperty {
  return {
    name: i.name,
    description: i.description,
    sampleUtterances: i.utterances.map((utterance) => ({ utterance })),
    slots:
      i.slots.length > 0
        ? i.slots.map((s) => ({
            name: s.name,
            slotTypeName: s.slotType,
            valueElicitationSetting: {
              slotConstraint: s.required ? 'Required' : 'Optional',
              promptSpecification: {
                maxRetries: SLOT_MAX_RETRIES,
                allowInterrupt: true,
                messageGroupsList: messages(s.prompt),
              },
            },
          }))
        : undefined,
    slotPriorities:
      i.slots.length > 0 ? i.slots.map((s, n) => ({ priority: n + 1, slotName: s.name })) : undefined,
    intentClosingSetting: i.closingResponse
      ? {
          isActive: true,
          closingResponse: { allowInterrupt: true, messageGroupsList: messages(i.closingResponse) },
        }
      : undefined,
  };
}

/**
 * Translates a bot definition into the inline locales of `AWS::Lex::Bot`: slot types, intents
 * with utterances and slots, the voice, and the `FallbackIntent` Lex requires in every locale.
 */
export function lexBotLocales(bot: BotDefinition): CfnBot.BotLocaleProperty[] {
  return bot.locales.map((l) => ({
    localeId: l.localeId,
    description: l.description,
    nluConfidenceThreshold: l.nluConfidenceThreshold,
    voiceSettings: { voiceId: l.voice.voiceId, engine: l.voice.engine },
    slotTypes: l.slotTypes.length > 0 ? l.slotTypes.map(slotType) : undefined,
    intents: [
      ...l.intents.map(intent),
      {
        name: FALLBACK_INTENT_NAME,
        description: 'Default intent when no other intent matches',
        parentIntentSignature: 'AMAZON.FallbackIntent',
      },
    ],
  }));
}
