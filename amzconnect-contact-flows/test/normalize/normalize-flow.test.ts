import fc from 'fast-check';
import { FlowAction, FlowDocument, normalizeFlow, readFlowFile } from '../../src';
import { allFixtures, fixture } from '../support/fixtures';
import { propertyRuns } from '@amzconnect/testing';

function read(rel: string): FlowDocument {
  const result = readFlowFile(fixture(rel));
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

function flowWith(parameters: Record<string, unknown>, metadata?: Record<string, unknown>): FlowDocument {
  return {
    name: 'T',
    type: 'CONTACT_FLOW',
    content: {
      Version: '2019-10-30',
      StartAction: 'a',
      ...(metadata ? { Metadata: metadata } : {}),
      Actions: [{ Identifier: 'a', Type: 'InvokeLambdaFunction', Parameters: parameters, Transitions: {} }],
    },
  };
}

const ACCOUNT_ARN = /arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:/;

describe('normalizeFlow', () => {
  it('names a Lambda function from its ARN, qualifier or not', () => {
    const doc = flowWith({
      A: 'arn:aws:lambda:us-east-1:123456789012:function:acme-customer-lookup',
      B: 'arn:aws:lambda:eu-west-2:123456789012:function:acme-mapping:live',
    });

    const result = normalizeFlow(doc);

    expect(result.document.content.Actions[0].Parameters).toEqual({
      A: '${lambda:acme-customer-lookup}',
      B: '${lambda:acme-mapping}',
    });
    expect(result.unresolved).toEqual([]);
    expect(result.replaced).toBe(2);
  });

  it('names resources from --names by ARN or by id, before anything else', () => {
    const queue = 'arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1';
    const hours = 'arn:aws:connect:us-east-1:123456789012:instance/i-1/operating-hours/h-1';
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:acme-develop-customer-lookup';

    const result = normalizeFlow(flowWith({ queue, hours, lambda }), {
      names: {
        [queue]: 'ACME_Sales',
        'h-1': 'ACME_Hours',
        'acme-develop-customer-lookup': 'customer-lookup',
      },
    });

    expect(result.document.content.Actions[0].Parameters).toEqual({
      queue: '${queue:ACME_Sales}',
      hours: '${hours:ACME_Hours}',
      lambda: '${lambda:customer-lookup}',
    });
  });

  it("names resources from the flow designer's metadata", () => {
    const bot = 'arn:aws:lex:us-east-1:123456789012:bot-alias/BOT1/ALIAS1';
    const flow = 'arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f-1';
    const doc = flowWith(
      { LexV2Bot: { AliasArn: bot }, ContactFlowId: flow },
      {
        ActionMetadata: {
          a: {
            lexV2BotName: 'ACME_lexbot',
            parameters: { ContactFlowId: { displayName: 'ACME_customer_queue' } },
          },
        },
      },
    );

    const result = normalizeFlow(doc);

    expect(result.document.content.Actions[0].Parameters).toEqual({
      LexV2Bot: { AliasArn: '${lex:ACME_lexbot}' },
      ContactFlowId: '${flow:ACME_customer_queue}',
    });
  });

  it('falls back to the id and reports what still needs a name, once each', () => {
    const prompt = 'arn:aws:connect:us-east-1:123456789012:instance/i-1/prompt/p-1';
    const phone = 'arn:aws:connect:us-east-1:123456789012:phone-number/n-1';

    const result = normalizeFlow(
      flowWith({
        A: prompt,
        B: prompt,
        C: phone,
        D: 'arn:aws:connect:us-east-1:123456789012:instance/i-1/agent/u-1',
      }),
    );

    expect(result.document.content.Actions[0].Parameters).toEqual({
      A: '${prompt:p-1}',
      B: '${prompt:p-1}',
      C: '${unnamed:connect:phone-number/n-1}',
      D: '${unnamed:connect:agent/u-1}',
    });
    expect(result.unresolved).toEqual([
      { kind: 'prompt', id: 'p-1', placeholder: '${prompt:p-1}' },
      { kind: 'unnamed', id: 'phone-number/n-1', placeholder: '${unnamed:connect:phone-number/n-1}' },
      { kind: 'unnamed', id: 'agent/u-1', placeholder: '${unnamed:connect:agent/u-1}' },
    ]);
  });

  it('keeps AWS-managed ARNs, ARNs without an account and JSONPath references as they are', () => {
    const params = {
      View: 'arn:aws:connect:eu-central-1:aws:view/after-contact-work:1',
      Bucket: 'arn:aws:s3:::acme-prompts/welcome.wav',
      Queue: '$.External.Queue_ACME_Sales',
    };

    const result = normalizeFlow(flowWith(params));

    expect(result.document.content.Actions[0].Parameters).toEqual(params);
    expect(result.replaced).toBe(0);
  });

  it("turns the original sample's <<ARNREPLACE>> into ${mapping-function}", () => {
    const result = normalizeFlow(read('api/ACME_Main.json'));

    const invoke = result.document.content.Actions.find((a) => a.Type === 'InvokeLambdaFunction');
    expect(invoke?.Parameters?.LambdaFunctionARN).toBe('${mapping-function}');
    expect(JSON.stringify(result.document)).not.toContain('<<ARNREPLACE>>');
  });

  it('normalizes a real export: metadata names the prompt, ids stand in for the rest', () => {
    const result = normalizeFlow(read('content/_0x_receptionist_queue_flow.json'));

    const text = JSON.stringify(result.document);
    expect(text).not.toMatch(ACCOUNT_ARN);
    expect(text).toContain('"PromptId":"${prompt:Music - Jazz_MyTimetoFly_Inst.wav}"');
    expect(result.unresolved.map((u) => u.placeholder)).toEqual([
      '${queue:e95345da-9b32-4714-9a91-b3507e4f4fc6}',
      '${prompt:cf1aa316-1c81-4aa7-88bb-e618230dee46}',
      '${prompt:0224bf91-1c95-4a85-9e91-aec1ee6f4afc}',
    ]);
  });
});

/** Every fixture that is a usable flow (legacy exports are refused, by design). */
const USABLE = allFixtures()
  .map((rel) => ({ rel, result: readFlowFile(fixture(rel)) }))
  .flatMap(({ rel, result }) => (result.ok ? [{ rel, doc: result.document }] : []));

const hex = fc.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const account = fc.stringMatching(/^\d{12}$/);
const region = fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2', 'ca-central-1');
const accountArn = fc
  .tuple(
    fc.constantFrom(
      'queue',
      'prompt',
      'operating-hours',
      'contact-flow',
      'flow-module',
      'agent',
      'transfer-destination',
      'lambda',
      'lambda-qualified',
      'lex',
      'phone-number',
      'sns',
    ),
    region,
    account,
    hex,
    hex,
  )
  .map(([kind, r, acct, id1, id2]) => {
    switch (kind) {
      case 'lambda':
        return `arn:aws:lambda:${r}:${acct}:function:fn-${id1.slice(0, 8)}`;
      case 'lambda-qualified':
        return `arn:aws:lambda:${r}:${acct}:function:fn-${id1.slice(0, 8)}:$LATEST`;
      case 'lex':
        return `arn:aws:lex:${r}:${acct}:bot-alias/${id1.slice(0, 10).toUpperCase()}/${id2.slice(0, 10).toUpperCase()}`;
      case 'phone-number':
        return `arn:aws:connect:${r}:${acct}:phone-number/${id1}`;
      case 'sns':
        return `arn:aws:sns:${r}:${acct}:alerts`;
      default:
        return `arn:aws:connect:${r}:${acct}:instance/${id1}/${kind}/${id2}`;
    }
  });
const managedArn = region.map((r) => `arn:aws:connect:${r}:aws:view/cards`);

describe('normalizeFlow over the real fixtures (property)', () => {
  it('never leaves an account id in an ARN, keeps AWS-managed ARNs and keeps every action', () => {
    expect(USABLE.length).toBeGreaterThanOrEqual(7);
    fc.assert(
      fc.property(
        fc.constantFrom(...USABLE),
        fc.array(fc.tuple(fc.nat(), accountArn, fc.boolean()), { minLength: 1, maxLength: 6 }),
        managedArn,
        ({ doc }, injections, managed) => {
          // Prepare: put ARNs into random actions, alone or inside text, and into the metadata
          const actions: FlowAction[] = doc.content.Actions.map((a) => ({
            ...a,
            Parameters: { ...(a.Parameters ?? {}) },
          }));
          injections.forEach(([n, arn, embedded], i) => {
            const target = actions[n % actions.length].Parameters as Record<string, unknown>;
            target[`Injected${i}`] = embedded ? `Call ${arn} now` : arn;
          });
          (actions[0].Parameters as Record<string, unknown>).ManagedView = managed;
          const input: FlowDocument = {
            ...doc,
            content: {
              ...doc.content,
              Actions: actions,
              Metadata: { ...(doc.content.Metadata ?? {}), injected: { id: injections[0][1] } },
            },
          };

          // Act
          const { document } = normalizeFlow(input);

          // Assess
          const text = JSON.stringify(document);
          expect(text).not.toMatch(ACCOUNT_ARN);
          expect(text).toContain(managed);
          expect(document.content.Actions).toHaveLength(input.content.Actions.length);
          document.content.Actions.forEach((a, i) => {
            expect(a.Identifier).toBe(input.content.Actions[i].Identifier);
            expect(a.Type).toBe(input.content.Actions[i].Type);
            expect(a.Transitions).toEqual(input.content.Actions[i].Transitions);
          });
          expect(document.content.StartAction).toBe(input.content.StartAction);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });
});
