import { Logger } from '@aws-lambda-powertools/logger';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { ContactFlowDeployer, DeploymentFailedError, RunReport } from '@amzconnect/contact-flows/src/deploy';
import { CloudFormationResponse, sendResponse } from './cloudformation-response';
import { createProvisionerClients } from './flow-provisioner-clients';
import { loadFlowBundle } from './load-flow-bundle';
import { decideProvisionerAction, parseProvisionerRequest } from './provisioner-request';

const logger = new Logger({ serviceName: 'flow-provisioner' });
const clients = createProvisionerClients();

/** Time kept in reserve to answer CloudFormation before the function times out. */
const RESERVE_MS = 20_000;

/**
 * `Custom::ContactFlows` provider: deploys the stack's flow bundle into the environment's
 * Connect instance with the deployment engine (parse → decide → act). It always answers
 * CloudFormation: SUCCESS with the run's counts, or FAILED with each failing flow and the
 * problems Connect returned. A Delete answers SUCCESS without touching any flow.
 */
export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  const base = {
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    PhysicalResourceId: event.RequestType === 'Create' ? `${event.LogicalResourceId}-contact-flows` : event.PhysicalResourceId,
  };
  let response: CloudFormationResponse;
  try {
    const request = parseProvisionerRequest(event);
    const decision = decideProvisionerAction(request);
    base.PhysicalResourceId = decision.physicalResourceId;
    if (decision.action === 'none') {
      logger.info(decision.reason);
      response = { ...base, Status: 'SUCCESS' };
    } else {
      const report = await withDeadline(deployBundle(request.properties), context.getRemainingTimeInMillis() - RESERVE_MS);
      response = { ...base, Status: 'SUCCESS', Data: reportData(report) };
    }
  } catch (err) {
    logger.error('Contact flow deployment failed', err as Error);
    response = { ...base, Status: 'FAILED', Reason: err instanceof Error ? err.message : String(err) };
  }
  await sendResponse(event.ResponseURL, response);
}

async function deployBundle(props: ReturnType<typeof parseProvisionerRequest>['properties']): Promise<RunReport> {
  const bundle = await loadFlowBundle(clients.s3, props.BundleBucket, props.BundleKey);
  const deployer = new ContactFlowDeployer({
    target: { app: props.App, env: props.Env, region: process.env.AWS_REGION ?? '' },
    clients,
    logger,
    createFlowVersions: props.CreateFlowVersions === 'true',
  });
  try {
    const { report } = await deployer.deploy(bundle.documents);
    logger.info('Contact flows deployed', { runId: report.runId, planned: report.planned, calls: report.calls });
    return report;
  } catch (err) {
    if (err instanceof DeploymentFailedError) logger.error('Run report', { report: err.report });
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
      () => reject(new Error('The deployment did not finish before the function timeout; redeploy to resume (runs are resumable).')),
      Math.max(1000, ms),
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
