import { WorkloadManifest } from '../manifest/workload-manifest';
import { parseAsEnvironmentEntry } from '../manifest/parse-as-environment-entry';
import {
  AGENT_GUIDES_WORKLOAD,
  AgentGuidesEnvironment,
  AgentGuidesTarget,
  agentGuidesTarget,
  parseAgentGuidesConfig,
} from './agent-guides-config';
import { sesTemplateOwnerProblems } from './ses-template-owners';

/** The agent-guides workload: step-by-step guides with e-mail and SMS back-end actions. */
export const AGENT_GUIDES_MANIFEST: WorkloadManifest<AgentGuidesEnvironment, AgentGuidesTarget> = {
  id: AGENT_GUIDES_WORKLOAD,
  description:
    'Step-by-step agent guides (cancellation, disconnect) sending templated e-mail (SES) and SMS (End User Messaging)',
  flowsFolder: AGENT_GUIDES_WORKLOAD,
  // Registry functions (config/functions.json, "workload": "agent-guides").
  flowFunctions: [
    'agent-guides-settings',
    'agent-guides-send-email',
    'agent-guides-send-sms',
    'agent-guides-send-notice',
  ],
  parse: (raw, ctx) =>
    parseAsEnvironmentEntry(raw, ctx, (shape, file) =>
      parseAgentGuidesConfig(shape, file, { environments: [ctx.environment] }),
    )?.environments[ctx.environment.name],
  target: (settings, region) => agentGuidesTarget({ environments: { env: settings } }, 'env', region),
  checkAcrossEnvironments: sesTemplateOwnerProblems,
};
