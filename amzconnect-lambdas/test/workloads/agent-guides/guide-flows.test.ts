import * as fs from 'fs';
import * as path from 'path';
import { createPlatformApp, REPO_ROOT } from '@amzconnect/env';
import { addContactFlowStacks, ContactFlowsStack } from '@amzconnect/contact-flows/cdk';
import { FLOWS_DIR, FlowAction, lintFlows, loadRepoCatalog, loadRepoFlows } from '@amzconnect/contact-flows';
import {
  flowDocumentsByEnvironment,
  loadWorkloadSwitches,
  workloadOfFlowFile,
} from '@amzconnect/contact-flows/cdk';
import { loadDeployDocuments } from '@amzconnect/contact-flows/deploy';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing';
import { EXAMPLE_CONFIG_DIR, examplePlatform } from '../../support/example-config';

const GUIDE_DIR = path.join(FLOWS_DIR, 'agent-guides');
const HANDLER = 'ACME_agent_guides_handler';
const GUIDE = 'ACME_agent_guide_cancellations';
const FUNCTIONS = ['agent-guides-settings', 'agent-guides-send-email', 'agent-guides-send-sms'];

describe('the agent guide flows (flows/agent-guides/)', () => {
  const repo = loadRepoFlows(GUIDE_DIR);
  const documents = repo.flows.map((f) => f.document);
  const byName = (name: string) => documents.find((d) => d.name === name)!;
  const actions = (name: string): readonly FlowAction[] => byName(name).content.Actions;

  it('are two contact flows in the repository format', () => {
    expect(repo.errors).toEqual([]);
    expect(repo.flows.map((f) => [f.document.name, f.document.type, f.shape])).toEqual([
      [GUIDE, 'CONTACT_FLOW', 'repo'],
      [HANDLER, 'CONTACT_FLOW', 'repo'],
    ]);
  });

  it("pass the linter against the repository's catalog with no finding at all", () => {
    // Prepare
    const all = loadRepoFlows(FLOWS_DIR).flows.map((f) => f.document);
    const { catalog } = loadRepoCatalog(all);
    // Act
    const findings = lintFlows({ flows: repo.flows, catalog });
    // Assess
    expect(findings).toEqual([]);
  });

  it('carry no ARN, account id or Region: views come from the settings function, the rest from placeholders', () => {
    const text = JSON.stringify(documents);
    expect(text).not.toMatch(/arn:aws|\d{12}|us-(east|west)-\d/);
  });

  it('the handler shows the guide as the default agent UI flow, sets the working queue by reference, and transfers', () => {
    const types = actions(HANDLER).map((a) => a.Type);
    expect(actions(HANDLER).find((a) => a.Type === 'UpdateContactEventHooks')?.Parameters).toEqual({
      EventHooks: { DefaultAgentUI: `\${flow:${GUIDE}}` },
    });
    expect(actions(HANDLER).find((a) => a.Type === 'UpdateContactTargetQueue')?.Parameters).toEqual({
      QueueId: '${queue:ACME_Finance}',
    });
    expect(types).toContain('TransferContactToQueue');
  });

  it('the guide shows Cards, Form and Confirmation views, reads the customer profile, and invokes both send functions', () => {
    const guide = actions(GUIDE);
    const views = guide
      .filter((a) => a.Type === 'ShowView')
      .map((a) => (a.Parameters!.ViewResource as { Id: string }).Id);
    expect(views).toEqual([
      '$.Attributes.GuideCardsView',
      '$.Attributes.GuideFormView',
      '$.Attributes.GuideFormView',
      '$.Attributes.GuideConfirmationView',
      '$.Attributes.GuideConfirmationView',
    ]);
    expect(guide.filter((a) => a.Type === 'GetCustomerProfile')).toHaveLength(1);
    expect(
      guide.filter((a) => a.Type === 'InvokeLambdaFunction').map((a) => a.Parameters!.LambdaFunctionARN),
    ).toEqual(FUNCTIONS.map((f) => `\${lambda:${f}}`));
  });

  it('branch on every result the send functions answer', () => {
    const outcomes = actions(GUIDE).filter((a) => a.Identifier.endsWith('-outcome'));
    for (const o of outcomes) {
      expect(o.Parameters).toEqual({ ComparisonValue: '$.Attributes.GuideResult' });
      expect(
        o.Transitions!.Conditions!.map((c) => (c.Condition as { Operands: string[] }).Operands[0]),
      ).toEqual(['SENT', 'INVALID_INPUT']);
      // NOT_CONFIGURED, OPTED_OUT and FAILED show the function's message on the problem view.
      expect(o.Transitions!.NextAction).toBe('show-problem');
    }
    expect(outcomes).toHaveLength(2);
  });
});

describe('deploying the guide flows', () => {
  let env: DeployTestEnvironment;
  const documents = loadRepoFlows(GUIDE_DIR).flows.map((f) => f.document);

  afterEach(async () => {
    await env.stop();
  });

  it('plans both as creates where the guide functions exist, the handler waiting for the guide it shows, then deploys them', async () => {
    // Prepare
    env = await startDeployTestEnvironment({ lambdas: FUNCTIONS });
    env.connect.addQueue('ACME_Finance');
    const { deployer } = env.deployer();
    // Act
    const prepared = await deployer.plan(documents);
    const run = await env.deployer().deployer.deploy(documents);
    // Assess
    expect(prepared.plan.items.map((i) => [i.name, i.action, i.pending, i.problems])).toEqual([
      [GUIDE, 'create', [], []],
      [HANDLER, 'create', [`flow:${GUIDE}`], []],
    ]);
    expect(run.report.status).toBe('succeeded');
    const guideArn = env.connect.flowByName(`acme-${GUIDE}`)!.arn;
    const handler = JSON.parse(env.connect.flowByName(`acme-${HANDLER}`)!.content!) as {
      Actions: FlowAction[];
    };
    expect(handler.Actions.find((a) => a.Type === 'UpdateContactEventHooks')?.Parameters).toEqual({
      EventHooks: { DefaultAgentUI: guideArn },
    });
    const guide = env.connect.flowByName(`acme-${GUIDE}`)!.content!;
    for (const f of FUNCTIONS) expect(guide).toContain(env.lambdaArn(f));
  });

  it('would block the guide where its functions are not deployed, which is why only enabled environments get these flows', async () => {
    // Prepare
    env = await startDeployTestEnvironment();
    env.connect.addQueue('ACME_Finance');
    // Act
    const prepared = await env.deployer().deployer.plan(documents);
    // Assess
    expect(prepared.plan.items.find((i) => i.name === GUIDE)?.action).toBe('blocked');
  });
});

describe('which environments get the guide flows', () => {
  it('reads the workload switches through the manifests: develop in examples/all-workloads, none in the sample env/', () => {
    expect([...(loadWorkloadSwitches(examplePlatform()).get('agent-guides') ?? [])]).toEqual(['develop']);
    expect([...(loadWorkloadSwitches().get('agent-guides') ?? [])]).toEqual([]);
  });

  it('deploys the guide flows to develop only (stacks and the plan/deploy commands); every environment keeps the other flows', () => {
    // Prepare
    const switches = loadWorkloadSwitches(examplePlatform());
    const forEnv = flowDocumentsByEnvironment(switches);
    const guideFlows = (env: string) =>
      forEnv(env)
        .map((d) => d.name)
        .filter((n) => n === HANDLER || n === GUIDE)
        .sort();
    // Act / Assess
    expect(guideFlows('develop')).toEqual([GUIDE, HANDLER]);
    expect(guideFlows('staging')).toEqual([]);
    expect(guideFlows('prod')).toEqual([]);
    expect(forEnv('prod').map((d) => d.name)).toContain('ACME_Main');
    expect(workloadOfFlowFile(path.join(GUIDE_DIR, `${GUIDE}.json`), switches)).toBe('agent-guides');
    expect(loadDeployDocuments(REPO_ROOT, 'develop', EXAMPLE_CONFIG_DIR).map((d) => d.name)).toContain(GUIDE);
    expect(loadDeployDocuments(REPO_ROOT, 'staging', EXAMPLE_CONFIG_DIR).map((d) => d.name)).not.toContain(
      GUIDE,
    );
    expect(loadDeployDocuments(REPO_ROOT, 'develop').map((d) => d.name)).not.toContain(GUIDE);
    expect(workloadOfFlowFile(path.join(FLOWS_DIR, 'ACME_Main.json'), switches)).toBeUndefined();
  });
});

describe('the contact-flows stacks of examples/all-workloads', () => {
  it('bundle the guide flows for develop only', () => {
    // Prepare
    const config = examplePlatform();
    const app = createPlatformApp({ skipBundling: true });
    // Act
    const stacks = addContactFlowStacks(app, config, {}) as ContactFlowsStack[];
    // Assess
    const bundled = (s: ContactFlowsStack) => {
      const file = path.resolve(app.outdir, s.bundle.assetPath);
      const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as { documents: { name: string }[] };
      return bundle.documents.map((d) => d.name).filter((n) => n === HANDLER || n === GUIDE);
    };
    expect(stacks.map((s) => [s.stackName, bundled(s)])).toEqual([
      ['acme-contact-flows-develop-us-east-1', [GUIDE, HANDLER]],
      ['acme-contact-flows-develop-us-west-2', [GUIDE, HANDLER]],
      ['acme-contact-flows-staging-us-east-1', []],
      ['acme-contact-flows-prod-us-east-1', []],
    ]);
  });
});
