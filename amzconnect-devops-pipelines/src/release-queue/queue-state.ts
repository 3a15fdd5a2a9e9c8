import type { SubprojectId } from '@amzconnect/env/contracts';

/** One push the queue accepted, kept to recognise redeliveries and replays of it. */
export interface AcceptedPush {
  /** Push sequence the queue gave it (1, 2, 3, ... per environment, in arrival order). */
  readonly seq: number;
  /** `X-GitHub-Delivery`: GitHub keeps it across redeliveries of the same event. */
  readonly deliveryId: string;
  /** Commit the branch pointed at before the push. */
  readonly before: string;
  /** Commit the push moved the branch to. */
  readonly after: string;
}

/** A commit deployed (or being deployed) from a given push. */
export interface CommitAtSeq {
  readonly commit: string;
  readonly seq: number;
}

/** The one pipeline execution the queue has in flight for an environment. */
export interface InFlightStep extends CommitAtSeq {
  readonly subproject: SubprojectId;
  /** CodePipeline's idempotency token of the start (see `startToken`). */
  readonly token: string;
  /** Execution id once CodePipeline returned it (or an event named it); `null` while starting. */
  readonly executionId: string | null;
  /** When the queue decided to start it (epoch ms). */
  readonly startedAt: number;
}

/** Terminal outcomes that end a release without deploying its step. */
export type HaltOutcome = 'FAILED' | 'STOPPED' | 'SUPERSEDED';

/** Why the release of an environment stopped; cleared by the next accepted push. */
export interface Halt extends CommitAtSeq {
  readonly subproject: SubprojectId;
  readonly executionId: string;
  readonly outcome: HaltOutcome;
  readonly at: number;
}

/**
 * The release queue of one environment: one DynamoDB item, written only with a condition on
 * `version` (see `queue-store.ts`), so concurrent deliveries and events serialise on it.
 */
export interface QueueState {
  /** Environment name (the item's key). */
  readonly env: string;
  /** Optimistic-lock version, incremented by every write. */
  readonly version: number;
  /** Last push sequence given out; the next accepted push gets `lastSeq + 1`. */
  readonly lastSeq: number;
  /** Newest accepted push: every step that has not started deploys this commit. */
  readonly head: (CommitAtSeq & { readonly pushedAt: number | null }) | null;
  /** Sub-projects not yet deployed at `head` (nor in flight), in release order. */
  readonly pending: readonly SubprojectId[];
  /** At most one step in flight per environment. */
  readonly inFlight: InFlightStep | null;
  /** Last commit deployed per sub-project and the push it came from. */
  readonly deployed: Readonly<Partial<Record<SubprojectId, CommitAtSeq>>>;
  /** Set when a step failed, was stopped or superseded; nothing starts until the next push. */
  readonly halted: Halt | null;
  /** Recently accepted pushes, oldest first, at most `PUSH_HISTORY`. */
  readonly pushes: readonly AcceptedPush[];
  /** Executions the queue started and saw end, newest last, at most `EXECUTION_HISTORY`. */
  readonly finished: readonly string[];
  /** Last time the release moved (push accepted, step started or ended), epoch ms; 0 never. */
  readonly movedAt: number;
}

/**
 * Pushes remembered per environment to recognise redeliveries and replays. GitHub lets users
 * redeliver deliveries of the past 3 days (docs.github.com, "Redelivering webhooks"); 200 pushes
 * to one environment branch in 3 days is far beyond a release branch's traffic, and the item
 * stays a few tens of KB, well inside DynamoDB's 400 KB item limit.
 */
export const PUSH_HISTORY = 200;
/** Finished executions remembered, to ignore late and duplicate events about them. */
export const EXECUTION_HISTORY = 50;

/** The state of an environment that has never been released through the queue. */
export function emptyQueueState(env: string): QueueState {
  return {
    env,
    version: 0,
    lastSeq: 0,
    head: null,
    pending: [],
    inFlight: null,
    deployed: {},
    halted: null,
    pushes: [],
    finished: [],
    movedAt: 0,
  };
}
