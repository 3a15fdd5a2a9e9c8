import { FlowFileType } from '../model/flow-document';

/** Flow types whose flows end by returning rather than disconnecting. */
const RETURNING_TYPES = new Set<string>([
  'CUSTOMER_QUEUE',
  'CUSTOMER_HOLD',
  'CUSTOMER_WHISPER',
  'AGENT_HOLD',
  'AGENT_WHISPER',
  'OUTBOUND_WHISPER',
]);

/**
 * Minimal valid content for a flow or module that other new flows reference before its real
 * content can be written (reference cycles). A stub lives only between its creation and the
 * content update later in the same run; if the run dies in between, the next run sees a
 * content difference and fills it.
 */
export function stubContent(type: FlowFileType): string {
  const actionType =
    type === 'MODULE'
      ? 'EndFlowModuleExecution'
      : RETURNING_TYPES.has(type)
        ? 'EndFlowExecution'
        : 'DisconnectParticipant';
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'stub',
    Actions: [{ Identifier: 'stub', Type: actionType, Parameters: {}, Transitions: {} }],
  });
}
