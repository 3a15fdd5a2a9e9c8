import type { PlatformConfig } from '@amzconnect/env';
import {
  PLATFORM_PREFIX_PATTERN,
  pipelineName,
  selfUpdatePipelineName,
  SUBPROJECT_IDS,
  SubprojectId,
} from '@amzconnect/env/contracts';

/** Name of the environment variable that carries the routing table to the router Lambda. */
export const ROUTING_TABLE_ENV = 'ROUTING_TABLE';

/** The pipelines of one enabled environment, by sub-project. */
export interface RoutedEnvironment {
  /** Environment name, e.g. `develop`. */
  readonly name: string;
  /** Branch whose pushes release this environment. */
  readonly branch: string;
  /** Pipeline name of each sub-project, e.g. `{ lambdas: 'amzconnect-lambdas-develop', ... }`. */
  readonly pipelines: Readonly<Record<SubprojectId, string>>;
}

/**
 * Everything the router needs to know about the platform, derived from `PlatformConfig` at synth
 * time and handed to the Lambda as compact JSON (see {@link serializeRoutingTable}).
 */
export interface RoutingTable {
  /** Platform prefix of every pipeline name (`devops.json` `platformPrefix`), e.g. `amzconnect`. */
  readonly platformPrefix: string;
  /** Enabled environments only, in configuration order. */
  readonly environments: readonly RoutedEnvironment[];
  /** Branch the self-update pipeline tracks. */
  readonly toolingBranch: string;
  /** Name of the self-update pipeline. */
  readonly selfUpdatePipeline: string;
  /** `owner/repo` of the configured GitHub repository; pushes from any other are ignored. */
  readonly repository: string;
}

/** Builds the routing table from the validated platform configuration. */
export function routingTableFromConfig(config: PlatformConfig): RoutingTable {
  const prefix = config.tooling.platformPrefix;
  return {
    platformPrefix: prefix,
    environments: config.environments
      .filter((e) => e.enabled)
      .map((e) => ({ name: e.name, branch: e.branch, pipelines: environmentPipelines(prefix, e.branch) })),
    toolingBranch: config.tooling.branch,
    selfUpdatePipeline: selfUpdatePipelineName(prefix),
    repository: `${config.tooling.owner}/${config.tooling.repo}`,
  };
}

/** The pipeline names of the environment on `branch`, by sub-project. */
function environmentPipelines(platformPrefix: string, branch: string): Record<SubprojectId, string> {
  return Object.fromEntries(
    SUBPROJECT_IDS.map((id) => [id, pipelineName(platformPrefix, id, branch)]),
  ) as Record<SubprojectId, string>;
}

/** Every pipeline the router may start: each sub-project pipeline of each enabled environment, then self-update. */
export function routablePipelines(table: RoutingTable): string[] {
  return [
    ...table.environments.flatMap((e) => SUBPROJECT_IDS.map((id) => e.pipelines[id])),
    table.selfUpdatePipeline,
  ];
}

/** The sub-project pipelines only (what a release plan can contain). */
export function releasePipelines(table: RoutingTable): string[] {
  return table.environments.flatMap((e) => SUBPROJECT_IDS.map((id) => e.pipelines[id]));
}

/**
 * Compact JSON form: `{"p":"amzconnect","t":"main","s":"<self-update>","r":"owner/repo","e":[["develop","develop"],...]}`.
 * Pipeline names are not stored: they follow from the platform prefix and the branch
 * (`pipelineName`), which keeps 25 environments well inside a Lambda environment's 4 KB.
 */
export function serializeRoutingTable(table: RoutingTable): string {
  return JSON.stringify({
    p: table.platformPrefix,
    t: table.toolingBranch,
    s: table.selfUpdatePipeline,
    r: table.repository,
    e: table.environments.map((e) => [e.name, e.branch]),
  });
}

const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}\/[A-Za-z0-9._-]{1,100}$/;

/**
 * Parses the compact JSON form back, checking every field.
 * @throws Error naming the variable, what is wrong, and the fix (redeploy the tooling stack)
 */
export function parseRoutingTable(
  json: string | undefined,
  variable: string = ROUTING_TABLE_ENV,
): RoutingTable {
  const fail = (what: string): never => {
    throw new Error(
      `${variable} ${what}; it is computed by the WebhookRouter construct from env/ at synth time: redeploy the tooling stack.`,
    );
  };
  if (json === undefined || json === '') return fail('is not set');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail('is not valid JSON');
  }
  const r = raw as { p?: unknown; t?: unknown; s?: unknown; r?: unknown; e?: unknown };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('must be a JSON object');
  if (typeof r.p !== 'string' || !PLATFORM_PREFIX_PATTERN.test(r.p))
    return fail('has no valid platform prefix in "p"');
  const prefix = r.p;
  if (typeof r.t !== 'string' || !NAME.test(r.t)) return fail('has no valid tooling branch in "t"');
  if (typeof r.s !== 'string' || !NAME.test(r.s))
    return fail('has no valid self-update pipeline name in "s"');
  if (typeof r.r !== 'string' || !REPOSITORY.test(r.r)) return fail('has no valid owner/repo in "r"');
  if (!Array.isArray(r.e)) return fail('has no environment list in "e"');
  const environments = r.e.map((entry: unknown, i: number): RoutedEnvironment => {
    const ok =
      Array.isArray(entry) &&
      entry.length === 2 &&
      typeof entry[0] === 'string' &&
      typeof entry[1] === 'string' &&
      NAME.test(entry[1]);
    if (!ok) return fail(`has an invalid environment at e[${i}] (expected [name, branch])`);
    const [name, branch] = entry as [string, string];
    return { name, branch, pipelines: environmentPipelines(prefix, branch) };
  });
  return {
    platformPrefix: prefix,
    environments,
    toolingBranch: r.t,
    selfUpdatePipeline: r.s,
    repository: r.r,
  };
}
