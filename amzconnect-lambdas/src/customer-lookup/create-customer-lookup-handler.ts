import { FlatStringMap } from '../shared/flat-map';
import { LogSink } from '../shared/logger';
import { ConfigResult } from './config';
import { parseLookupEvent } from './connect-event';
import { FindAndRecordCall } from './customer-store';
import { errorAnswer, lookupAnswer, LookupOutcome } from './lookup-answer';

/** What the customer lookup handler is built from. */
export interface CustomerLookupDeps {
  /** The configuration read at cold start, or why it is unusable. */
  readonly config: ConfigResult;
  /** The table call; absent when the configuration is unusable. */
  readonly findAndRecordCall?: FindAndRecordCall;
  readonly logger: LogSink;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** The part of the Lambda context the handler uses. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept back from the function's own timeout so an answer always leaves the function. */
const SAFETY_MARGIN_MS = 300;

/**
 * Builds the handler: parse the event, ask the table within a bounded time, answer a flat string
 * map. It never throws: a malformed event, a slow or failing table and a broken configuration
 * all become a "not found" answer with an `Error` code and a log line.
 */
export function createCustomerLookupHandler(deps: CustomerLookupDeps) {
  const now = deps.now ?? (() => new Date());
  return async (event: unknown, context?: InvocationContext): Promise<FlatStringMap> => {
    const parsed = parseLookupEvent(event);
    if (!parsed.ok) {
      deps.logger.warn('Cannot look the caller up', {
        code: parsed.problem.code,
        reason: parsed.problem.message,
        contactId: parsed.problem.contactId,
      });
      return errorAnswer(parsed.problem.code);
    }
    const { phoneNumber, contactId } = parsed.request;
    if (!deps.config.ok || !deps.findAndRecordCall) {
      deps.logger.error('Customer lookup is misconfigured', {
        reason: deps.config.ok ? 'no table client' : deps.config.problem,
        contactId,
      });
      return errorAnswer('CONFIGURATION', phoneNumber);
    }
    const remaining = context ? context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS : Infinity;
    const budgetMs = Math.max(1, Math.min(deps.config.config.timeoutMs, remaining));
    const outcome = await deps
      .findAndRecordCall(phoneNumber, now(), AbortSignal.timeout(budgetMs))
      .catch((err: unknown): LookupOutcome => ({
        kind: 'failed',
        errorName: (err as Error)?.name ?? 'Error',
      }));
    if (outcome.kind === 'timed-out')
      deps.logger.warn('Customer table did not answer in time; answering not found', { contactId, budgetMs });
    else if (outcome.kind === 'failed')
      deps.logger.error('Customer table call failed; answering not found', {
        contactId,
        error: outcome.errorName,
      });
    else deps.logger.info('Customer looked up', { contactId, found: outcome.kind === 'found' });
    return lookupAnswer(phoneNumber, outcome);
  };
}
