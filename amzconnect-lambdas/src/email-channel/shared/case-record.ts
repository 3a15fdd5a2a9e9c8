/** Where one stored mail of a case is, in the mail bucket. */
export interface StoredMailRef {
  /** Key of the original `.eml`. */
  readonly originalKey: string;
  /** Key of the formatted JSON (see `formatted-mail.ts`). */
  readonly formattedKey: string;
  readonly subject: string;
  readonly receivedAt: string;
  /** `Message-ID` of the mail, for `In-Reply-To` on the answer. */
  readonly messageId?: string;
}

/** Kinds of events in a case's history. */
export type CaseEventType = 'INBOUND' | 'TASK_STARTED' | 'ASSIGNED' | 'REPLY_SENT' | 'REJECTED';

/** One event of a case's history: when, what, and flat details. */
export interface CaseEvent {
  readonly at: string;
  readonly type: CaseEventType;
  readonly [detail: string]: string;
}

/** The interaction record of one case (DynamoDB item, key `caseId`). */
export interface CaseRecord {
  readonly caseId: string;
  /** `OPEN` until an agent rejects it; a new customer mail reopens it. */
  readonly status: 'OPEN' | 'CLOSED';
  readonly customerAddress: string;
  readonly customerName: string;
  /** Subject of the first mail. */
  readonly subject: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The customer's latest mail, which the next reply quotes. */
  readonly latestInbound?: StoredMailRef;
  /** The agent who last accepted a task of the case (recorded by the whisper function). */
  readonly agent?: { readonly arn: string; readonly userName: string };
  /** The queue the last task was accepted from. */
  readonly queue?: { readonly arn: string; readonly name: string };
  /** Id of the last task contact started for the case. */
  readonly lastContactId?: string;
  /** Every event, oldest first. */
  readonly history: readonly CaseEvent[];
}
