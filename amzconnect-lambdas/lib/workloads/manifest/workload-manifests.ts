import { AGENT_GUIDES_MANIFEST } from '../agent-guides/agent-guides-manifest';
import type { AgentGuidesTarget } from '../agent-guides/agent-guides-config';
import { EMAIL_CHANNEL_MANIFEST } from '../email-channel/email-channel-manifest';
import type { EmailChannelSettings } from '../email-channel/email-channel-settings';
import { MESSAGING_CHANNELS_MANIFEST } from '../messaging-channels/messaging-channels-manifest';
import type { MessagingChannelsSettings } from '../messaging-channels/messaging-channels-config';
import { WorkloadManifest } from './workload-manifest';

/**
 * What the stack of one (environment, Region) receives from each workload that is on there; a
 * workload absent here is off (its registry functions, construct and flows are not deployed).
 */
export interface WorkloadTargets {
  /** Agent step-by-step guides with e-mail and SMS back-end actions. */
  readonly 'agent-guides'?: AgentGuidesTarget;
  /** SMS and Messenger bridged to Connect chat; built by `MessagingChannels`. */
  readonly 'messaging-channels'?: MessagingChannelsSettings;
  /** Email channel on Amazon Connect Tasks; built by `EmailChannel`. */
  readonly 'email-channel'?: EmailChannelSettings;
}

/** Ids of the workloads, e.g. `email-channel`. */
export type WorkloadId = keyof WorkloadTargets;

/**
 * Every workload of the platform, by id; adding one is one manifest, one line here and one in
 * {@link WorkloadTargets} (the compiler then asks for its construct in `WORKLOAD_CONSTRUCTS`).
 */
export const WORKLOAD_MANIFESTS: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [K in WorkloadId]-?: WorkloadManifest<any, NonNullable<WorkloadTargets[K]>>;
} = {
  'agent-guides': AGENT_GUIDES_MANIFEST,
  'messaging-channels': MESSAGING_CHANNELS_MANIFEST,
  'email-channel': EMAIL_CHANNEL_MANIFEST,
};

/** The ids, in declaration order. */
export const WORKLOAD_IDS = Object.keys(WORKLOAD_MANIFESTS) as WorkloadId[];
