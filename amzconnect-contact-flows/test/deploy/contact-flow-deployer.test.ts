import { DeploymentFailedError } from '../../src/deploy/contact-flow-deployer';
import { DeployTestEnvironment, startDeployTestEnvironment } from '../../src/testing/deploy-test-environment';
import { inboundFlow, messageModule, withText } from './support/flow-factory';

describe('ContactFlowDeployer against the Connect emulator', () => {
  let env: DeployTestEnvironment;

  beforeEach(async () => {
    env = await startDeployTestEnvironment({ lambdas: ['customer-lookup'] });
    env.connect.addQueue('Sales');
    env.connect.addQueue('Support');
  });

  afterEach(async () => {
    await env.stop();
  });

  it('creates every repository flow with resolved references on the first run', async () => {
    // Prepare
    const docs = [inboundFlow('Main', { transferTo: 'Billing', module: 'Greeting' }), inboundFlow('Billing', { queue: 'Support' }), messageModule('Greeting')];
    const { deployer } = env.deployer();

    // Act
    const { prepared, report } = await deployer.deploy(docs);

    // Assess
    expect(prepared.plan.items.map((i) => [i.name, i.action])).toEqual([
      ['Main', 'create'],
      ['Billing', 'create'],
      ['Greeting', 'create'],
    ]);
    const main = env.connect.flowByName('acme-Main')!;
    const billing = env.connect.flowByName('acme-Billing')!;
    const greeting = env.connect.moduleByName('acme-Greeting')!;
    expect(main.content).toContain(billing.arn);
    expect(main.content).toContain(greeting.arn);
    expect(billing.content).toContain(env.connect.queues[1].arn);
    expect(report.status).toBe('succeeded');
    expect(report.applied.filter((s) => s.operation === 'create-stub')).toEqual([]);
  });

  it('performs zero writes on a re-run with nothing changed', async () => {
    // Prepare
    const docs = [inboundFlow('Main', { transferTo: 'Billing' }), inboundFlow('Billing')];
    await env.deployer().deployer.deploy(docs);
    env.connect.resetCalls();
    const s3PutsBefore = env.s3.puts;
    const lambdaUpdatesBefore = env.lambda.updates;

    // Act
    const { prepared, report } = await env.deployer().deployer.deploy(docs);

    // Assess
    expect(prepared.plan.items.map((i) => i.action)).toEqual(['unchanged', 'unchanged']);
    expect(env.connect.successfulWrites).toBe(0);
    expect(env.s3.puts).toBe(s3PutsBefore);
    expect(env.lambda.updates).toBe(lambdaUpdatesBefore);
    expect(report.applied).toEqual([]);
  });
});
