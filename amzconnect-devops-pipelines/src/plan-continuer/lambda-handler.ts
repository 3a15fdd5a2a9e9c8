import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { createCodePipelineClient } from '../router/aws-clients';
import { createPlanContinuer, ContinueOutcome } from './continue-plan';
import { parseContinuerEnvironment } from './lambda-environment';

// Init, once per execution environment.
const { allowedPipelines } = parseContinuerEnvironment(process.env);
const logger = new Logger({ serviceName: 'release-plan-continuer' });
const continuePlan = createPlanContinuer({ client: createCodePipelineClient(), allowedPipelines, logger });

/** EventBridge (pipeline SUCCEEDED) → next pipeline of the release plan. */
export async function handler(event: unknown, context: Context): Promise<ContinueOutcome> {
  logger.addContext(context);
  return continuePlan(event);
}
