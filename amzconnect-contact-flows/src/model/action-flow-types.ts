import type { FlowFileType } from './flow-document';

/**
 * Flow types in which an action may be used, where Amazon Connect's documentation states it
 * (the "Restrictions" of each flow-language action and the "Flow types" of each flow block).
 * Action types not listed here are not checked.
 */
export const ACTION_FLOW_TYPES: Readonly<Record<string, readonly FlowFileType[]>> = {
  // Check hours of operation: inbound, transfer and customer queue flows; not hold or whisper.
  CheckHoursOfOperation: ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'AGENT_TRANSFER', 'QUEUE_TRANSFER', 'MODULE'],
  // Transfer to flow: inbound and transfer flows.
  TransferToFlow: ['CONTACT_FLOW', 'AGENT_TRANSFER', 'QUEUE_TRANSFER'],
  // Set working queue: inbound and transfer flows.
  UpdateContactTargetQueue: ['CONTACT_FLOW', 'AGENT_TRANSFER', 'QUEUE_TRANSFER', 'MODULE'],
  // Transfer to queue: inbound, customer queue and transfer flows.
  TransferContactToQueue: ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'AGENT_TRANSFER', 'QUEUE_TRANSFER'],
  // Transfer to queue inside a customer queue flow.
  DequeueContactAndTransferToQueue: ['CUSTOMER_QUEUE'],
  // Get customer input (DTMF or Lex): inbound, customer queue and transfer flows.
  GetParticipantInput: ['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'AGENT_TRANSFER', 'QUEUE_TRANSFER', 'MODULE'],
  ConnectParticipantWithLexBot: [
    'CONTACT_FLOW',
    'CUSTOMER_QUEUE',
    'AGENT_TRANSFER',
    'QUEUE_TRANSFER',
    'MODULE',
  ],
  // Loop prompts: customer queue and hold flows.
  MessageParticipantIteratively: ['CUSTOMER_QUEUE', 'CUSTOMER_HOLD', 'AGENT_HOLD'],
  // Return (end flow module): only in a flow module.
  EndFlowModuleExecution: ['MODULE'],
};
