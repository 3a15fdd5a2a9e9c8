import { SsmNames } from '@amzconnect/env';
import { Clock } from '@amzconnect/contact-flows/deploy';
import { ContactFlowDeployer, ContactFlowDeployerProps } from '@amzconnect/contact-flows/deploy';
import { DeployClients, createDeployClients } from '@amzconnect/contact-flows/deploy';
import { TokenBucket } from '@amzconnect/contact-flows/deploy';
import { ConnectEmulator, ConnectEmulatorOptions } from './connect-emulator';
import { immediateRetry } from './immediate-retry';
import { LambdaConfigEmulator } from './lambda-config-emulator';
import { ManualClock } from './manual-clock';
import { S3VersionedEmulator } from './s3-versioned-emulator';
import { SsmParametersEmulator } from './ssm-parameters-emulator';

/** Settings of one run's clients, instead of the environment's. */
export interface RateOverride {
  readonly ratePerSecond?: number;
  readonly burst?: number;
  /**
   * Retry as a deployment does: the SDK's adaptive mode, with its back-off between attempts. By
   * default the clients make the same attempts 1 ms apart: the emulators answer at once and
   * inject throttling and 5xx answers on a schedule, so the SDK's back-off (jittered, from 100 ms
   * and 500 ms after throttling, doubling per attempt) only made the tests wait: 8 s of the
   * deployer tests' 23 s (bench/suite-timing.md).
   * @default false
   */
  readonly sdkBackoff?: boolean;
}

/** Options of {@link startDeployTestEnvironment}. */
export interface DeployTestEnvironmentOptions {
  readonly app?: string;
  readonly env?: string;
  readonly connect?: ConnectEmulatorOptions;
  /** @default a {@link ManualClock} */
  readonly clock?: Clock;
  /** Connect token bucket rate per second. @default 2 */
  readonly ratePerSecond?: number;
  /** Connect token bucket burst. @default 5 */
  readonly burst?: number;
  /** Lambda ARNs published in SSM (by logical name) and associated with the instance. @default `mapping` only */
  readonly lambdas?: readonly string[];
  /** Lex bots whose alias ARNs are published and associated. @default none */
  readonly bots?: readonly string[];
}

/**
 * A complete local target environment: Connect, a versioned flow bucket, SSM parameters as the
 * other sub-projects publish them, and the mapping function's configuration, each behind a
 * local endpoint that the real SDK clients talk to.
 */
export interface DeployTestEnvironment {
  readonly app: string;
  readonly env: string;
  readonly region: string;
  readonly flowBucket: string;
  /** The CDK assets bucket of the account and Region (default bootstrap qualifier). */
  readonly assetsBucket: string;
  readonly connect: ConnectEmulator;
  readonly s3: S3VersionedEmulator;
  readonly lambda: LambdaConfigEmulator;
  readonly ssm: SsmParametersEmulator;
  readonly clock: Clock;
  readonly mappingFunctionArn: string;
  /** New clients (with a new token bucket and call counter) for one run. */
  clients(rate?: RateOverride): DeployClients;
  /** A deployer for one run, with new clients. */
  deployer(
    props?: Partial<Omit<ContactFlowDeployerProps, 'target'>>,
    rate?: RateOverride,
  ): {
    deployer: ContactFlowDeployer;
    clients: DeployClients;
  };
  /** Lambda ARN of a logical function name. */
  lambdaArn(name: string): string;
  stop(): Promise<void>;
}

/** Starts every emulator, seeded for `app`/`env`. */
export async function startDeployTestEnvironment(
  options: DeployTestEnvironmentOptions = {},
): Promise<DeployTestEnvironment> {
  const app = options.app ?? 'acme';
  const env = options.env ?? 'develop';
  const clock = options.clock ?? new ManualClock();
  const connect = new ConnectEmulator({ now: () => clock.now(), ...options.connect });
  const region = connect.region;
  const flowBucket = `${app}-${env}-flows-${region}`;
  const assetsBucket = `cdk-hnb659fds-assets-${connect.account}-${region}`;
  const s3 = new S3VersionedEmulator([flowBucket, assetsBucket]);
  const lambda = new LambdaConfigEmulator();
  const lambdaArn = (name: string) =>
    `arn:aws:lambda:${region}:${connect.account}:function:${app}-${env}-${name}`;
  const mappingFunctionArn = lambdaArn('mapping');
  const ssm = new SsmParametersEmulator({
    [SsmNames.connect.instanceId(app, env)]: connect.instanceId,
    [SsmNames.infra.flowBucketName(app, env)]: flowBucket,
  });
  for (const name of ['mapping', ...(options.lambdas ?? [])]) {
    ssm.parameters.set(SsmNames.lambdas.functionArn(app, env, name), lambdaArn(name));
    connect.associateLambda(lambdaArn(name));
  }
  for (const bot of options.bots ?? []) {
    const alias = `arn:aws:lex:${region}:${connect.account}:bot-alias/${bot.toUpperCase()}ID/${env.toUpperCase()}ALIAS`;
    ssm.parameters.set(SsmNames.infra.lexBotAliasArn(app, env, bot), alias);
    connect.associateBot(alias);
  }
  lambda.addFunction(mappingFunctionArn, {
    MAPPING_BUCKET: flowBucket,
    MAPPING_KEY: `mappings/${app}/${env}/mapping.json`,
    POWERTOOLS_SERVICE_NAME: 'mapping',
  });
  const [connectUrl, s3Url, lambdaUrl, ssmUrl] = await Promise.all([
    connect.start(),
    s3.start(),
    lambda.start(),
    ssm.start(),
  ]);
  const clients = (rate: RateOverride = {}) =>
    createDeployClients({
      region,
      bucket: new TokenBucket({
        ratePerSecond: rate.ratePerSecond ?? options.ratePerSecond ?? 2,
        burst: rate.burst ?? options.burst ?? 5,
        clock,
      }),
      endpoints: { connect: connectUrl, s3: s3Url, lambda: lambdaUrl, ssm: ssmUrl },
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      ...(rate.sdkBackoff ? {} : { retryStrategy: immediateRetry }),
    });
  return {
    app,
    env,
    region,
    flowBucket,
    assetsBucket,
    connect,
    s3,
    lambda,
    ssm,
    clock,
    mappingFunctionArn,
    clients,
    lambdaArn,
    deployer(props = {}, rate = {}) {
      const c = clients(rate);
      return {
        clients: c,
        deployer: new ContactFlowDeployer({ target: { app, env, region }, clients: c, clock, ...props }),
      };
    },
    async stop() {
      await Promise.all([connect.stop(), s3.stop(), lambda.stop(), ssm.stop()]);
    },
  };
}
