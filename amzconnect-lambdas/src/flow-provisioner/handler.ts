import { Logger } from '@aws-lambda-powertools/logger';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import {
  ContactFlowDeployer,
  DeployClients,
  DeploymentFailedError,
  RunReport,
} from '@amzconnect/contact-flows/deploy';
import { CloudFormationResponse, sendResponse } from './cloudformation-response';
import { createProvisionerClients } from './flow-provisioner-clients';
import { loadFlowBundle } from './load-flow-bundle';
import {
  ContactFlowsProperties,
  decideProvisionerAction,
  parseProvisionerRequest,
} from './provisioner-request';

/** What the handler works with; created once per execution environment. */
export interface ProvisionerDependencies {
  readonly clients: DeployClients;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly region: string;
}

/** Time kept in reserve to answer CloudFormation before the function times out. */
const RESERVE_MS = 20_000;

/**
 * Builds the `Custom::ContactFlows` provider: deploys the stack's flow bundle into the
 * environment's Connect instance with the deployment engine (parse → decide → act). It always
 * answers CloudFormation: SUCCESS with the run's counts, or FAILED with each failing flow and the
 * problems Connect returned. A Delete answers SUCCESS without touching any flow.
 */
export function createHandler(dependencies: () => ProvisionerDependencies) {
  let deps: ProvisionerDependencies | undefined;
  return async (
    event: CloudFormationCustomResourceEvent,
    context: Pick<Context, 'getRemainingTimeInMillis'>,
  ): Promise<void> => {
    deps ??= dependencies();
    const base = {
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      PhysicalResourceId:
        event.RequestType === 'Create'
          ? `${event.LogicalResourceId}-contact-flows`
          : event.PhysicalResourceId,
    };
    let response: CloudFormationResponse;
    try {
      const request = parseProvisionerRequest(event);
      const decision = decideProvisionerAction(request);
      base.PhysicalResourceId = decision.physicalResourceId;
      if (decision.action === 'none') {
        deps.logger.info(decision.reason);
        response = { ...base, Status: 'SUCCESS' };
      } else {
        const report = await withDeadline(
          deployBundle(request.properties, deps),
          context.getRemainingTimeInMillis() - RESERVE_MS,
        );
        response = { ...base, Status: 'SUCCESS', Data: reportData(report) };
      }
    } catch (err) {
      deps.logger.error('Contact flow deployment failed', err as Error);
      response = { ...base, Status: 'FAILED', Reason: err instanceof Error ? err.message : String(err) };
    }
    await sendResponse(event.ResponseURL, response);
  };
}

/** The Lambda entry point. */
export const handler = createHandler(() => ({
  clients: createProvisionerClients(),
  logger: new Logger({ serviceName: 'flow-provisioner' }),
  region: process.env.AWS_REGION ?? '',
}));

async function deployBundle(
  props: ContactFlowsProperties,
  deps: ProvisionerDependencies,
): Promise<RunReport> {
  const bundle = await loadFlowBundle(deps.clients.s3, props.BundleBucket, props.BundleKey);
  const deployer = new ContactFlowDeployer({
    target: { app: props.App, env: props.Env, region: deps.region },
    clients: deps.clients,
    logger: deps.logger,
    createFlowVersions: props.CreateFlowVersions === 'true',
    catalogNames: bundle.catalogNames,
  });
  try {
    const { report } = await deployer.deploy(bundle.documents);
    deps.logger.info('Contact flows deployed', {
      runId: report.runId,
      planned: report.planned,
      calls: report.calls,
    });
    return report;
  } catch (err) {
    if (err instanceof DeploymentFailedError) deps.logger.error('Run report', { report: err.report });
    throw err;
  }
}

function reportData(report: RunReport): Record<string, string> {
  return {
    RunId: report.runId,
    Planned: Object.entries(report.planned)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    Writes: String(report.applied.length),
    MappingVersionId: report.mappingVersionId ?? '',
  };
}

/** Rejects when `ms` elapse first: the run is resumable, so a re-run picks up where this one stopped. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            'The deployment did not finish before the function timeout; redeploy to resume (runs are resumable).',
          ),
        ),
      Math.max(1000, ms),
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
