import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '@amzconnect/env';
import { createPlatformApp } from '@amzconnect/env/cdk';
import { addContactFlowStacks, ContactFlowsStack } from '@amzconnect/contact-flows/cdk';
import { FLOWS_DIR, FlowAction, lintFlows, loadRepoCatalog, loadRepoFlows } from '@amzconnect/contact-flows';
import {
  flowDocumentsByEnvironment,
  loadWorkloadSwitches,
  workloadOfFlowFile,
} from '@amzconnect/contact-flows/cdk';
import { loadDeployDocuments } from '@amzconnect/contact-flows/deploy';
import { loadInstanceConfig } from '@amzconnect/instance';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { EXAMPLE_CONFIG_DIR, examplePlatform } from '../../support/example-config';

const GUIDE_DIR = path.join(FLOWS_DIR, 'agent-guides');
const HANDLER = 'ACME_agent_guides_handler';
const GUIDE = 'ACME_agent_guide_cancellations';
const DISCONNECT = 'ACME_agent_guide_disconnect';
const FUNCTIONS = [
  'agent-guides-settings',
  'agent-guides-send-email',
  'agent-guides-send-sms',
  'agent-guides-send-notice',
];
/** The environment's links (from the settings function), as every view shows them. */
const LINKS = [1, 2, 3].map((i) => ({
  Label: `$.Attributes.GuideLink${i}Label`,
  Value: `$.Attributes.GuideLink${i}Label`,
  LinkType: 'external',
  Url: `$.Attributes.GuideLink${i}Url`,
}));

describe('the agent guide flows (flows/agent-guides/)', () => {
  const repo = loadRepoFlows(GUIDE_DIR);
  const documents = repo.flows.map((f) => f.document);
  const byName = (name: string) => documents.find((d) => d.name === name)!;
  const actions = (name: string): readonly FlowAction[] => byName(name).content.Actions;

  it('are three contact flows in the repository format', () => {
    expect(repo.errors).toEqual([]);
    expect(repo.flows.map((f) => [f.document.name, f.document.type, f.shape])).toEqual([
      [GUIDE, 'CONTACT_FLOW', 'repo'],
      [DISCONNECT, 'CONTACT_FLOW', 'repo'],
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

  it('the handler shows the guide when the agent accepts and the wrap-up guide when the contact ends, sets the working queue by reference, and transfers', () => {
    const types = actions(HANDLER).map((a) => a.Type);
    // One hook per block: "Only one entry may be present in this map" (UpdateContactEventHooks,
    // Amazon Connect flow language reference).
    expect(
      actions(HANDLER)
        .filter((a) => a.Type === 'UpdateContactEventHooks')
        .map((a) => a.Parameters),
    ).toEqual([
      { EventHooks: { DefaultAgentUI: `\${flow:${GUIDE}}` } },
      { EventHooks: { DisconnectAgentUI: `\${flow:${DISCONNECT}}` } },
    ]);
    // The reference's attribute names, kept beside the hooks and the queue block (the reference's
    // handler flow keeps the queue's ARN in WorkingQueue; the deployment resolves the placeholder).
    expect(
      actions(HANDLER).find((a) => a.Identifier === 'remember-caller')?.Parameters?.Attributes,
    ).toMatchObject({
      DefaultFlowForAgentUI: `\${flow:${GUIDE}}`,
      DisconnectFlowForAgentUI: `\${flow:${DISCONNECT}}`,
      WorkingQueue: '${queue:ACME_Finance}',
    });
    expect(actions(HANDLER).find((a) => a.Type === 'UpdateContactTargetQueue')?.Parameters).toEqual({
      QueueId: '${queue:ACME_Finance}',
    });
    expect(types).toContain('TransferContactToQueue');
  });

  it('the queue the handler transfers to is served on voice and chat by a routing profile of the sample instance', () => {
    // The guides run in voice and chat contacts (reference: agent-guides-backend-actions.md); a
    // queue no routing profile serves on a channel leaves that channel's contacts with no agent.
    const queue = (
      actions(HANDLER).find((a) => a.Type === 'UpdateContactTargetQueue')?.Parameters?.QueueId as string
    ).replace(/^\$\{queue:(.+)\}$/, '$1');
    const served = loadInstanceConfig(
      path.join(REPO_ROOT, 'amzconnect-instance', 'config', 'instance.json'),
    ).routingProfiles.flatMap((p) => p.queues.filter((q) => q.queue === queue).map((q) => q.channel));

    expect(new Set(served)).toEqual(new Set(['VOICE', 'CHAT', 'TASK']));
  });

  it('the guide shows Cards, Form and Confirmation views, reads the customer profile, and invokes every send function', () => {
    const guide = actions(GUIDE);
    const views = guide
      .filter((a) => a.Type === 'ShowView')
      .map((a) => (a.Parameters!.ViewResource as { Id: string }).Id);
    expect(views).toEqual([
      '$.Attributes.GuideCardsView',
      '$.Attributes.GuideFormView',
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
      // PARTIAL, NOT_CONFIGURED, OPTED_OUT and FAILED show the function's message on the problem view.
      expect(o.Transitions!.NextAction).toBe('show-problem');
    }
    expect(outcomes.map((o) => o.Identifier)).toEqual(['email-outcome', 'sms-outcome', 'notice-outcome']);
  });

  it("show the environment's links on every view of both guides, in the documented AttributeBar", () => {
    for (const name of [GUIDE, DISCONNECT]) {
      const views = actions(name).filter((a) => a.Type === 'ShowView');
      expect(views.length).toBeGreaterThanOrEqual(3);
      for (const v of views) {
        const data = v.Parameters!.ViewData as Record<string, unknown>;
        expect([name, v.Identifier, data.AttributeBar]).toEqual([name, v.Identifier, LINKS]);
        // Keys the managed views do not document are not used for links.
        expect(Object.keys(data)).not.toContain('NoMatchFooter');
        expect(Object.keys(data)).not.toContain('Links');
      }
    }
    const remembered = (name: string) =>
      actions(name).find((a) => a.Identifier === 'remember-settings')!.Parameters!.Attributes as Record<
        string,
        string
      >;
    for (const name of [GUIDE, DISCONNECT])
      expect(remembered(name)).toMatchObject({
        GuideLink1Label: '$.External.Link1Label',
        GuideLink2Url: '$.External.Link2Url',
        GuideLink3Url: '$.External.Link3Url',
      });
  });

  it('send the notice by e-mail and SMS in one submission, passing back the keys of the channels already sent', () => {
    const guide = actions(GUIDE);
    const cards = guide.find((a) => a.Identifier === 'show-cards')!;
    expect(
      cards.Transitions!.Conditions!.map((c) => [
        (c.Condition as { Operands: string[] }).Operands[0],
        c.NextAction,
      ]),
    ).toContainEqual(['cancel-by-both', 'both-form']);
    const form = guide.find((a) => a.Identifier === 'both-form')!;
    const items = (
      form.Parameters!.ViewData as { Sections: { Items: { Name: string; Required: boolean }[] }[] }
    ).Sections[0].Items;
    expect(items.map((i) => [i.Name, i.Required])).toEqual([
      ['ToAddress', false],
      ['ToNumber', false],
      ['CustomerName', true],
      ['CancellationDate', true],
      ['Reference', true],
    ]);
    const send = guide.find((a) => a.Identifier === 'send-notice')!;
    expect(send.Parameters!.LambdaInvocationAttributes).toMatchObject({
      EmailSentKey: '$.Attributes.GuideEmailSentKey',
      SmsSentKey: '$.Attributes.GuideSmsSentKey',
    });
    expect(
      guide.find((a) => a.Identifier === 'remember-notice-result')!.Parameters!.Attributes,
    ).toMatchObject({
      GuideEmailSentKey: '$.External.EmailSentKey',
      GuideSmsSentKey: '$.External.SmsSentKey',
    });
  });

  it("the disconnect guide asks for the wrap-up and saves it on the customer's (related) contact", () => {
    const guide = actions(DISCONNECT);
    expect(
      guide
        .filter((a) => a.Type === 'ShowView')
        .map((a) => (a.Parameters!.ViewResource as { Id: string }).Id),
    ).toEqual([
      '$.Attributes.GuideFormView',
      '$.Attributes.GuideConfirmationView',
      '$.Attributes.GuideConfirmationView',
    ]);
    expect(guide.find((a) => a.Identifier === 'save-wrap-up')!.Parameters).toEqual({
      Attributes: {
        WrapUpOutcome: '$.Views.ViewResultData.WrapUpOutcome',
        WrapUpNotes: '$.Views.ViewResultData.WrapUpNotes',
      },
      TargetContact: 'Related',
    });
  });
});

describe('deploying the guide flows', () => {
  let env: DeployTestEnvironment;
  const documents = loadRepoFlows(GUIDE_DIR).flows.map((f) => f.document);

  afterEach(async () => {
    await env.stop();
  });

  it('plans all three as creates where the guide functions exist, the handler waiting for the guides it shows, then deploys them', async () => {
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
      [DISCONNECT, 'create', [], []],
      [HANDLER, 'create', [`flow:${GUIDE}`, `flow:${DISCONNECT}`], []],
    ]);
    expect(run.report.status).toBe('succeeded');
    const guideArn = env.connect.flowByName(`acme-${GUIDE}`)!.arn;
    const handler = JSON.parse(env.connect.flowByName(`acme-${HANDLER}`)!.content!) as {
      Actions: FlowAction[];
    };
    const disconnectArn = env.connect.flowByName(`acme-${DISCONNECT}`)!.arn;
    expect(
      handler.Actions.filter((a) => a.Type === 'UpdateContactEventHooks').map((a) => a.Parameters),
    ).toEqual([
      { EventHooks: { DefaultAgentUI: guideArn } },
      { EventHooks: { DisconnectAgentUI: disconnectArn } },
    ]);
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
        .filter((n) => n === HANDLER || n === GUIDE || n === DISCONNECT)
        .sort();
    // Act / Assess
    expect(guideFlows('develop')).toEqual([GUIDE, DISCONNECT, HANDLER]);
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
    const app = createPlatformApp({ skipBundling: true, guard: false });
    // Act
    const stacks = addContactFlowStacks(app, config, {}) as ContactFlowsStack[];
    // Assess
    const bundled = (s: ContactFlowsStack) => {
      const file = path.resolve(app.outdir, s.bundle.assetPath);
      const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as { documents: { name: string }[] };
      return bundle.documents
        .map((d) => d.name)
        .filter((n) => n === HANDLER || n === GUIDE || n === DISCONNECT);
    };
    expect(stacks.map((s) => [s.stackName, bundled(s)])).toEqual([
      ['acme-contact-flows-develop-us-east-1', [GUIDE, DISCONNECT, HANDLER]],
      ['acme-contact-flows-develop-us-west-2', [GUIDE, DISCONNECT, HANDLER]],
      ['acme-contact-flows-staging-us-east-1', []],
      ['acme-contact-flows-prod-us-east-1', []],
    ]);
  });
});
