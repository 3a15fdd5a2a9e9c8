import { WorkloadManifest } from '../manifest/workload-manifest';
import { parseAsEnvironmentEntry } from '../manifest/parse-as-environment-entry';
import {
  MessagingChannelsSettings,
  messagingChannelsFor,
  parseMessagingChannelsConfig,
} from './messaging-channels-config';

/** The messaging-channels workload: two-way SMS and Facebook Messenger bridged to Connect chat. */
export const MESSAGING_CHANNELS_MANIFEST: WorkloadManifest<MessagingChannelsSettings> = {
  id: 'messaging-channels',
  description:
    'Two-way SMS (End User Messaging) and Facebook Messenger bridged to Connect chat by message streaming',
  flowsFolder: 'messaging-channels',
  // Its flows call no function: the bridge works outside the flow (message streaming).
  flowFunctions: [],
  parse: (raw, ctx) =>
    parseAsEnvironmentEntry(raw, ctx, (shape, file) =>
      parseMessagingChannelsConfig(shape, file, { environments: [ctx.environment] }),
    )?.environments.get(ctx.environment.name),
  target: (settings, region) =>
    messagingChannelsFor({ environments: new Map([['env', settings]]) }, 'env', region),
};
