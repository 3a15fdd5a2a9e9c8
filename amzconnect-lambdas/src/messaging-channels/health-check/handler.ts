import { createLogger } from '../../shared/logger';
import { createHealthCheckHandler } from '../create-health-check-handler';
import { secretsManagerFacebookSecret } from '../facebook-secret';
import { createSecretsClient } from '../messaging-clients';
import { readMessagingSettings } from '../messaging-settings';

// Cold start: settings, client and logger once per execution environment.
const read = readMessagingSettings(process.env, []);
const secretArn = read.ok ? read.settings.facebookSecretArn : undefined;

/** Lambda entry point: Facebook's webhook verification challenge and a plain health check (GET). */
export const handler = createHealthCheckHandler({
  logger: createLogger(),
  facebookSecret: secretArn ? secretsManagerFacebookSecret(createSecretsClient(), secretArn) : undefined,
});
