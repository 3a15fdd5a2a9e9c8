import { FlatStringMap } from '../shared/flat-map';

/**
 * What a send function answers, in `Result`; the guide flow branches on it with a Compare block.
 *
 * - `SENT`: the service accepted the message (`MessageId` is set).
 * - `INVALID_INPUT`: a form field is wrong (`Field` names them); the agent corrects the form.
 * - `NOT_CONFIGURED`: this environment has no sender (identity, template, origination identity)
 *   or the service says it is missing or unverified; an administrator must act.
 * - `OPTED_OUT`: the customer's number opted out of SMS; nothing can be sent to it.
 * - `FAILED`: anything else (throttling, service error); the agent may try again later.
 */
export type GuideResult = 'SENT' | 'INVALID_INPUT' | 'NOT_CONFIGURED' | 'OPTED_OUT' | 'FAILED';

/** One answer of a send function, before it is flattened for Connect. */
export interface GuideAnswer {
  readonly result: GuideResult;
  /** A sentence the agent may read: never an address, a number or a customer's name. */
  readonly message: string;
  /** Form fields that are wrong, for `INVALID_INPUT`. @default none */
  readonly fields?: readonly string[];
  /** The service's message id, for `SENT`. @default none */
  readonly messageId?: string;
}

/**
 * Flattens an answer into what Connect accepts: always the keys `Result`, `Message`, `Field` and
 * `MessageId` (empty when not applicable), so the flow never reads a missing key.
 */
export function toFlowResult(answer: GuideAnswer): FlatStringMap {
  return {
    Result: answer.result,
    Message: answer.message,
    Field: (answer.fields ?? []).join(','),
    MessageId: answer.messageId ?? '',
  };
}
