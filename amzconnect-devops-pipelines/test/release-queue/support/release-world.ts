import { SUBPROJECT_IDS, SubprojectId } from '@amzconnect/env';
import { decideQueue, QueueDecision, StartAction } from '../../../src/release-queue/decide-queue';
import type { ExecutionState, QueueEvent } from '../../../src/release-queue/queue-event';
import { emptyQueueState, QueueState } from '../../../src/release-queue/queue-state';
import { effectiveState, PipelineExecutionStatus } from '../../../src/release-queue/effective-state';

const STATUS: Record<Execution['status'], PipelineExecutionStatus> = {
  running: 'InProgress',
  STARTED: 'InProgress',
  RESUMED: 'InProgress',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  STOPPED: 'Stopped',
  SUPERSEDED: 'Superseded',
};

/**
 * A simulated world around the REAL decision code: GitHub (a branch, pushes, deliveries that
 * may be late, redelivered or replayed), CodePipeline (executions, idempotent starts, events
 * delivered at least once and in any order) and people (manual "Release change", "Retry",
 * approvals that take long). Every step goes through `decideQueue`; the world only plays the
 * services, and `check()` states the invariants of issue 15 against the world's ground truth.
 */

/** One push as GitHub made it; `index` is its true place in the branch's history. */
export interface PushBody {
  readonly index: number;
  readonly deliveryId: string;
  readonly before: string;
  readonly after: string;
  readonly pushedAt: number;
  readonly subprojects: readonly SubprojectId[];
}

interface Execution {
  readonly id: string;
  readonly subproject: SubprojectId;
  /** `null` for a manual "Release change" (no pinned commit). */
  readonly commit: string | null;
  /** True push index of the body the queue started it for (`-1` for manual ones). */
  readonly pushIndex: number;
  readonly byQueue: boolean;
  readonly token: string | null;
  status: 'running' | ExecutionState;
}

export type Step =
  | { readonly t: 'push'; readonly subprojects: readonly SubprojectId[]; readonly backTo: number | null }
  | { readonly t: 'deliver'; readonly pick: number }
  | { readonly t: 'redeliver'; readonly pick: number }
  | { readonly t: 'replay'; readonly pick: number }
  | { readonly t: 'finish'; readonly outcome: 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'SUPERSEDED' }
  | { readonly t: 'event'; readonly pick: number }
  | { readonly t: 'duplicate'; readonly pick: number }
  | { readonly t: 'returned'; readonly pick: number }
  | { readonly t: 'manual'; readonly subproject: SubprojectId; readonly pinned: boolean }
  | { readonly t: 'retry'; readonly pick: number }
  | { readonly t: 'tick'; readonly ms: number };

const ENV = 'develop';
const commitOf = (n: number) => n.toString(16).padStart(40, 'c');

export class ReleaseWorld {
  public state: QueueState = emptyQueueState(ENV);
  public readonly bodies: PushBody[] = [];
  /** Deliveries GitHub has not made yet (late ones), by body index. */
  private readonly undelivered: number[] = [];
  private readonly executions = new Map<string, Execution>();
  private readonly byToken = new Map<string, string>();
  /** Events CodePipeline emitted that the queue has not received yet. */
  private readonly eventBuffer: QueueEvent[] = [];
  private readonly deliveredEvents: QueueEvent[] = [];
  private readonly returns: QueueEvent[] = [];
  private now = 1_000_000;
  private commits = 0;
  private deliveries = 0;
  private tip = commitOf(0);
  private readonly history: string[] = [commitOf(0)];
  /** Ground truth: true push index deployed per sub-project (from executions that succeeded). */
  public readonly deployedIndex: Partial<Record<SubprojectId, number>> = {};
  /** Queue seq → true push index of the body it came from. */
  private readonly seqToIndex = new Map<number, number>();
  private readonly startedIndex: Partial<Record<SubprojectId, number>> = {};
  public decisions = 0;
  private delivering = -1;
  public readonly log: string[] = [];

  /** Applies one step and checks every invariant after it. */
  public apply(step: Step): void {
    this.now += 1_000;
    switch (step.t) {
      case 'push': {
        this.commits++;
        const before = this.tip;
        const after =
          step.backTo !== null && this.history.length > 1
            ? this.history[step.backTo % (this.history.length - 1)]
            : commitOf(this.commits);
        if (after === before) return;
        const body: PushBody = {
          index: this.bodies.length,
          deliveryId: `delivery-${++this.deliveries}`,
          before,
          after,
          // GitHub's clock, one push per second at most in this model (see ROUTER.md for ties).
          pushedAt: 1_700_000_000 + this.bodies.length,
          subprojects: step.subprojects,
        };
        this.tip = after;
        this.history.push(after);
        this.bodies.push(body);
        this.undelivered.push(body.index);
        break;
      }
      case 'deliver': {
        if (this.undelivered.length === 0) return;
        const [index] = this.undelivered.splice(step.pick % this.undelivered.length, 1);
        this.deliver(this.bodies[index], this.bodies[index].deliveryId);
        break;
      }
      case 'redeliver':
        if (this.bodies.length) {
          const b = this.bodies[step.pick % this.bodies.length];
          this.deliver(b, b.deliveryId);
        }
        break;
      case 'replay':
        if (this.bodies.length) {
          this.deliver(this.bodies[step.pick % this.bodies.length], `replay-${++this.deliveries}`);
        }
        break;
      case 'finish': {
        const running = [...this.executions.values()].filter((x) => x.byQueue && x.status === 'running');
        if (running.length === 0) return;
        this.end(running[0], step.outcome);
        break;
      }
      case 'event': {
        if (this.eventBuffer.length === 0) return;
        const [e] = this.eventBuffer.splice(step.pick % this.eventBuffer.length, 1);
        this.deliveredEvents.push(e);
        this.decide(this.asHandled(e));
        break;
      }
      case 'duplicate':
        if (this.deliveredEvents.length)
          this.decide(this.asHandled(this.deliveredEvents[step.pick % this.deliveredEvents.length]));
        break;
      case 'returned': {
        if (this.returns.length === 0) return;
        const [e] = this.returns.splice(step.pick % this.returns.length, 1);
        this.decide(e);
        break;
      }
      case 'manual': {
        const id = `manual-${this.executions.size}`;
        this.executions.set(id, {
          id,
          subproject: step.subproject,
          commit: step.pinned ? this.tip : null,
          pushIndex: -1,
          byQueue: false,
          token: null,
          status: 'running',
        });
        this.emit(id, 'STARTED');
        break;
      }
      case 'retry': {
        const failed = [...this.executions.values()].filter((x) => x.byQueue && x.status === 'FAILED');
        if (failed.length === 0) return;
        const x = failed[step.pick % failed.length];
        x.status = 'running';
        this.emit(x.id, 'RESUMED');
        break;
      }
      case 'tick':
        this.now += step.ms;
        this.decide({ kind: 'tick', at: this.now });
        break;
    }
    this.check();
  }

  private deliver(body: PushBody, deliveryId: string): void {
    this.delivering = body.index;
    this.decide({
      kind: 'push',
      deliveryId,
      before: body.before,
      after: body.after,
      pushedAt: body.pushedAt,
      subprojects: body.subprojects,
      at: this.now,
    });
    const accepted = this.state.pushes.find((p) => p.deliveryId === deliveryId);
    if (accepted && !this.seqToIndex.has(accepted.seq)) this.seqToIndex.set(accepted.seq, body.index);
  }

  /** As the handler does: the execution's current status (GetPipelineExecution) decides. */
  private asHandled(e: QueueEvent): QueueEvent {
    if (e.kind !== 'execution') return e;
    const x = this.executions.get(e.executionId)!;
    return { ...e, state: effectiveState(e.state, STATUS[x.status]), at: this.now };
  }

  private emit(id: string, state: ExecutionState): void {
    const x = this.executions.get(id)!;
    this.eventBuffer.push({
      kind: 'execution',
      subproject: x.subproject,
      executionId: id,
      state,
      commit: x.commit,
      token: x.token,
      at: this.now,
    });
  }

  private end(x: Execution, outcome: ExecutionState): void {
    x.status = outcome;
    if (outcome === 'SUCCEEDED' && x.byQueue) {
      const prev = this.deployedIndex[x.subproject];
      // I3: what actually reaches the environment never goes back in push order.
      if (prev !== undefined && x.pushIndex < prev) {
        throw new Error(`${x.subproject} deployed push ${x.pushIndex} after push ${prev}`);
      }
      this.deployedIndex[x.subproject] = x.pushIndex;
    }
    this.emit(x.id, outcome);
  }

  /** Runs the real decision and plays its actions against the simulated services. */
  private decide(event: QueueEvent): QueueDecision {
    const before = this.state;
    const d = decideQueue(before, event);
    this.decisions++;
    this.log.push(`${event.kind}${'state' in event ? `:${event.state}` : ''} → ${d.outcome}: ${d.reason}`);
    if (d.outcome === 'refused' && d.state !== before) throw new Error('a refused push changed the queue');
    this.state = d.state;
    if (event.kind === 'execution' && ['FAILED', 'STOPPED', 'SUPERSEDED'].includes(event.state)) {
      const own = before.inFlight && d.outcome === 'halted';
      // I5: a halted release is notified with environment, commit and sub-project.
      if (own) {
        const n = d.actions.find((a) => a.type === 'notify');
        if (!n || n.type !== 'notify' || n.commit !== before.inFlight!.commit || !n.message.includes(ENV))
          throw new Error('a halted release was not notified with environment, commit and sub-project');
        if (n.subproject !== before.inFlight!.subproject) throw new Error('notified the wrong sub-project');
      }
    }
    for (const a of d.actions) {
      if (a.type === 'start') this.start(a, before, d);
      else if (a.type === 'stop') {
        const x = this.executions.get(a.executionId);
        if (x && x.status === 'running') this.end(x, 'STOPPED');
      }
    }
    return d;
  }

  private start(a: StartAction, before: QueueState, d: QueueDecision): void {
    // I1: at most one release step in flight per environment: a start replaces nothing but the
    // step this very event ended.
    const replaces = before.inFlight && before.inFlight.token !== a.token;
    if ((replaces && d.outcome !== 'advanced') || d.state.inFlight?.token !== a.token)
      throw new Error('started a second step in flight');
    const index = this.seqToIndex.get(a.seq) ?? this.pendingIndex(a.seq);
    // I2: nothing starts a commit from an older push than one already deployed or started.
    const prevStart = this.startedIndex[a.subproject];
    if (prevStart !== undefined && index < prevStart)
      throw new Error(`${a.subproject} started push ${index} after push ${prevStart}`);
    const prevDeployed = this.deployedIndex[a.subproject];
    if (prevDeployed !== undefined && index < prevDeployed)
      throw new Error(`${a.subproject} started push ${index} older than deployed push ${prevDeployed}`);
    // I4: release order: every earlier sub-project a push up to this one changed is deployed.
    const queueSeq = a.seq;
    for (const earlier of SUBPROJECT_IDS.slice(0, SUBPROJECT_IDS.indexOf(a.subproject))) {
      const need = this.lastSeqChanging(earlier, queueSeq);
      const have = this.state.deployed[earlier]?.seq ?? 0;
      if (need > have)
        throw new Error(`${a.subproject} started before ${earlier} of push #${need} was deployed`);
    }
    this.startedIndex[a.subproject] = Math.max(prevStart ?? -1, index);
    const existing = this.byToken.get(a.token);
    if (existing) {
      // Idempotent start (same clientRequestToken): the same execution.
      this.returns.push({ kind: 'started', token: a.token, executionId: existing, at: this.now });
      return;
    }
    const id = `exec-${this.executions.size}`;
    this.byToken.set(a.token, id);
    this.executions.set(id, {
      id,
      subproject: a.subproject,
      commit: a.commit,
      pushIndex: index,
      byQueue: true,
      token: a.token,
      status: 'running',
    });
    this.emit(id, 'STARTED');
    this.returns.push({ kind: 'started', token: a.token, executionId: id, at: this.now });
  }

  /** The push that got `seq` is being accepted right now (its mapping is set after `decide`). */
  private pendingIndex(seq: number): number {
    this.seqToIndex.set(seq, this.delivering);
    return this.delivering;
  }

  private lastSeqChanging(subproject: SubprojectId, upTo: number): number {
    let last = 0;
    for (const [seq, index] of this.seqToIndex) {
      if (seq <= upTo && seq > last && this.bodies[index].subprojects.includes(subproject)) last = seq;
    }
    return last;
  }

  /** Invariants that hold between any two steps. */
  public check(): void {
    const s = this.state;
    const running = [...this.executions.values()].filter((x) => x.byQueue && x.status === 'running');
    const tracked = running.filter((x) => x.id === s.inFlight?.executionId || x.id === s.halted?.executionId);
    // I1 (running form): at most one queue execution running that the queue still counts on.
    if (tracked.length > 1) throw new Error('two queue executions in flight');
    if (s.inFlight && s.pending.includes(s.inFlight.subproject) && s.inFlight.seq === s.head?.seq)
      throw new Error('the in-flight step is also pending at the same push');
    if (s.inFlight && s.halted) throw new Error('in flight while halted');
    for (const id of SUBPROJECT_IDS) {
      const d = s.deployed[id];
      if (d && s.head && d.seq > s.head.seq) throw new Error('deployed newer than the head');
    }
  }

  /**
   * Lets everything settle: events delivered, queue executions succeed, a halted release gets a
   * fix push, late deliveries arrive. Then checks convergence (the "What users get" promise).
   */
  public drain(): void {
    for (let round = 0; round < 200; round++) {
      if (this.returns.length) this.apply({ t: 'returned', pick: 0 });
      else if (this.eventBuffer.length) this.apply({ t: 'event', pick: 0 });
      else if (this.undelivered.length) this.apply({ t: 'deliver', pick: 0 });
      else if ([...this.executions.values()].some((x) => x.byQueue && x.status === 'running'))
        this.apply({ t: 'finish', outcome: 'SUCCEEDED' });
      else if (this.state.halted)
        this.apply({ t: 'push', subprojects: [this.state.halted.subproject], backTo: null });
      else if (this.state.inFlight && this.state.inFlight.executionId === null)
        this.apply({ t: 'tick', ms: 120_000 });
      else break;
    }
    const s = this.state;
    if (s.inFlight || s.pending.length || s.halted) throw new Error('the queue did not settle');
    // Convergence: every sub-project any accepted push changed is deployed at a push at least as
    // new as the newest accepted push that changed it.
    for (const id of SUBPROJECT_IDS) {
      const need = this.lastSeqChanging(id, s.lastSeq);
      const have = s.deployed[id]?.seq ?? 0;
      if (need > have) throw new Error(`${id} converged to push #${have}, not #${need}`);
    }
  }
}
