import type { EnvironmentSettings } from './environment-settings';
import { ConfigProblem, UnknownEnvironmentError } from './config-error';

/**
 * The typed model of what the platform deploys, built once from `env/` by `loadPlatformConfig`.
 * Stacks and constructs receive these objects; none of them reads files or `process.env`.
 */

/** One deployment target: a branch that deploys to one AWS account in one or more Regions. */
export interface Environment {
  /** Environment name, e.g. `develop`; lowercase, used in stack and resource names. */
  readonly name: string;
  /** Git branch whose pushes deploy this environment, e.g. `develop`. */
  readonly branch: string;
  /** Whether pipelines exist for this environment. */
  readonly enabled: boolean;
  /**
   * 12-digit id of the AWS account the environment deploys to. In a local run, a placeholder
   * (`XXXXXXXXXXXX`) is held as a stand-in id, `000000000000` for the first distinct placeholder,
   * `000000000001` for the next (see {@link PlatformConfig.warnings}).
   */
  readonly account: string;
  /** Regions the environment deploys to, in the order given; never empty, no duplicates. */
  readonly regions: readonly string[];
  /**
   * Application prefix used for SSM parameters, flow names and stack names, e.g. `acme`; always
   * lowercase (written `ACME` in `accountvars.json`, it is used as `acme`).
   */
  readonly app: string;
  /** Whether release managers approve before this environment deploys. @default false */
  readonly approval: boolean;
  /**
   * Existing Amazon Connect instances the environment adopts, by Region (instance ARN). Regions
   * not listed get an instance the platform creates and manages. @default {} (every Region managed)
   */
  readonly existingInstances: Readonly<Record<string, string>>;
  /** Per-environment settings from `environments/<env>.json`. @default the defaults of every section */
  readonly settings: EnvironmentSettings;
  /**
   * Whether this environment may share its account and a Region with another enabled environment
   * that also allows it (they then share Amazon Connect's API quotas and name space).
   * @default false
   */
  readonly allowSharedAccountRegion: boolean;
  /** CDK bootstrap qualifier of the target account (`devops.json` `bootstrapQualifier`). @default hnb659fds */
  readonly bootstrapQualifier: string;
  /**
   * Platform prefix (`devops.json` `platformPrefix`): names the tooling roles the target account
   * trusts and the IAM path of the access roles there. @default amzconnect
   */
  readonly platformPrefix: string;
  /**
   * Whether the names of this environment in global namespaces (Connect instance aliases, S3
   * bucket names) end with {@link accountUniqueSuffix} (`devops.json` `accountUniqueNames`). The
   * sample turns it on; a configuration written before the field keeps its names, because a new
   * alias replaces the instance and a new bucket name replaces the bucket.
   * @default false
   */
  readonly accountUniqueNames: boolean;
}

/** The tooling account that hosts the pipelines and the webhook router. */
export interface ToolingAccount {
  /** Name of the tooling environment, e.g. `devops`. */
  readonly name: string;
  /** 12-digit id of the tooling AWS account (a placeholder's stand-in in a local run, see {@link Environment.account}). */
  readonly account: string;
  /** Region of the pipelines. */
  readonly region: string;
  /** ARN of the CodeStar (CodeConnections) connection to GitHub. */
  readonly connectionArn: string;
  /** GitHub owner (user or organisation) of the repository. */
  readonly owner: string;
  /** GitHub repository name. */
  readonly repo: string;
  /** Branch the self-update pipeline tracks. @default main */
  readonly branch: string;
  /** Address that receives pipeline notifications and approval requests. */
  readonly email: string;
  /** CDK bootstrap qualifier of the tooling and target accounts. @default hnb659fds */
  readonly bootstrapQualifier: string;
  /**
   * First part of every name the platform gives in the tooling account (stacks, pipelines, build
   * projects, roles, buckets), so that two platforms can share one tooling account.
   * @default amzconnect
   */
  readonly platformPrefix: string;
}

/** Everything the apps need to know about where the platform deploys. */
export interface PlatformConfig {
  /** Absolute path of the configuration folder the model was loaded from. */
  readonly configDir: string;
  /** Every environment declared, enabled or not, in file order. */
  readonly environments: readonly Environment[];
  /** The tooling account. */
  readonly tooling: ToolingAccount;
  /**
   * Things the loader adjusted that the user should know, e.g. an app name lowercased; printed by
   * `npm run synth`. @default none
   */
  readonly notices: readonly string[];
  /**
   * Placeholders a local run accepts and a strict run refuses (e.g. the sample account id
   * `XXXXXXXXXXXX`), with file and field; printed as warnings by the entry points. @default none
   */
  readonly warnings?: readonly ConfigProblem[];
}

/** The enabled environments, in file order. */
export function enabledEnvironments(config: PlatformConfig): readonly Environment[] {
  return config.environments.filter((e) => e.enabled);
}

/** One (environment, Region) pair: the unit every sub-project deploys a stack for. */
export interface DeploymentTarget {
  readonly environment: Environment;
  readonly region: string;
}

/**
 * Every enabled (environment, Region) pair, optionally restricted to the named environments.
 * @throws UnknownEnvironmentError when `only` names an environment that is not enabled.
 */
export function deploymentTargets(config: PlatformConfig, only?: readonly string[]): DeploymentTarget[] {
  const enabled = enabledEnvironments(config);
  if (only && only.length > 0) {
    const unknown = only.filter((name) => !enabled.some((e) => e.name === name));
    if (unknown.length > 0) {
      throw new UnknownEnvironmentError(
        `No enabled environment named ${unknown.map((u) => `"${u}"`).join(', ')} in ${config.configDir}; ` +
          `enabled: ${enabled.map((e) => e.name).join(', ') || '(none)'}.`,
      );
    }
  }
  return enabled
    .filter((e) => !only || only.length === 0 || only.includes(e.name))
    .flatMap((environment) => environment.regions.map((region) => ({ environment, region })));
}
