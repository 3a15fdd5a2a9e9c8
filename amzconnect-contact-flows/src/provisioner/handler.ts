import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { Clock, systemClock } from '../deploy/clock';
import { ContactFlowDeployer, DeploymentFailedError } from '../deploy/contact-flow-deployer';
import { DeployClients } from '../deploy/deploy-clients';
import { RunLockedError } from '../deploy/deploy-errors';
import { DeployLogger } from '../deploy/deploy-logger';
import { RunReport } from '../deploy/run-report';
import { exportedFlowArns } from './exported-flow-arns';
import { loadFlowBundle } from './load-flow-bundle';
import { createProvisionerClients } from './provisioner-clients';
import { decideProvisionerAction, parseProvisionerRequest } from './provisioner-request';

/** What the handlers work with; created once per execution environment. */
export interface ProvisionerDependencies {
  readonly clients: DeployClients;
  readonly logger: DeployLogger;
  readonly region: string;
  /** Bucket of the account-and-Region run lock (the CDK assets bucket). @default no lock */
  readonly lockBucket?: string;
  /** @default the system clock */
  readonly clock?: Clock;
}

/** What the Provider framework's onEvent handler answers. */
export interface OnEventResponse {
  readonly PhysicalResourceId: string;
}

/** What the Provider framework's isComplete handler answers. */
export interface IsCompleteResponse {
  readonly IsComplete: boolean;
  readonly Data?: Record<string, string>;
}

/** The event the isComplete handler gets: the request plus what onEvent answered. */
export type IsCompleteEvent = CloudFormationCustomResourceEvent & { readonly PhysicalResourceId?: string };

/**
 * The `Custom::ContactFlows` provider, for the CDK Provider framework (aws-cdk-lib/custom-resources):
 *
 * - `onEvent` only parses and decides (parse → decide): it answers at once with the physical id;
 * - `isComplete` is polled by the framework's state machine until it says complete or the total
 *   timeout passes. Each call is one bounded run of the engine: it takes the account's run lock,
 *   plans, and writes until its own Lambda budget is nearly spent (no new write in the last
 *   minute), then answers `IsComplete: false`; the next call plans again and continues. A run
 *   larger than one invocation (a first deploy of 5,000 flows) thus completes across calls, and
 *   nothing writes after CloudFormation was answered: the framework answers (with its own
 *   retries) only after the last call returned, and a call that fails answers FAILED at once.
 *
 * Delete never touches a flow.
 */
export function createProvisioner(dependencies: () => ProvisionerDependencies) {
  let deps: ProvisionerDependencies | undefined;
  const onEvent = async (event: CloudFormationCustomResourceEvent): Promise<OnEventResponse> => {
    deps ??= dependencies();
    const decision = decideProvisionerAction(parseProvisionerRequest(event));
    if (decision.action === 'none') deps.logger.info(decision.reason);
    return { PhysicalResourceId: decision.physicalResourceId };
  };
  const isComplete = async (
    event: IsCompleteEvent,
    context: Pick<Context, 'getRemainingTimeInMillis'>,
  ): Promise<IsCompleteResponse> => {
    deps ??= dependencies();
    const request = parseProvisionerRequest(event);
    if (decideProvisionerAction(request).action === 'none') return { IsComplete: true };
    const props = request.properties;
    const clock = deps.clock ?? systemClock;
    const bundle = await loadFlowBundle(deps.clients.s3, props.BundleBucket, props.BundleKey);
    const deployer = new ContactFlowDeployer({
      target: { app: props.App, env: props.Env, region: deps.region },
      clients: deps.clients,
      logger: deps.logger,
      clock,
      createFlowVersions: props.CreateFlowVersions === 'true',
      catalogNames: bundle.catalogNames,
      adopt: props.Adopt ? props.Adopt.split(',').filter(Boolean) : undefined,
      onDrift: props.OnDrift === 'fail' ? 'fail' : 'overwrite',
      deadline: clock.now() + context.getRemainingTimeInMillis(),
      ...(deps.lockBucket
        ? {
            lock: {
              bucket: deps.lockBucket,
              holder: `provisioner of ${props.App}/${props.Env} (CloudFormation request ${request.requestId})`,
            },
          }
        : {}),
    });
    try {
      const { prepared, report } = await deployer.deploy(bundle.documents);
      deps.logger.info('Contact flow run', {
        runId: report.runId,
        status: report.status,
        calls: report.calls,
      });
      if (report.status === 'incomplete') return { IsComplete: false };
      const exported = (props.ExportFlowArns ?? '').split(',').filter(Boolean);
      return {
        IsComplete: true,
        Data: { ...reportData(report), ...exportedFlowArns(exported, prepared.plan.items, report.applied) },
      };
    } catch (err) {
      if (err instanceof RunLockedError) {
        deps.logger.warn(err.message);
        return { IsComplete: false };
      }
      if (err instanceof DeploymentFailedError) deps.logger.error('Run report', { report: err.report });
      throw err;
    }
  };
  return { onEvent, isComplete };
}

/** A JSON-lines logger for Lambda (CloudWatch keeps one record per line). */
export const lambdaLogger: DeployLogger = {
  info: (message, ...detail) => console.log(JSON.stringify({ level: 'INFO', message, detail })),
  warn: (message, ...detail) => console.warn(JSON.stringify({ level: 'WARN', message, detail })),
  error: (message, ...detail) => console.error(JSON.stringify({ level: 'ERROR', message, detail })),
};

const provisioner = createProvisioner(() => ({
  clients: createProvisionerClients(),
  logger: lambdaLogger,
  region: process.env.AWS_REGION ?? '',
  lockBucket: process.env.RUN_LOCK_BUCKET || undefined,
}));

/** Lambda entry of the framework's onEvent handler. */
export const onEvent = provisioner.onEvent;
/** Lambda entry of the framework's isComplete handler. */
export const isComplete = provisioner.isComplete;

function reportData(report: RunReport): Record<string, string> {
  return {
    RunId: report.runId,
    Planned: Object.entries(report.planned)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    Writes: String(report.applied.length),
    MappingVersionId: report.mappingVersionId ?? '',
  };
}
