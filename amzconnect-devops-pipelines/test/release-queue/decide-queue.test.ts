import { decideQueue, QueueDecision, startToken } from '../../src/release-queue/decide-queue';
import type { ExecutionChanged, PushQueued } from '../../src/release-queue/queue-event';
import { emptyQueueState, QueueState } from '../../src/release-queue/queue-state';

const c = (n: number) => String(n).repeat(40).slice(0, 40);
let deliveries = 0;
const push = (
  before: number,
  after: number,
  subprojects: PushQueued['subprojects'],
  extra: Partial<PushQueued> = {},
): PushQueued => ({
  kind: 'push',
  deliveryId: `d-${++deliveries}`,
  before: c(before),
  after: c(after),
  pushedAt: 1_700_000_000 + after,
  subprojects,
  at: 1000 * after,
  ...extra,
});
const exec = (state: QueueState, s: ExecutionChanged['state'], executionId = 'e-1'): ExecutionChanged => ({
  kind: 'execution',
  subproject: state.inFlight!.subproject,
  executionId,
  state: s,
  commit: state.inFlight!.commit,
  token: state.inFlight!.token,
  at: 99_000,
});
const then = (d: QueueDecision, ...events: Parameters<typeof decideQueue>[1][]) =>
  events.reduce((acc, e) => decideQueue(acc.state, e), d);

describe('decideQueue', () => {
  it('starts the first changed sub-project of a push at the pushed commit', () => {
    const d = decideQueue(emptyQueueState('develop'), push(1, 2, ['lambdas', 'contact-flows']));

    expect(d.outcome).toBe('started');
    expect(d.actions).toEqual([
      {
        type: 'start',
        subproject: 'lambdas',
        commit: c(2),
        seq: 1,
        token: startToken('develop', 'lambdas', 1),
        remaining: ['contact-flows'],
      },
    ]);
    expect(d.reason).toBe('push #1: lambdas starts at 2222222; then contact-flows');
  });

  it('coalesces a push while a step is in flight, so flows deploy the newest commit and never go back (issue 15, first case)', () => {
    const a = decideQueue(emptyQueueState('develop'), push(1, 2, ['lambdas']));
    const b = decideQueue(a.state, push(2, 3, ['contact-flows']));

    expect(b.outcome).toBe('coalesced');
    expect(b.actions).toEqual([]);
    expect(b.reason).toBe(
      'coalesced as push #2: lambdas is in flight at 2222222 (push #1); contact-flows will deploy 3333333',
    );
    const done = decideQueue(b.state, exec(b.state, 'SUCCEEDED'));
    expect(done.actions).toEqual([
      expect.objectContaining({ type: 'start', subproject: 'contact-flows', commit: c(3), seq: 2 }),
    ]);
  });

  it('refuses a redelivery of an older push after a newer one was accepted (issue 15, stale redelivery)', () => {
    const older = push(1, 2, ['lambdas']);
    const a = decideQueue(emptyQueueState('develop'), push(2, 3, ['lambdas']));
    const d = decideQueue(a.state, older);

    expect(d.outcome).toBe('refused');
    expect(d.state).toBe(a.state);
    expect(d.reason).toBe(
      'refused: pushed at 1700000002, before push #1 (3333333) at 1700000003: a late or replayed delivery; nothing starts',
    );
  });

  it('refuses a replay of a captured body under a fresh delivery id even when pushed_at ties', () => {
    const first = push(1, 2, ['lambdas']);
    const a = then(
      decideQueue(emptyQueueState('develop'), first),
      push(2, 3, ['lambdas'], { pushedAt: first.pushedAt }),
    );
    const d = decideQueue(a.state, { ...first, deliveryId: 'fresh' });

    expect(d.outcome).toBe('refused');
    expect(d.reason).toBe(
      'refused: the same push (1111111 → 2222222) was already queued as push #1; nothing starts',
    );
  });

  it('accepts a forced push back to an older commit as the newest push', () => {
    const a = then(decideQueue(emptyQueueState('develop'), push(1, 2, ['lambdas'])), push(2, 3, ['lambdas']));
    const back = decideQueue(
      a.state,
      push(3, 2, ['instance', 'supporting-infra', 'lambdas', 'contact-flows'], { pushedAt: 1_700_000_004 }),
    );

    expect(back.outcome).toBe('coalesced');
    expect(back.state.head).toEqual({ commit: c(2), seq: 3, pushedAt: 1_700_000_004 });
  });

  it('refuses the same delivery id twice', () => {
    const p = push(1, 2, ['lambdas']);
    const a = decideQueue(emptyQueueState('develop'), p);

    expect(decideQueue(a.state, p).reason).toBe(
      `refused: delivery ${p.deliveryId} was already queued as push #1; nothing starts`,
    );
  });

  it('halts on FAILED, notifies with environment, commit and sub-project, and the next push includes what was left undone', () => {
    const a = decideQueue(emptyQueueState('staging'), push(1, 2, ['instance', 'lambdas']));
    const failed = decideQueue(a.state, exec(a.state, 'FAILED'));

    expect(failed.outcome).toBe('halted');
    expect(failed.actions).toEqual([
      expect.objectContaining({
        type: 'notify',
        subject: 'Release of staging halted: instance failed',
        subproject: 'instance',
        commit: c(2),
        executionId: 'e-1',
      }),
    ]);
    expect(failed.state.pending).toEqual(['instance', 'lambdas']);
    const next = decideQueue(failed.state, push(2, 3, ['contact-flows']));
    expect(next.actions).toEqual([
      expect.objectContaining({ type: 'start', subproject: 'instance', commit: c(3) }),
    ]);
    expect(next.reason).toBe(
      'push #2: instance starts at 3333333; then lambdas, contact-flows; includes instance, left undone when 2222222 failed',
    );
  });

  it('stops a manual "Release change" and says why', () => {
    const a = decideQueue(emptyQueueState('prod'), push(1, 2, ['lambdas']));
    const d = decideQueue(a.state, {
      kind: 'execution',
      subproject: 'instance',
      executionId: 'manual-1',
      state: 'STARTED',
      commit: null,
      token: null,
      at: 5,
    });

    expect(d.outcome).toBe('stopped');
    expect(d.actions[0]).toEqual({
      type: 'stop',
      subproject: 'instance',
      executionId: 'manual-1',
      reason:
        'Stopped by the release queue of prod: it was started outside the queue (console "Release change"?) and is pinned to no pushed commit; lambdas is in flight at 2222222. Push to release; see ROUTER.md.'.slice(
          0,
          200,
        ),
    });
    expect(d.state).toBe(a.state);
  });

  it('folds a retry of the halted step back into the queue and continues after it succeeds', () => {
    const a = decideQueue(emptyQueueState('develop'), push(1, 2, ['lambdas', 'contact-flows']));
    const failed = decideQueue(a.state, exec(a.state, 'FAILED'));
    const resumed = decideQueue(failed.state, { ...exec(a.state, 'RESUMED'), at: 100_000 });

    expect(resumed.outcome).toBe('resumed');
    const ok = decideQueue(resumed.state, exec(resumed.state, 'SUCCEEDED'));
    expect(ok.actions).toEqual([
      expect.objectContaining({ type: 'start', subproject: 'contact-flows', commit: c(2) }),
    ]);
  });

  it('ignores duplicate success events', () => {
    const a = decideQueue(emptyQueueState('develop'), push(1, 2, ['lambdas']));
    const ok = decideQueue(a.state, exec(a.state, 'SUCCEEDED'));
    const again = decideQueue(ok.state, exec(a.state, 'SUCCEEDED'));

    expect(again.outcome).toBe('ignored');
    expect(again.reason).toBe('duplicate or late event: e-1 already ended');
  });

  it('re-sends a start that never returned, with the same token, after a minute', () => {
    const a = decideQueue(emptyQueueState('develop'), push(1, 2, ['lambdas']));
    const early = decideQueue(a.state, { kind: 'tick', at: a.state.inFlight!.startedAt + 59_000 });
    const late = decideQueue(a.state, { kind: 'tick', at: a.state.inFlight!.startedAt + 60_000 });

    expect(early.actions).toEqual([]);
    expect(late.actions).toEqual([
      expect.objectContaining({ type: 'start', token: a.state.inFlight!.token }),
    ]);
  });
});
