/**
 * The repository's flow file format: one flow or flow module per file, pretty-printed, with a
 * small header and the Amazon Connect flow language as a JSON object (never an escaped string):
 *
 * ```json
 * {
 *   "name": "ACME_Main",
 *   "type": "CONTACT_FLOW",
 *   "description": "Greets the caller and routes by Lex intent",
 *   "content": { "Version": "2019-10-30", "StartAction": "...", "Actions": [ ... ] }
 * }
 * ```
 *
 * `type` is one of Connect's contact flow types, or `MODULE` for a flow module.
 */

/** Amazon Connect contact flow types (the API's `ContactFlowType`). */
export const CONTACT_FLOW_TYPES = [
  'CONTACT_FLOW',
  'CUSTOMER_QUEUE',
  'CUSTOMER_HOLD',
  'CUSTOMER_WHISPER',
  'AGENT_HOLD',
  'AGENT_WHISPER',
  'OUTBOUND_WHISPER',
  'AGENT_TRANSFER',
  'QUEUE_TRANSFER',
  'CAMPAIGN',
] as const;

/** A contact flow type from the API. */
export type ContactFlowType = (typeof CONTACT_FLOW_TYPES)[number];

/** `type` of a flow file: a contact flow type, or `MODULE` for a flow module. */
export type FlowFileType = ContactFlowType | 'MODULE';

/** One action of the flow language. */
export interface FlowAction {
  readonly Identifier: string;
  readonly Type: string;
  readonly Parameters?: Record<string, unknown>;
  readonly Transitions?: {
    readonly NextAction?: string;
    readonly Errors?: readonly { readonly NextAction: string; readonly ErrorType: string }[];
    readonly Conditions?: readonly { readonly NextAction: string; readonly Condition?: unknown }[];
  };
}

/** The flow language document (`Content` in the API, parsed). */
export interface FlowContent {
  readonly Version: string;
  readonly StartAction: string;
  readonly Actions: readonly FlowAction[];
  readonly Metadata?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/** A flow or module as stored in the repository. */
export interface FlowDocument {
  /** Name in Amazon Connect, unique per instance among flows (or among modules). */
  readonly name: string;
  /** Contact flow type, or `MODULE`. */
  readonly type: FlowFileType;
  /** Description shown in Connect. @default none */
  readonly description?: string;
  /** The flow language, with deploy-time placeholders instead of ARNs. */
  readonly content: FlowContent;
}

/** Whether a document is a flow module rather than a contact flow. */
export function isModule(doc: Pick<FlowDocument, 'type'>): boolean {
  return doc.type === 'MODULE';
}
