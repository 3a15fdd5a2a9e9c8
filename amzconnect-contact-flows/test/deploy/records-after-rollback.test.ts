import { DeploymentFailedError } from '../../src/deploy/contact-flow-deployer';
import { rollbackFlows } from '../../src/deploy/flow-rollback';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { inboundFlow, withText } from './support/flow-factory';

/** A release that fails and is rolled back leaves records that know the restored content as ours. */
describe('write records after a failed release and its rollback (realistic emulator)', () => {
  let env: DeployTestEnvironment;
  const releaseA = ['X', 'Y', 'Z'].map((n) => inboundFlow(n));

  beforeEach(async () => {
    env = await startDeployTestEnvironment();
    env.connect.addQueue('Sales');
    await env.deployer().deployer.deploy(releaseA);
    await env.clock.sleep(60_000);
  });

  afterEach(async () => {
    await env.stop();
  });

  it('re-deploying release A after B failed midway and was rolled back to A makes 0 writes and reports no drift', async () => {
    // Prepare
    const releaseB = releaseA.map((d) => withText(d, `Release B of ${d.name}`));
    env.connect.failWritesAfter(1);
    const failed = await env
      .deployer()
      .deployer.deploy(releaseB)
      .catch((e: unknown) => e);
    env.connect.clearFaults();
    await env.clock.sleep(60_000);
    const restored = await rollbackFlows(
      {
        target: { app: 'acme', env: 'develop', region: env.region },
        clients: env.clients(),
        clock: env.clock,
      },
      {},
    );
    await env.clock.sleep(60_000);
    env.connect.resetCalls();

    // Act
    const again = await env.deployer({ onDrift: 'fail' }).deployer.deploy(releaseA);

    // Assess
    expect(failed).toBeInstanceOf(DeploymentFailedError);
    expect(restored.applied.map((s) => `${s.operation} ${s.name}`)).toEqual(['restore X']);
    expect(again.prepared.plan.items.map((i) => [i.name, i.action, i.drift])).toEqual([
      ['X', 'unchanged', false],
      ['Y', 'unchanged', false],
      ['Z', 'unchanged', false],
    ]);
    expect(env.connect.successfulWrites).toBe(0);
  });

  it("keeps the records of a run that throws after writing, so CloudFormation's rollback to A sees no drift and a re-run of A writes nothing", async () => {
    // Prepare: B writes every flow, then cannot publish the mapping (a key no resource has).
    const releaseB = [
      inboundFlow('X', { text: 'Release B of X', readsMapping: ['Queue_Missing'] }),
      ...releaseA.slice(1).map((d) => withText(d, `Release B of ${d.name}`)),
    ];
    const failed = await env
      .deployer()
      .deployer.deploy(releaseB)
      .catch((e: unknown) => e);
    await env.clock.sleep(60_000);

    // Act: the rollback re-deploys A (refusing on drift, so a false drift would fail it), then A again.
    const rollback = await env.deployer({ onDrift: 'fail' }).deployer.deploy(releaseA);
    env.connect.resetCalls();
    const again = await env.deployer().deployer.deploy(releaseA);

    // Assess
    expect((failed as Error).message).toMatch(/^Cannot publish the mapping:/);
    expect(rollback.prepared.plan.items.map((i) => [i.name, i.action, i.drift])).toEqual([
      ['X', 'update', false],
      ['Y', 'update', false],
      ['Z', 'update', false],
    ]);
    expect(again.prepared.plan.items.every((i) => i.action === 'unchanged')).toBe(true);
    expect(env.connect.successfulWrites).toBe(0);
  });
});
