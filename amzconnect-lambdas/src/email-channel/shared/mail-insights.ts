import {
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectEntitiesCommand,
  DetectSentimentCommand,
  LanguageCode,
} from '@aws-sdk/client-comprehend';

/** What Comprehend found in a mail's new text; each part only when switched on and available. */
export interface MailInsights {
  readonly language?: { readonly code: string; readonly score: number };
  readonly sentiment?: { readonly label: string; readonly scores: Readonly<Record<string, number>> };
  readonly entities?: readonly { readonly text: string; readonly type: string; readonly score: number }[];
  /** Why a switched-on detection gave nothing (unsupported language, a Comprehend error). */
  readonly skipped?: readonly string[];
}

/** Which detections run (from the environment's configuration). */
export interface InsightSwitches {
  readonly detectLanguage: boolean;
  readonly detectSentiment: boolean;
  readonly detectEntities: boolean;
}

/** Runs the switched-on detections on a text. */
export type DetectInsights = (text: string, switches: InsightSwitches) => Promise<MailInsights>;

/** Languages `DetectSentiment` and `DetectEntities` accept. */
export const COMPREHEND_LANGUAGES: readonly string[] = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'ar',
  'hi',
  'ja',
  'ko',
  'zh',
  'zh-TW',
];

/** Comprehend's input limits, in UTF-8 bytes. */
export const COMPREHEND_LIMITS = { language: 100_000, sentiment: 5_000, entities: 100_000 } as const;

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a character. Pure. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += ch;
  }
  return out;
}

/**
 * Detections with Comprehend. Sentiment and entities use the detected language, or English when
 * language detection is off; an unsupported language or a Comprehend error skips that part (and
 * says why) rather than failing the mail.
 */
export function comprehendInsights(client: ComprehendClient): DetectInsights {
  return async (text, switches) => {
    const skipped: string[] = [];
    const trimmed = text.trim();
    if (trimmed === '') return {};
    let language: MailInsights['language'];
    if (switches.detectLanguage) {
      try {
        const out = await client.send(
          new DetectDominantLanguageCommand({ Text: truncateUtf8(trimmed, COMPREHEND_LIMITS.language) }),
        );
        const best = [...(out.Languages ?? [])].sort((a, b) => (b.Score ?? 0) - (a.Score ?? 0))[0];
        if (best?.LanguageCode) language = { code: best.LanguageCode, score: best.Score ?? 0 };
      } catch (err) {
        skipped.push(`language: ${(err as Error).name}`);
      }
    }
    const code = language?.code ?? 'en';
    const supported = COMPREHEND_LANGUAGES.includes(code);
    let sentiment: MailInsights['sentiment'];
    if (switches.detectSentiment) {
      if (!supported) skipped.push(`sentiment: language ${code} not supported`);
      else
        try {
          const out = await client.send(
            new DetectSentimentCommand({
              Text: truncateUtf8(trimmed, COMPREHEND_LIMITS.sentiment),
              LanguageCode: code as LanguageCode,
            }),
          );
          const s = out.SentimentScore ?? {};
          sentiment = {
            label: out.Sentiment ?? 'UNKNOWN',
            scores: {
              positive: s.Positive ?? 0,
              negative: s.Negative ?? 0,
              neutral: s.Neutral ?? 0,
              mixed: s.Mixed ?? 0,
            },
          };
        } catch (err) {
          skipped.push(`sentiment: ${(err as Error).name}`);
        }
    }
    let entities: MailInsights['entities'];
    if (switches.detectEntities) {
      if (!supported) skipped.push(`entities: language ${code} not supported`);
      else
        try {
          const out = await client.send(
            new DetectEntitiesCommand({
              Text: truncateUtf8(trimmed, COMPREHEND_LIMITS.entities),
              LanguageCode: code as LanguageCode,
            }),
          );
          entities = (out.Entities ?? []).map((e) => ({
            text: e.Text ?? '',
            type: e.Type ?? 'OTHER',
            score: e.Score ?? 0,
          }));
        } catch (err) {
          skipped.push(`entities: ${(err as Error).name}`);
        }
    }
    return {
      ...(language ? { language } : {}),
      ...(sentiment ? { sentiment } : {}),
      ...(entities ? { entities } : {}),
      ...(skipped.length > 0 ? { skipped } : {}),
    };
  };
}
