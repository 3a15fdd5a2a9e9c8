import { Construct } from 'constructs';
import { AgentGuidesTemplate } from './agent-guides/agent-guides-template';
import { EmailChannel } from './email-channel/email-channel';
import { MessagingChannels } from './messaging-channels/messaging-channels';
import { WorkloadId, WorkloadTargets } from './manifest/workload-manifests';

/** What a workload's construct receives besides its settings. */
export interface WorkloadConstructContext {
  readonly app: string;
  readonly envName: string;
  /** ARN of the environment's Connect instance (from SSM). */
  readonly connectInstanceArn: string;
}

/** Builds a workload's own resources in the lambdas stack of one (environment, Region). */
export type WorkloadConstructFactory<T> = (
  scope: Construct,
  settings: T,
  ctx: WorkloadConstructContext,
) => void;

/**
 * The construct of each workload, by id (the CDK half of its manifest; the compiler asks for an
 * entry per workload). `undefined`: the workload is only registry functions (`config/functions.json`
 * entries with its `workload`), which the stack builds like any other.
 */
export const WORKLOAD_CONSTRUCTS: {
  readonly [K in WorkloadId]-?: WorkloadConstructFactory<NonNullable<WorkloadTargets[K]>> | undefined;
} = {
  // Its functions are registry functions; the construct is the SES template, when the stack manages it.
  'agent-guides': (scope, settings) => {
    if (settings.email?.manageTemplate)
      new AgentGuidesTemplate(scope, 'AgentGuidesTemplate', { templateName: settings.email.template });
  },
  'messaging-channels': (scope, settings, ctx) =>
    new MessagingChannels(scope, 'MessagingChannels', {
      settings,
      connectInstanceArn: ctx.connectInstanceArn,
    }),
  'email-channel': (scope, settings, ctx) =>
    new EmailChannel(scope, 'EmailChannel', {
      app: ctx.app,
      envName: ctx.envName,
      settings,
      connectInstanceArn: ctx.connectInstanceArn,
    }),
};
