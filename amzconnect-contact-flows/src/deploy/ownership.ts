import { DeployedFlow } from './instance-snapshot';

/** Tag key naming the application that owns a flow or module (set on create, read back by Search/Describe). */
export const OWNER_APP_TAG = 'amzconnect:app';
/** Tag key naming the environment that owns a flow or module. */
export const OWNER_ENV_TAG = 'amzconnect:env';

/** Who owns a deployed flow, judged by its tags. `unknown` when its tags were not read. */
export type Ownership = 'ours' | 'untagged' | 'foreign' | 'unknown';

/**
 * The tags the engine puts on everything it creates. `CreateContactFlow` and
 * `CreateContactFlowModule` accept `Tags`, `TagResource` adds them to adopted flows, and
 * `ContactFlow.Tags` / `ContactFlowModule.Tags` return them (SDK model, models_0/models_1.d.ts).
 */
export function ownerTags(app: string, env: string): Record<string, string> {
  return { [OWNER_APP_TAG]: app, [OWNER_ENV_TAG]: env };
}

/** Whether `deployed` belongs to this app and environment (pure). */
export function ownershipOf(deployed: DeployedFlow, app: string, env: string): Ownership {
  const tags = deployed.tags;
  if (tags === undefined) return 'unknown';
  if (tags[OWNER_APP_TAG] === undefined && tags[OWNER_ENV_TAG] === undefined) return 'untagged';
  return tags[OWNER_APP_TAG] === app && tags[OWNER_ENV_TAG] === env ? 'ours' : 'foreign';
}
