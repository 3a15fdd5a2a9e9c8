import { ReleaseWorld, Step } from './support/release-world';

/**
 * Interleavings the model-based test found failing, kept as named cases (shrunk counterexamples;
 * seeds in the comments). Each runs through the real decision code and the same invariants.
 */
const replay = (steps: Step[]) => {
  const world = new ReleaseWorld();
  for (const s of steps) world.apply(s);
  world.drain();
  return world;
};

describe('release queue regressions found by the model', () => {
  it('does not adopt a manual start pinned to the pushed commit as its own step (seed 1513380512)', () => {
    const world = replay([
      { t: 'push', subprojects: ['instance'], backTo: null },
      { t: 'manual', subproject: 'instance', pinned: true },
      { t: 'replay', pick: 0 },
      { t: 'event', pick: 0 },
      { t: 'replay', pick: 0 },
    ]);

    expect(world.log.some((l) => l.startsWith('execution:STARTED → stopped'))).toBe(true);
    expect(world.state.deployed.instance?.seq).toBe(1);
  });

  it('keeps a newer push of the same sub-project pending when a failed step is retried (seed -2055320982)', () => {
    const world = replay([
      { t: 'push', subprojects: ['contact-flows'], backTo: null },
      { t: 'push', subprojects: ['contact-flows'], backTo: null },
      { t: 'deliver', pick: 0 },
      { t: 'finish', outcome: 'FAILED' },
      { t: 'deliver', pick: 0 },
      { t: 'retry', pick: 0 },
      { t: 'event', pick: 0 },
    ]);

    expect(world.state.deployed['contact-flows']?.seq).toBe(2);
  });

  it('does not wait for a retry that already ended when its RESUMED event comes late (seed from PROPERTY_RUNS_SCALE=200)', () => {
    const world = replay([
      { t: 'push', subprojects: ['contact-flows'], backTo: null },
      { t: 'deliver', pick: 0 },
      { t: 'finish', outcome: 'FAILED' },
      { t: 'retry', pick: 0 },
      { t: 'finish', outcome: 'SUPERSEDED' },
      { t: 'event', pick: 11 },
    ]);

    expect(world.state.inFlight).toBeNull();
    expect(world.state.halted).toBeNull();
  });
});
