import { ConnectClient } from '@aws-sdk/client-connect';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exportFlows, readFlowFile } from '../../src';
import { runCli } from '../../src/cli/main';
import { fixture, recordingIo } from '../support/fixtures';
import { FakeInstance, LocalConnectServer, startLocalConnectServer } from '../support/local-connect-server';

const ACCOUNT = '111111111111';
const INSTANCE = 'aaaaaaaa-1111-2222-3333-444444444444';
const base = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE}`;
const arn = {
  sales: `${base}/queue/q-sales`,
  finance: `${base}/queue/q-finance`,
  hours: `${base}/operating-hours/h-1`,
  prompt: `${base}/prompt/p-welcome`,
  queueFlow: `${base}/contact-flow/f-queue`,
  module: `${base}/flow-module/m-1`,
  lookup: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:customer-lookup`,
  stray: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:not-associated`,
  bot: `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/BOTID12345/ALIASID123`,
  phone: `arn:aws:connect:us-east-1:${ACCOUNT}:phone-number/n-1`,
};

function content(actions: object[], metadata: object = {}): string {
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'start',
    Metadata: metadata,
    Actions: actions,
  });
}

const MAIN = content(
  [
    {
      Identifier: 'start',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: arn.lookup, InvocationTimeLimitSeconds: '8' },
      Transitions: { NextAction: 'hook' },
    },
    {
      Identifier: 'hook',
      Type: 'UpdateContactEventHooks',
      Parameters: { EventHooks: { CustomerQueue: arn.queueFlow } },
      Transitions: { NextAction: 'lex' },
    },
    {
      Identifier: 'lex',
      Type: 'ConnectParticipantWithLexBot',
      Parameters: { PromptId: arn.prompt, LexV2Bot: { AliasArn: arn.bot } },
      Transitions: {
        NextAction: 'sales',
        Conditions: [{ NextAction: 'finance', Condition: { Operator: 'Equals', Operands: ['Finance'] } }],
      },
    },
    {
      Identifier: 'sales',
      Type: 'UpdateContactTargetQueue',
      Parameters: { QueueId: arn.sales },
      Transitions: { NextAction: 'hours' },
    },
    {
      Identifier: 'finance',
      Type: 'UpdateContactTargetQueue',
      Parameters: { QueueId: arn.finance },
      Transitions: { NextAction: 'hours' },
    },
    {
      Identifier: 'hours',
      Type: 'CheckHoursOfOperation',
      Parameters: { HoursOfOperationId: arn.hours },
      Transitions: { NextAction: 'module' },
    },
    {
      Identifier: 'module',
      Type: 'InvokeFlowModule',
      Parameters: { FlowModuleId: arn.module },
      Transitions: { NextAction: 'stray' },
    },
    {
      Identifier: 'stray',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: arn.stray, CallerId: arn.phone },
      Transitions: { NextAction: 'end' },
    },
    { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ],
  { ActionMetadata: { lex: { lexV2BotName: 'ACME_lexbot' } } },
);

const SIMPLE = content([{ Identifier: 'start', Type: 'EndFlowExecution', Parameters: {}, Transitions: {} }]);

const INSTANCE_DATA: FakeInstance = {
  instanceId: INSTANCE,
  flows: [
    {
      Id: 'f-main',
      Arn: `${base}/contact-flow/f-main`,
      Name: 'ACME_Main',
      Type: 'CONTACT_FLOW',
      Description: 'Main',
      Content: MAIN,
    },
    {
      Id: 'f-queue',
      Arn: arn.queueFlow,
      Name: 'ACME_customer_queue',
      Type: 'CUSTOMER_QUEUE',
      Content: SIMPLE,
    },
    {
      Id: 'f-default',
      Arn: `${base}/contact-flow/f-default`,
      Name: 'Default agent whisper',
      Type: 'AGENT_WHISPER',
      Content: SIMPLE,
    },
    {
      Id: 'f-old',
      Arn: `${base}/contact-flow/f-old`,
      Name: 'ACME_old',
      Type: 'CONTACT_FLOW',
      State: 'ARCHIVED',
      Content: SIMPLE,
    },
    {
      Id: 'f-draft',
      Arn: `${base}/contact-flow/f-draft`,
      Name: 'ACME_draft',
      Type: 'CONTACT_FLOW',
      Status: 'SAVED',
      Content: SIMPLE,
      failWith: 'ContactFlowNotPublishedException',
    },
  ],
  modules: [
    {
      Id: 'm-1',
      Arn: arn.module,
      Name: 'ACME_module',
      Content: content([
        { Identifier: 'start', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
      ]),
    },
  ],
  queues: [
    { Id: 'q-sales', Arn: arn.sales, Name: 'ACME_Sales' },
    { Id: 'q-finance', Arn: arn.finance, Name: 'ACME_Finance' },
    { Id: 'q-basic', Arn: `${base}/queue/q-basic`, Name: 'BasicQueue' },
  ],
  prompts: [{ Id: 'p-welcome', Arn: arn.prompt, Name: 'ACME_Welcome' }],
  hours: [{ Id: 'h-1', Arn: arn.hours, Name: 'ACME_Hours' }],
  lambdaArns: [
    arn.lookup,
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:mapping`,
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:other`,
  ],
  lexV2AliasArns: [arn.bot],
};

describe('export', () => {
  let server: LocalConnectServer;
  let client: ConnectClient;

  beforeAll(async () => {
    server = await startLocalConnectServer(INSTANCE_DATA, 2);
    client = new ConnectClient({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      retryMode: 'adaptive',
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  it('reads every page of every list, and names references from the instance', async () => {
    // Act
    const result = await exportFlows(client, { instanceId: INSTANCE, prefix: 'ACME_' });

    // Assess
    const pages = (p: string): number => server.requests.filter((r) => r.path === `/${p}/${INSTANCE}`).length;
    expect(pages('contact-flows-summary')).toBe(3);
    expect(pages('queues-summary')).toBe(2);
    expect(pages('contact-flow-modules-summary')).toBe(1);
    expect(server.requests.filter((r) => r.path === `/instance/${INSTANCE}/lambda-functions`)).toHaveLength(
      2,
    );

    expect(result.flows.map((f) => f.document.name)).toEqual([
      'ACME_Main',
      'ACME_customer_queue',
      'ACME_module',
    ]);
    expect(result.failures).toEqual([
      { name: 'ACME_draft', message: expect.stringContaining('ContactFlowNotPublishedException') },
    ]);
    const main = result.flows[0];
    expect(main.document.description).toBe('Main');
    const params = Object.fromEntries(main.document.content.Actions.map((a) => [a.Identifier, a.Parameters]));
    expect(params).toMatchObject({
      start: { LambdaFunctionARN: '${lambda:customer-lookup}' },
      hook: { EventHooks: { CustomerQueue: '${flow:ACME_customer_queue}' } },
      lex: { PromptId: '${prompt:ACME_Welcome}', LexV2Bot: { AliasArn: '${lex:ACME_lexbot}' } },
      sales: { QueueId: '${queue:ACME_Sales}' },
      finance: { QueueId: '${queue:ACME_Finance}' },
      hours: { HoursOfOperationId: '${hours:ACME_Hours}' },
      module: { FlowModuleId: '${module:ACME_module}' },
      stray: {
        LambdaFunctionARN: '${lambda:not-associated}',
        CallerId: '${unnamed:connect:phone-number/n-1}',
      },
    });
    expect(main.unresolved).toEqual([
      { kind: 'unnamed', id: 'phone-number/n-1', placeholder: '${unnamed:connect:phone-number/n-1}' },
    ]);
    expect(main.unassociatedLambdas).toEqual(['not-associated']);
    expect(result.flows[2].document.type).toBe('MODULE');
  });

  it('writes our format to --out and reports what it wrote and what it could not resolve', async () => {
    // Prepare
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-export-'));
    const { io, out: stdout, err } = recordingIo(out);

    // Act
    const code = await runCli(
      ['export', '--instance-id', INSTANCE, '--region', 'us-east-1', '--prefix', 'ACME_', '--out', '.'],
      {
        ...io,
        connectClient: () => client,
      },
    );

    // Assess
    expect(code).toBe(1);
    expect(stdout()).toBe(
      [
        'wrote ACME_Main.json (CONTACT_FLOW, 9 actions)',
        'wrote ACME_customer_queue.json (CUSTOMER_QUEUE, 1 actions)',
        'wrote modules/ACME_module.json (MODULE, 1 actions)',
        '',
      ].join('\n'),
    );
    const lines = err().split('\n');
    expect(lines).toContain(
      'ACME_Main.json: warning: normalize: ${unnamed:connect:phone-number/n-1} stands for an ARN the deployment cannot resolve by name; replace it with a placeholder or a $.External key',
    );
    expect(lines).toContain(
      'ACME_Main.json: warning: export: Lambda function "not-associated" is not associated with the instance',
    );
    expect(
      lines.some((l) =>
        l.startsWith('export: error: could not read "ACME_draft": ContactFlowNotPublishedException'),
      ),
    ).toBe(true);
    expect(lines).toContain('export: wrote 3 files, 1 failed');
    for (const file of ['ACME_Main.json', 'ACME_customer_queue.json', 'modules/ACME_module.json']) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      expect(text).not.toMatch(/arn:[^"]*:\d{12}:/);
      expect(readFlowFile(path.join(out, file))).toMatchObject({ ok: true, shape: 'repo' });
    }
    expect(fs.existsSync(path.join(out, 'Default_agent_whisper.json'))).toBe(false);
  });

  it('refuses to write two flows to the same file', async () => {
    // Prepare
    const clash = await startLocalConnectServer({
      ...INSTANCE_DATA,
      flows: [
        {
          Id: 'f-1',
          Arn: `${base}/contact-flow/f-1`,
          Name: 'ACME Sales',
          Type: 'CONTACT_FLOW',
          Content: SIMPLE,
        },
        {
          Id: 'f-2',
          Arn: `${base}/contact-flow/f-2`,
          Name: 'ACME_Sales',
          Type: 'CONTACT_FLOW',
          Content: SIMPLE,
        },
      ],
      modules: [],
    });
    const clashClient = new ConnectClient({
      region: 'us-east-1',
      endpoint: clash.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-export-'));
    const { io, err } = recordingIo(out);

    // Act
    const code = await runCli(['export', '--instance-id', INSTANCE, '--out', '.'], {
      ...io,
      connectClient: () => clashClient,
    });
    clashClient.destroy();
    await clash.close();

    // Assess
    expect(code).toBe(1);
    expect(err()).toContain(
      `export: error: "ACME_Sales" and "ACME Sales" would both be written to ${path.join(out, 'ACME_Sales.json')}; rename one\n`,
    );
    expect(err()).toContain('export: wrote 1 file, 1 failed\n');
  });

  it('exits 2 without --instance-id', async () => {
    const { io, err } = recordingIo(os.tmpdir());

    expect(await runCli(['export', '--region', 'us-east-1'], { ...io, connectClient: () => client })).toBe(2);
    expect(err()).toBe('export: --instance-id ID is required\n');
  });

  it('names the references of real exported flows from the instance lists', async () => {
    // Prepare: an instance holding flows none of us wrote, with the resources they reference
    const realBase = 'arn:aws:connect:us-east-1:201706955376:instance/03103f71-db62-4f61-9432-4bfae356b3e3';
    const receptionist = JSON.parse(
      fs.readFileSync(fixture('content/_0x_receptionist_queue_flow.json'), 'utf8'),
    );
    const module = JSON.parse(
      JSON.parse(fs.readFileSync(fixture('module/ACME_ContactFlowModule_AUTO.json'), 'utf8')).Content,
    );
    const real = await startLocalConnectServer({
      instanceId: '03103f71-db62-4f61-9432-4bfae356b3e3',
      flows: [
        {
          Id: 'f-r',
          Arn: `${realBase}/contact-flow/f-r`,
          Name: '0x Receptionist Queue Flow',
          Type: 'CUSTOMER_QUEUE',
          Content: JSON.stringify(receptionist),
        },
      ],
      modules: [
        {
          Id: 'm-1',
          Arn: `${realBase}/flow-module/m-1`,
          Name: 'ACME_ContactFlowModule_AUTO',
          Content: JSON.stringify(module),
        },
      ],
      queues: [
        {
          Id: 'e95345da-9b32-4714-9a91-b3507e4f4fc6',
          Arn: `${realBase}/queue/e95345da-9b32-4714-9a91-b3507e4f4fc6`,
          Name: 'Z - Voicemail Queue',
        },
      ],
      prompts: [
        {
          Id: 'bdcbdc5f-6e20-40d3-b061-55493471447e',
          Arn: `${realBase}/prompt/bdcbdc5f-6e20-40d3-b061-55493471447e`,
          Name: 'Music - Jazz_MyTimetoFly_Inst.wav',
        },
        {
          Id: 'cf1aa316-1c81-4aa7-88bb-e618230dee46',
          Arn: `${realBase}/prompt/cf1aa316-1c81-4aa7-88bb-e618230dee46`,
          Name: 'SFX - Beep.wav',
        },
        {
          Id: '0224bf91-1c95-4a85-9e91-aec1ee6f4afc',
          Arn: `${realBase}/prompt/0224bf91-1c95-4a85-9e91-aec1ee6f4afc`,
          Name: 'Leave Message Prompt Version 2.wav',
        },
      ],
      hours: [],
      lambdaArns: [],
      lexV2AliasArns: [],
    });
    const realClient = new ConnectClient({
      region: 'us-east-1',
      endpoint: real.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });

    // Act
    const result = await exportFlows(realClient, { instanceId: '03103f71-db62-4f61-9432-4bfae356b3e3' });
    realClient.destroy();
    await real.close();

    // Assess
    expect(result.failures).toEqual([]);
    expect(result.flows.map((f) => [f.document.name, f.document.type, f.unresolved])).toEqual([
      ['0x Receptionist Queue Flow', 'CUSTOMER_QUEUE', []],
      ['ACME_ContactFlowModule_AUTO', 'MODULE', []],
    ]);
    const text = JSON.stringify(result.flows[0].document);
    expect(text).not.toMatch(/arn:[^"]*:\d{12}:/);
    expect(text).toContain('"QueueId":"${queue:Z - Voicemail Queue}"');
    expect(text).toContain('"PromptId":"${prompt:SFX - Beep.wav}"');
    expect(text).toContain('"PromptId":"${prompt:Leave Message Prompt Version 2.wav}"');
    expect(result.flows[0].document.content.Actions).toHaveLength(receptionist.Actions.length);
  });
});
