import { RemovalPolicy } from 'aws-cdk-lib';
import type { Environment, ToolingAccount } from '@amzconnect/env';

/**
 * Per-environment overrides of the lifecycle defaults, as written under `environments.<env>` in a
 * sub-project's configuration file.
 */
export interface LifecycleOverrides {
  /**
   * Keep data-bearing resources (instance, buckets, keys, tables) when the stack is deleted or a
   * resource is replaced. Only non-production environments may set `false`.
   * @default true
   */
  readonly retainOnDelete?: boolean;
  /** Enable CloudFormation termination protection. @default true for production, false otherwise */
  readonly terminationProtection?: boolean;
  /**
   * Treat this environment as production even though it does not deploy from the tooling branch.
   * @default false (production is the environment whose branch is the tooling branch)
   */
  readonly production?: boolean;
}

/** How an environment's stacks and data-bearing resources behave on deletion. */
export interface LifecyclePolicy {
  /** Whether this is the production environment. */
  readonly production: boolean;
  /** Whether data-bearing resources are retained when deleted from the stack or replaced. */
  readonly retainOnDelete: boolean;
  /** Whether the stacks have CloudFormation termination protection. */
  readonly terminationProtection: boolean;
}

/**
 * Whether `environment` is production: the environment that deploys from the tooling branch
 * (`devops.json` `branch`, default `main`), i.e. the branch the platform itself is released from,
 * or one that says `"production": true` in its overrides.
 */
export function isProductionEnvironment(
  environment: Pick<Environment, 'branch'>,
  tooling: Pick<ToolingAccount, 'branch'>,
  overrides: LifecycleOverrides = {},
): boolean {
  return overrides.production === true || environment.branch === tooling.branch;
}

/**
 * The lifecycle of an environment's stacks: everything retained by default; termination
 * protection on for production. Validation (at load) guarantees production never opts out.
 */
export function lifecyclePolicy(
  environment: Pick<Environment, 'branch'>,
  tooling: Pick<ToolingAccount, 'branch'>,
  overrides: LifecycleOverrides = {},
): LifecyclePolicy {
  const production = isProductionEnvironment(environment, tooling, overrides);
  return {
    production,
    retainOnDelete: production ? true : (overrides.retainOnDelete ?? true),
    terminationProtection: production ? true : (overrides.terminationProtection ?? false),
  };
}

/** The CloudFormation removal policy for data-bearing resources under `policy`. */
export function dataRemovalPolicy(policy: Pick<LifecyclePolicy, 'retainOnDelete'>): RemovalPolicy {
  return policy.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
