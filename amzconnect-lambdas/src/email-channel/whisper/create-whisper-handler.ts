import { FlatStringMap } from '../../shared/flat-map';
import { LogSink } from '../../shared/logger';
import { CASE_ID } from '../shared/case-address';
import { CaseStore } from '../shared/case-store';
import { parseFlowEvent } from '../shared/flow-event';

/** What the whisper function is built from. */
export interface WhisperDeps {
  /** The store, or why it is not configured. */
  readonly cases: CaseStore | { readonly problem: string };
  readonly logger: LogSink;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * Builds the handler the agent whisper flow invokes when an agent accepts an email task: records
 * the agent (flow parameters `AgentArn`, `AgentUserName` from `$.Agent`) and the queue
 * (`Details.ContactData.Queue`) on the case, so the next customer mail goes back to that agent.
 * Never throws; answers `Recorded` = `true` / `false`, with `Error` when it could not record.
 */
export function createWhisperHandler(deps: WhisperDeps) {
  const now = deps.now ?? (() => new Date());
  return async (event: unknown): Promise<FlatStringMap> => {
    const parsed = parseFlowEvent(event);
    if (!parsed) return { Recorded: 'false', Error: 'INVALID_EVENT' };
    if ('problem' in deps.cases) {
      deps.logger.error('Whisper function is misconfigured', { problem: deps.cases.problem });
      return { Recorded: 'false', Error: 'CONFIGURATION' };
    }
    const caseId = parsed.attributes.CaseId ?? '';
    const agentArn = parsed.parameters.AgentArn ?? '';
    if (!CASE_ID.test(caseId) || !agentArn) {
      deps.logger.warn('Whisper without case or agent', {
        contactId: parsed.contactId,
        caseId,
        hasAgent: agentArn !== '',
      });
      return { Recorded: 'false', Error: 'NO_CASE_OR_AGENT' };
    }
    const agent = { arn: agentArn, userName: parsed.parameters.AgentUserName ?? '' };
    const queue = parsed.queue ?? { arn: '', name: '' };
    try {
      const recorded = await deps.cases.recordAssignment(caseId, agent, queue, {
        at: now().toISOString(),
        type: 'ASSIGNED',
        contactId: parsed.contactId,
        agentArn: agent.arn,
        agentUserName: agent.userName,
        queueArn: queue.arn,
        queueName: queue.name,
      });
      if (!recorded) {
        deps.logger.warn('Whisper for an unknown case', { contactId: parsed.contactId, caseId });
        return { Recorded: 'false', Error: 'UNKNOWN_CASE' };
      }
      return { Recorded: 'true' };
    } catch (err) {
      deps.logger.error('Cannot record the assignment', {
        contactId: parsed.contactId,
        caseId,
        error: (err as Error).name,
      });
      return { Recorded: 'false', Error: 'RECORD_FAILED' };
    }
  };
}
