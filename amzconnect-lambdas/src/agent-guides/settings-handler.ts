import { createLogger } from '../shared/logger';
import { readGuideSettings } from './agent-guides-config';
import { createSettingsHandler } from './create-settings-handler';
import { createSesClient, createSmsClient } from './messaging-clients';

// Cold start: settings, clients and logger are created once and reused while warm.
const settings = readGuideSettings(process.env);
const options = { requestTimeoutMs: 2000 };

/**
 * Lambda entry point: the guide flow's first call. Checks that each channel's prerequisites are
 * really in place (read-only calls) and answers readiness, links and view ARNs.
 */
export const handler = createSettingsHandler({
  settings,
  clients: { ses: createSesClient(options), sms: createSmsClient(options) },
  logger: createLogger(),
});
