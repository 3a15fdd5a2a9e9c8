import * as path from 'path';
import { loadPlatformConfig, type PlatformConfig } from '@amzconnect/env';
import { DEFAULT_CONFIG_DIR } from '@amzconnect/env';
import type { CliIo } from '../cli/cli-io';
import { parseArgs } from '../cli/parse-args';
import { UsageError } from '../cli/usage-error';
import { loadRepoFlows } from '../format/load-repo-flows';
import { loadWorkloadSwitches, workloadOfFlowFile } from '../format/workload-flows';
import { FlowDocument } from '../model/flow-document';
import { REPO_ROOT } from '../paths';
import { Clock } from './clock';
import { ContactFlowDeployer, DeployTarget } from './contact-flow-deployer';
import { loadRepoCatalog } from '../catalog/load-repo-catalog';
import { DeployClients, createDeployClients } from './deploy-clients';
import { DeployLogger } from './deploy-logger';
import { cdkAssetsBucketName } from './cdk-assets-bucket';

/** What the plan, deploy and rollback commands may take from their caller besides {@link CliIo}. */
export interface DeployCliIo extends CliIo {
  /**
   * Builds the clients of a run for a Region.
   * @default real AWS clients with the default credential chain, Connect rate limited at 2/s, burst 5
   */
  readonly deployClients?: (region: string) => DeployClients;
  /** @default the system clock */
  readonly clock?: Clock;
}

/** A parsed `--env ENV --region R [--config DIR] [--repo DIR]` command line. */
export interface DeployCommandContext {
  readonly target: DeployTarget;
  /** Whether the environment requires approval before deploying. */
  readonly approval: boolean;
  readonly clients: DeployClients;
  readonly clock?: Clock;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly repoRoot: string;
  /** The configuration folder (`--config DIR`, default `<repo>/env`): environments and workload switches. */
  readonly configDir: string;
  readonly logger: DeployLogger;
  /** The platform configuration the command was run with (workload switches per environment). @default none */
  readonly platform?: PlatformConfig;
  /** AWS account of the environment (the run lock lives in its CDK assets bucket). */
  readonly account?: string;
}

/**
 * Parses the options every deployment command shares plus `extra`, validates the environment and
 * Region against `env/` (`--config DIR`), and builds the clients.
 * @throws UsageError for a bad command line or an unknown environment/Region
 */
export function deployCommandContext(
  argv: readonly string[],
  command: string,
  io: DeployCliIo,
  extra: Readonly<Record<string, 'string' | 'boolean'>> = {},
): DeployCommandContext {
  const { options } = parseArgs(
    argv,
    { env: 'string', region: 'string', config: 'string', repo: 'string', ...extra },
    command,
  );
  const envName = options.env;
  const region = options.region;
  if (typeof envName !== 'string' || typeof region !== 'string') {
    throw new UsageError(
      `${command}: --env ENV and --region REGION are required, e.g. ${command} --env develop --region us-east-1`,
    );
  }
  const repoRoot = typeof options.repo === 'string' ? path.resolve(io.cwd, options.repo) : REPO_ROOT;
  const configDir =
    typeof options.config === 'string'
      ? path.resolve(io.cwd, options.config)
      : path.join(repoRoot, DEFAULT_CONFIG_DIR);
  const config = loadPlatformConfig(configDir, { cwd: io.cwd });
  const environment = config.environments.find((e) => e.name === envName && e.enabled);
  if (!environment) {
    const names = config.environments.filter((e) => e.enabled).map((e) => e.name);
    throw new UsageError(
      `${command}: no enabled environment "${envName}" in ${configDir} (enabled: ${names.join(', ') || 'none'})`,
    );
  }
  if (!environment.regions.includes(region)) {
    throw new UsageError(
      `${command}: environment ${envName} does not deploy to ${region} (regions: ${environment.regions.join(', ')})`,
    );
  }
  const logger: DeployLogger = {
    info: (m) => io.stderr(`${m}\n`),
    warn: (m) => io.stderr(`warning: ${m}\n`),
    error: (m) => io.stderr(`error: ${m}\n`),
  };
  return {
    target: { app: environment.app, env: environment.name, region },
    approval: environment.approval,
    clients: io.deployClients ? io.deployClients(region) : createDeployClients({ region }),
    clock: io.clock,
    options,
    repoRoot,
    configDir,
    logger,
    platform: config,
    account: environment.account,
  };
}

/**
 * The repository's flows and modules, ready to deploy. With `envName`, flows of workloads that
 * environment does not turn on (`flows/<workload>/`, see `src/format/workload-flows.ts`) are left out.
 * @throws Error listing every file that could not be read (nothing deploys from a broken repo)
 */
export function loadDeployDocuments(
  repoRoot: string,
  envName?: string,
  configDir: string = path.join(repoRoot, DEFAULT_CONFIG_DIR),
): FlowDocument[] {
  const flowsDir = path.join(repoRoot, 'amzconnect-contact-flows', 'flows');
  const { flows, errors } = loadRepoFlows(flowsDir);
  if (errors.length > 0) {
    throw new Error(
      `${errors.length} flow file(s) cannot be read; run \`npm run flows -- lint\`:\n${errors.map((e) => `- ${e.message}`).join('\n')}`,
    );
  }
  if (envName === undefined) return flows.map((f) => f.document);
  const switches = loadWorkloadSwitches(loadPlatformConfig(configDir));
  return flows
    .filter((f) => {
      const workload = workloadOfFlowFile(f.path, switches, flowsDir);
      return workload === undefined || switches.get(workload)?.has(envName) === true;
    })
    .map((f) => f.document);
}

/**
 * The environment's flows (workloads filtered) and a deployer for them, as the plan and deploy
 * commands both need: same documents, same catalog, same clients.
 */
export function repoDeployer(
  ctx: DeployCommandContext,
  options: {
    readonly createFlowVersions?: boolean;
    /** Take the account-and-Region run lock (deploy; plan only reads). @default false */
    readonly lock?: boolean;
  } = {},
): { readonly documents: FlowDocument[]; readonly deployer: ContactFlowDeployer } {
  const documents = loadDeployDocuments(ctx.repoRoot, ctx.target.env, ctx.configDir);
  const { catalog } = loadRepoCatalog(documents, ctx.repoRoot);
  const deployer = new ContactFlowDeployer({
    target: ctx.target,
    clients: ctx.clients,
    clock: ctx.clock,
    logger: ctx.logger,
    catalogNames: catalog,
    createFlowVersions: options.createFlowVersions,
    adopt:
      typeof ctx.options.adopt === 'string'
        ? ctx.options.adopt === '*'
          ? 'all'
          : ctx.options.adopt
              .split(',')
              .map((n) => n.trim())
              .filter(Boolean)
        : undefined,
    unarchive: ctx.options.unarchive === true,
    onDrift: ctx.options['on-drift'] === 'fail' ? 'fail' : 'overwrite',
    ...(options.lock && ctx.account
      ? {
          lock: {
            bucket: cdkAssetsBucketName(ctx.account, ctx.target.region),
            holder: `CLI deploy of ${ctx.target.app}/${ctx.target.env} by ${process.env.USER ?? 'unknown user'}`,
          },
        }
      : {}),
  });
  return { documents, deployer };
}
