import { createHash } from 'crypto';
import { SUBPROJECT_IDS, SubprojectId } from '@amzconnect/env/contracts';
import type { ExecutionChanged, PushQueued, QueueEvent, StartReturned, Tick } from './queue-event';
import {
  AcceptedPush,
  EXECUTION_HISTORY,
  HaltOutcome,
  InFlightStep,
  PUSH_HISTORY,
  QueueState,
} from './queue-state';

/** Start one sub-project's pipeline, pinned to `commit`, with CodePipeline idempotency `token`. */
export interface StartAction {
  readonly type: 'start';
  readonly subproject: SubprojectId;
  readonly commit: string;
  readonly seq: number;
  readonly token: string;
  /** Sub-projects still pending after this one (for the pipeline variables humans read). */
  readonly remaining: readonly SubprojectId[];
}

/** Stop an execution the queue did not start (or a retry of a superseded one). */
export interface StopAction {
  readonly type: 'stop';
  readonly subproject: SubprojectId;
  readonly executionId: string;
  /** Shown in the console; CodePipeline takes at most 200 characters. */
  readonly reason: string;
}

/** Tell the operations address (the pipeline-results topic). */
export interface NotifyAction {
  readonly type: 'notify';
  readonly subject: string;
  readonly message: string;
  readonly subproject: SubprojectId;
  readonly commit: string | null;
  readonly executionId: string;
}

export type QueueAction = StartAction | StopAction | NotifyAction;

/** What happened to the event, for logs, the router's answer and the dry-run CLI. */
export type QueueOutcome =
  | 'started'
  | 'coalesced'
  | 'recorded'
  | 'refused'
  | 'advanced'
  | 'completed'
  | 'halted'
  | 'resumed'
  | 'stopped'
  | 'ignored';

/** Result of {@link decideQueue}: the next state, what to do, and why. */
export interface QueueDecision {
  readonly state: QueueState;
  readonly actions: readonly QueueAction[];
  readonly outcome: QueueOutcome;
  readonly reason: string;
}

/** A start whose execution id never came back is re-sent (same token) after this long. */
export const START_REDRIVE_MS = 60_000;

/**
 * CodePipeline's `clientRequestToken` for one step: the same environment, sub-project and push
 * always map to the same token, so a Lambda retry or a re-driven start returns the execution
 * already started instead of starting a second one (StartPipelineExecution, `clientRequestToken`:
 * "the system-generated unique ID used to identify a unique execution request", pattern
 * `^[a-zA-Z0-9-]+$`, 1-128 characters, in @aws-sdk/client-codepipeline's service model).
 */
export function startToken(env: string, subproject: SubprojectId, seq: number): string {
  return createHash('sha256').update(`${env}\n${subproject}\n${seq}`).digest('hex');
}

const short = (commit: string | null) => (commit ? commit.slice(0, 7) : 'no commit');
const inOrder = (ids: Iterable<SubprojectId>): SubprojectId[] => {
  const set = new Set(ids);
  return SUBPROJECT_IDS.filter((id) => set.has(id));
};
const keepLast = <T>(items: readonly T[], max: number): T[] => items.slice(Math.max(0, items.length - max));

const unchanged = (state: QueueState, outcome: QueueOutcome, reason: string): QueueDecision => ({
  state,
  actions: [],
  outcome,
  reason,
});

/** Starts the first pending sub-project at the head when nothing is in flight and nothing halted. */
function startNext(state: QueueState, at: number): { state: QueueState; start: StartAction | null } {
  if (state.inFlight || state.halted || !state.head || state.pending.length === 0) {
    return { state, start: null };
  }
  const [subproject, ...remaining] = state.pending;
  const { commit, seq } = state.head;
  const token = startToken(state.env, subproject, seq);
  const inFlight: InFlightStep = { subproject, commit, seq, token, executionId: null, startedAt: at };
  return {
    state: { ...state, pending: remaining, inFlight, movedAt: at },
    start: { type: 'start', subproject, commit, seq, token, remaining },
  };
}

/**
 * Classifies a push against the pushes already accepted. The push sequence is the queue's own
 * counter, given in arrival order, not anything in the payload: `head_commit.timestamp` is the
 * committer's clock (rebases and forced pushes back to an older commit carry old dates), and
 * `before`/`after` only chain pushes that arrive in order. Arrival order is corrected for the
 * cases GitHub's payload does prove: the same delivery id (GitHub keeps it across redeliveries,
 * github/docs#32822), `repository.pushed_at` older than the head's (GitHub's own clock, so a
 * replayed body under a fresh delivery id cannot win), a `before`/`after` pair already accepted,
 * or an `after` that an accepted push already moved past.
 * @returns the reason to refuse, or `null` to accept as the newest push
 */
function staleReason(state: QueueState, push: PushQueued): string | null {
  const byDelivery = state.pushes.find((p) => p.deliveryId === push.deliveryId);
  if (byDelivery) return `delivery ${push.deliveryId} was already queued as push #${byDelivery.seq}`;
  const head = state.head;
  if (head && push.pushedAt !== null && head.pushedAt !== null && push.pushedAt < head.pushedAt) {
    return `pushed at ${push.pushedAt}, before push #${head.seq} (${short(head.commit)}) at ${head.pushedAt}: a late or replayed delivery`;
  }
  // The branch moves on from the commit the queue knows as newest: a new push, even back to an
  // older commit (a forced push) or a repeat of an earlier pair after such a push.
  if (head && push.before === head.commit) return null;
  const same = state.pushes.find((p) => p.before === push.before && p.after === push.after);
  if (same)
    return `the same push (${short(push.before)} → ${short(push.after)}) was already queued as push #${same.seq}`;
  const passed = state.pushes.find((p) => p.before === push.after || p.after === push.after);
  if (passed) {
    return `commit ${short(push.after)} is older than push #${head?.seq ?? passed.seq} (${short(head?.commit ?? null)}): a late or replayed delivery`;
  }
  return null;
}

function onPush(state: QueueState, push: PushQueued): QueueDecision {
  const stale = staleReason(state, push);
  if (stale) return unchanged(state, 'refused', `refused: ${stale}; nothing starts`);
  const seq = state.lastSeq + 1;
  const accepted: AcceptedPush = { seq, deliveryId: push.deliveryId, before: push.before, after: push.after };
  const pending = inOrder([...state.pending, ...push.subprojects]);
  const resumedFromHalt = state.halted;
  let next: QueueState = {
    ...state,
    lastSeq: seq,
    head: { commit: push.after, seq, pushedAt: push.pushedAt },
    pending,
    halted: null,
    pushes: keepLast([...state.pushes, accepted], PUSH_HISTORY),
    movedAt: push.at,
  };
  const after = short(push.after);
  const undone = resumedFromHalt
    ? `; includes ${resumedFromHalt.subproject}, left undone when ${short(resumedFromHalt.commit)} ${resumedFromHalt.outcome.toLowerCase()}`
    : '';
  if (next.inFlight) {
    const f = next.inFlight;
    return {
      state: next,
      actions: [],
      outcome: 'coalesced',
      reason:
        `coalesced as push #${seq}: ${f.subproject} is in flight at ${short(f.commit)} (push #${f.seq}); ` +
        `${pending.length ? `${pending.join(', ')} will deploy ${after}` : 'nothing else is pending'}${undone}`,
    };
  }
  const started = startNext(next, push.at);
  next = started.state;
  if (!started.start) {
    return {
      state: next,
      actions: [],
      outcome: 'recorded',
      reason: `push #${seq} (${after}) recorded; no sub-project is pending`,
    };
  }
  return {
    state: next,
    actions: [started.start],
    outcome: 'started',
    reason:
      `push #${seq}: ${started.start.subproject} starts at ${after}` +
      (started.start.remaining.length ? `; then ${started.start.remaining.join(', ')}` : '') +
      undone,
  };
}

function haltNotice(state: QueueState, step: InFlightStep, executionId: string, outcome: HaltOutcome) {
  const verb = { FAILED: 'failed', STOPPED: 'was stopped', SUPERSEDED: 'was superseded' }[outcome];
  return {
    type: 'notify' as const,
    subject: `Release of ${state.env} halted: ${step.subproject} ${verb}`,
    message:
      `Environment ${state.env}: the ${step.subproject} pipeline ${verb} (execution ${executionId}) ` +
      `deploying commit ${step.commit} (push #${step.seq}). A rejected approval also ends here. ` +
      `Nothing else starts for ${state.env} until the next push, which includes ${step.subproject} again. ` +
      `To retry this commit instead, use "Retry" on the failed stage of that execution.`,
    subproject: step.subproject,
    commit: step.commit,
    executionId,
  };
}

function onOwnExecution(state: QueueState, step: InFlightStep, e: ExecutionChanged): QueueDecision {
  if (e.state === 'STARTED' || e.state === 'RESUMED') {
    if (step.executionId === e.executionId) return unchanged(state, 'ignored', 'already recorded');
    return {
      state: { ...state, inFlight: { ...step, executionId: e.executionId } },
      actions: [],
      outcome: 'recorded',
      reason: `${step.subproject} execution ${e.executionId} recorded`,
    };
  }
  const finished = keepLast([...state.finished, e.executionId], EXECUTION_HISTORY);
  if (e.state === 'SUCCEEDED') {
    const prev = state.deployed[step.subproject];
    const deployed =
      prev && prev.seq > step.seq
        ? state.deployed
        : { ...state.deployed, [step.subproject]: { commit: step.commit, seq: step.seq } };
    const started = startNext({ ...state, inFlight: null, deployed, finished, movedAt: e.at }, e.at);
    const done = `${step.subproject} deployed ${short(step.commit)} (push #${step.seq})`;
    if (!started.start) {
      return { state: started.state, actions: [], outcome: 'completed', reason: `${done}; release complete` };
    }
    return {
      state: started.state,
      actions: [started.start],
      outcome: 'advanced',
      reason: `${done}; ${started.start.subproject} starts at ${short(started.start.commit)}`,
    };
  }
  const halted = {
    subproject: step.subproject,
    commit: step.commit,
    seq: step.seq,
    executionId: e.executionId,
    outcome: e.state,
    at: e.at,
  };
  return {
    state: {
      ...state,
      inFlight: null,
      pending: inOrder([...state.pending, step.subproject]),
      halted,
      finished,
      movedAt: e.at,
    },
    actions: [haltNotice(state, step, e.executionId, e.state)],
    outcome: 'halted',
    reason: `${step.subproject} ${e.state.toLowerCase()} at ${short(step.commit)}; the release of ${state.env} ends here`,
  };
}

function stop(state: QueueState, e: ExecutionChanged, why: string): QueueDecision {
  const reason = `Stopped by the release queue of ${state.env}: ${why}. Push to release; see ROUTER.md.`;
  return {
    state,
    actions: [
      { type: 'stop', subproject: e.subproject, executionId: e.executionId, reason: reason.slice(0, 200) },
      {
        type: 'notify',
        subject: `Release queue of ${state.env} stopped a ${e.subproject} execution`,
        message:
          `Environment ${state.env}: execution ${e.executionId} of the ${e.subproject} pipeline ` +
          `(commit ${e.commit ?? 'not pinned'}) was stopped because ${why}. Releases start only from ` +
          `pushes, so that the environment never goes back to an older commit; push (an empty commit ` +
          `will do) to release the branch head.`,
        subproject: e.subproject,
        commit: e.commit,
        executionId: e.executionId,
      },
    ],
    outcome: 'stopped',
    reason: `refused: ${why}`,
  };
}

function onExecution(state: QueueState, e: ExecutionChanged): QueueDecision {
  const step = state.inFlight;
  const isFinished = state.finished.includes(e.executionId);
  const halted = state.halted;
  if (
    step &&
    step.subproject === e.subproject &&
    (step.executionId === e.executionId ||
      (step.executionId === null && !isFinished && e.token === step.token))
  ) {
    return onOwnExecution(state, step, e);
  }
  if (halted && halted.executionId === e.executionId && halted.subproject === e.subproject) {
    if (e.state === 'RESUMED' || e.state === 'SUCCEEDED') {
      // "Retry" on the failed stage of the halted execution: fold it back into the queue. Nothing
      // newer can exist for this sub-project, since the halt blocks every start until a push.
      const step: InFlightStep = {
        subproject: halted.subproject,
        commit: halted.commit,
        seq: halted.seq,
        token: startToken(state.env, halted.subproject, halted.seq),
        executionId: halted.executionId,
        startedAt: e.at,
      };
      const resumed: QueueState = {
        ...state,
        halted: null,
        inFlight: step,
        // Still pending afterwards when a newer push (accepted before the failure was seen) changed it too.
        pending:
          state.head && state.head.seq > halted.seq
            ? state.pending
            : state.pending.filter((id) => id !== halted.subproject),
        finished: state.finished.filter((id) => id !== e.executionId),
        movedAt: e.at,
      };
      if (e.state === 'SUCCEEDED') return onOwnExecution(resumed, step, e);
      return unchanged(resumed, 'resumed', `${halted.subproject} at ${short(halted.commit)} is retried`);
    }
    return unchanged(state, 'ignored', `execution ${e.executionId} already ended the release`);
  }
  if (e.state === 'RESUMED') {
    return stop(state, e, `it retries ${e.executionId}, a release already superseded by a newer push`);
  }
  if (e.state === 'STARTED') {
    if (isFinished) return unchanged(state, 'ignored', `late event: ${e.executionId} already ended`);
    const inFlight = step
      ? `${step.subproject} is in flight at ${short(step.commit)}`
      : 'nothing may start outside the queue';
    return stop(
      state,
      e,
      e.commit === null
        ? `it was started outside the queue (console "Release change"?) and is pinned to no pushed commit; ${inFlight}`
        : `it was started outside the queue at ${short(e.commit)}; ${inFlight}`,
    );
  }
  return unchanged(
    state,
    'ignored',
    isFinished
      ? `duplicate or late event: ${e.executionId} already ended`
      : `${e.executionId} is not an execution of the queue (stopped or started elsewhere)`,
  );
}

function onStarted(state: QueueState, e: StartReturned): QueueDecision {
  const step = state.inFlight;
  if (!step || step.token !== e.token) return unchanged(state, 'ignored', 'that step has already ended');
  if (step.executionId !== null) return unchanged(state, 'ignored', 'already recorded');
  return {
    state: { ...state, inFlight: { ...step, executionId: e.executionId } },
    actions: [],
    outcome: 'recorded',
    reason: `${step.subproject} execution ${e.executionId} recorded`,
  };
}

function onTick(state: QueueState, e: Tick): QueueDecision {
  const step = state.inFlight;
  if (step && step.executionId === null && e.at - step.startedAt >= START_REDRIVE_MS) {
    const remaining = state.pending;
    return {
      state: { ...state, inFlight: { ...step, startedAt: e.at } },
      actions: [
        {
          type: 'start',
          subproject: step.subproject,
          commit: step.commit,
          seq: step.seq,
          token: step.token,
          remaining,
        },
      ],
      outcome: 'started',
      reason: `start of ${step.subproject} at ${short(step.commit)} never returned; sent again with the same token`,
    };
  }
  return unchanged(state, 'ignored', 'nothing to re-drive');
}

/**
 * The release queue's one decision: `(state, event) → (next state, actions)`. Pure: no I/O, no
 * clock (times come in the events), no environment variables. Invariants it keeps (and the
 * model-based test checks after every step): at most one step in flight; every start deploys the
 * newest accepted push; a sub-project's deployed push sequence never decreases; steps start in
 * `SUBPROJECTS` order; a failed, stopped or superseded step halts the release until the next push.
 */
export function decideQueue(state: QueueState, event: QueueEvent): QueueDecision {
  switch (event.kind) {
    case 'push':
      return onPush(state, event);
    case 'execution':
      return onExecution(state, event);
    case 'started':
      return onStarted(state, event);
    case 'tick':
      return onTick(state, event);
  }
}

/** How long the release of an environment has not moved while work remains (0 when idle). */
export function releaseStalledMs(state: QueueState, now: number): number {
  const waiting = state.inFlight !== null || state.halted !== null || state.pending.length > 0;
  return waiting ? Math.max(0, now - state.movedAt) : 0;
}
