import { WorkloadManifest } from '../manifest/workload-manifest';
import { parseAsEnvironmentEntry } from '../manifest/parse-as-environment-entry';
import { EMAIL_CHANNEL_FLOW_FUNCTIONS, parseEmailChannelConfig } from './email-channel-config';
import { EmailChannelSettings } from './email-channel-settings';
import { sesIdentityOwnerProblems } from './ses-identity-owners';

/**
 * The email-channel workload: mail to an inquiry address becomes a Connect task; agents answer
 * through relay addresses. Built in every Region of an environment that turns it on (the domain's
 * MX record picks the Region that receives).
 */
export const EMAIL_CHANNEL_MANIFEST: WorkloadManifest<EmailChannelSettings> = {
  id: 'email-channel',
  description: 'E-mail to an inquiry address becomes a Connect task; agents answer through relay addresses',
  flowsFolder: 'email-channel',
  flowFunctions: EMAIL_CHANNEL_FLOW_FUNCTIONS,
  parse: (raw, ctx) =>
    parseAsEnvironmentEntry(raw, ctx, (shape, file) =>
      parseEmailChannelConfig(shape, file, [
        { name: ctx.environment.name, regions: ctx.environment.regions },
      ]),
    )?.environments.get(ctx.environment.name),
  target: (settings) => settings,
  checkAcrossEnvironments: sesIdentityOwnerProblems,
  // Agents move a mail task to another queue with a quick connect whose transfer flow keeps the
  // channel's queue and whisper flows (the reference's email-QueueTransfer flow). Email tasks are
  // contacts of the TASK channel, so the queues are those routing profiles serve on TASK.
  queueTransfer: { flow: 'ACME_email_queue_transfer', channel: 'TASK', label: 'Email' },
};
