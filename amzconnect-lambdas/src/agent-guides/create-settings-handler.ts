import { FlatStringMap } from '../shared/flat-map';
import { LogSink } from '../shared/logger';
import { GuideSettings } from './agent-guides-config';
import { decideReadiness, Readiness } from './decide-readiness';
import { gatherReadinessFacts, ReadinessClients } from './gather-readiness-facts';
import { guideSettingsAnswer } from './guide-settings-answer';

/** How long a container reuses a readiness answer in which every look-up succeeded. */
export const READINESS_CACHE_MS = 5 * 60 * 1000;
/** Time kept back from the function's timeout so an answer always reaches the flow. */
const SAFETY_MARGIN_MS = 300;

/** What the settings handler is built from. */
export interface SettingsDeps {
  readonly settings: GuideSettings;
  readonly clients: ReadinessClients;
  readonly logger: LogSink;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The part of the Lambda context the handler uses. */
interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/**
 * The settings function: reads every prerequisite of the configured channels (read-only SES v2
 * and End User Messaging calls), decides each channel's readiness in a pure function, and answers
 * the flow. A readiness in which every look-up succeeded is reused for {@link READINESS_CACHE_MS}
 * (many agents accept contacts each minute; prerequisites change rarely); one with a failed
 * look-up is not, so the next contact checks again. It never throws.
 */
export function createSettingsHandler(deps: SettingsDeps) {
  const now = deps.now ?? Date.now;
  let cached: { at: number; readiness: Readiness } | undefined;
  return async (_event?: unknown, context?: InvocationContext): Promise<FlatStringMap> => {
    if (cached && now() - cached.at < READINESS_CACHE_MS)
      return guideSettingsAnswer(deps.settings, cached.readiness);
    const remaining = context ? context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS : 5000;
    const facts = await gatherReadinessFacts(
      deps.clients,
      deps.settings,
      AbortSignal.timeout(Math.max(1, remaining)),
    );
    const readiness = decideReadiness(deps.settings, facts);
    const failed = [...readiness.email.reasons, ...readiness.sms.reasons].some(
      (r) => r.code === 'CHECK_FAILED',
    );
    cached = failed ? undefined : { at: now(), readiness };
    deps.logger.info('Readiness checked', {
      emailReady: readiness.email.ready,
      smsReady: readiness.sms.ready,
      emailNotReady: readiness.email.reasons.map((r) => r.code),
      smsNotReady: readiness.sms.reasons.map((r) => r.code),
    });
    return guideSettingsAnswer(deps.settings, readiness);
  };
}
