import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FlowDocument, loadRepoFlows, readFlowFile } from '../../src';
import { runCli } from '../../src/cli/main';
import { flowDocumentDot, flowGraph, renderFlowSvg } from '../../src/render';
import { transitionsOf } from '../../src/lint/flow-walk';
import { allFixtures, fixture, recordingIo } from '../support/fixtures';
import { svgContents } from './svg-nodes';

const samples = loadRepoFlows().flows.map((f) => ({ name: path.basename(f.path), document: f.document }));
const readableFixtures = allFixtures()
  .map((rel) => ({ rel, parsed: readFlowFile(fixture(rel)) }))
  .filter((f) => f.parsed.ok)
  .map((f) => ({ name: f.rel, document: (f.parsed as { document: FlowDocument }).document }));
const everyFlow = [...samples, ...readableFixtures];

describe('render: every sample flow and public fixture', () => {
  it('covers every sample flow and every fixture Connect accepts', () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
    expect(readableFixtures.map((f) => f.name)).toEqual(
      allFixtures().filter((rel) => !rel.startsWith('legacy/')),
    );
  });

  it.each(everyFlow.map((f) => [f.name, f.document] as const))(
    '%s: every action appears once and every transition is an edge',
    async (_name, doc) => {
      const svg = await renderFlowSvg(doc);
      const { blockTitles, edgeCount } = svgContents(svg);

      expect([...blockTitles].sort()).toEqual(doc.content.Actions.map((a) => a.Identifier).sort());
      const transitions = doc.content.Actions.flatMap((a) => transitionsOf(a));
      // One edge per transition, plus the entry arrow to StartAction.
      expect(edgeCount).toBe(transitions.length + 1);
    },
  );

  it.each(everyFlow.map((f) => [f.name, f.document] as const))(
    '%s: same flow, same bytes',
    async (_name, doc) => {
      const first = await renderFlowSvg(doc);
      const copy = JSON.parse(JSON.stringify(doc)) as FlowDocument;

      expect(await renderFlowSvg(copy)).toBe(first);
    },
  );
});

describe('flowGraph', () => {
  const main = samples.find((s) => s.name === 'ACME_Main.json')!.document;

  it('labels references to queues, prompts, hours, Lambda functions and bots by name', () => {
    const graph = flowGraph(main.content);
    const refs = (id: string) => graph.nodes.find((n) => n.identifier === id)?.references;

    expect(refs('load-mapping')).toEqual([{ kind: 'lambda', name: 'mapping function' }]);
    expect(refs('lookup-customer')).toEqual([{ kind: 'lambda', name: 'customer-lookup' }]);
    expect(refs('remember-queues')).toEqual([
      { kind: 'queue', name: 'ACME_Sales' },
      { kind: 'queue', name: 'ACME_Finance' },
    ]);
    expect(refs('main-menu')).toEqual([{ kind: 'lex', name: 'ACME_lexbot' }]);
    expect(refs('check-hours')).toEqual([{ kind: 'hours', name: 'ACME_Hours' }]);
    expect(refs('set-customer-queue-flow')).toEqual([{ kind: 'flow', name: 'ACME_customer_queue' }]);
  });

  it('names ARNs through the labels given, and Lambda ARNs by function name', () => {
    const graph = flowGraph(
      {
        Version: '2019-10-30',
        StartAction: 'a',
        Actions: [
          {
            Identifier: 'a',
            Type: 'UpdateContactTargetQueue',
            Parameters: {
              QueueId: 'arn:aws:connect:us-east-1:111111111111:instance/i-1/queue/q-1',
              LambdaFunctionARN: 'arn:aws:lambda:us-east-1:111111111111:function:acme-lookup:live',
            },
          },
        ],
      },
      {
        arnLabels: new Map([
          ['arn:aws:connect:us-east-1:111111111111:instance/i-1/queue/q-1', 'queue:Sales'],
        ]),
      },
    );

    expect(graph.nodes[0].references).toEqual([
      { kind: 'queue', name: 'Sales' },
      { kind: 'lambda', name: 'acme-lookup' },
    ]);
  });

  it('draws conditions with their operands and error paths with their error type', () => {
    const graph = flowGraph(main.content);

    expect(graph.edges.filter((e) => e.from === 'main-menu')).toEqual(
      expect.arrayContaining([
        { from: 'main-menu', to: 'route-to-sales', kind: 'condition', label: 'Equals Sales' },
        expect.objectContaining({ from: 'main-menu', kind: 'error', label: 'NoMatchingCondition' }),
      ]),
    );
  });

  it('adds a missing node for a transition to an undefined block, so the edge still shows', () => {
    const graph = flowGraph({
      Version: '2019-10-30',
      StartAction: 'a',
      Actions: [{ Identifier: 'a', Type: 'MessageParticipant', Transitions: { NextAction: 'gone' } }],
    });

    expect(graph.nodes.map((n) => [n.identifier, n.missing ?? false])).toEqual([
      ['a', false],
      ['gone', true],
    ]);
    expect(
      flowDocumentDot({
        name: 'x',
        type: 'CONTACT_FLOW',
        content: { Version: '2019-10-30', StartAction: 'a', Actions: [] },
      }),
    ).toContain('missing: a');
  });

  it('escapes quotes and backslashes in DOT labels', () => {
    const dot = flowDocumentDot({
      name: 'Q"uote\\d',
      type: 'CONTACT_FLOW',
      content: {
        Version: '2019-10-30',
        StartAction: 'say',
        Actions: [
          { Identifier: 'say', Type: 'MessageParticipant', Parameters: { Text: 'He said "hi" \\o/' } },
        ],
      },
    });

    expect(dot).toContain('label="Q\\"uote\\\\d (CONTACT_FLOW)"');
    expect(dot).toContain('“He said \\"hi\\" \\\\o/”');
  });
});

describe('flows render', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-render-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes the SVG to --out', async () => {
    const { io, err } = recordingIo(tmp);

    const code = await runCli(['render', fixture('api/ACME_Main.json'), '--out', 'pics/main.svg'], io);

    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(tmp, 'pics/main.svg'), 'utf8')).toMatch(/^<\?xml[\s\S]*<\/svg>\n$/);
    expect(err()).toMatch(/^Wrote pics\/main\.svg \(\d+ blocks\)\n$/);
  });

  it('prints the SVG on stdout without --out', async () => {
    const { io, out } = recordingIo(tmp);

    expect(await runCli(['render', fixture('crlf/default_agent_transfer.json')], io)).toBe(0);
    expect(out()).toContain('</svg>');
  });

  it('refuses a legacy console export with the format error (exit 1)', async () => {
    const { io, err } = recordingIo(tmp);

    expect(await runCli(['render', fixture('legacy/email-AgentWhisper.json')], io)).toBe(1);
    expect(err()).toMatch(/email-AgentWhisper\.json: error: format: /);
  });

  it('exits 2 without a FILE', async () => {
    const { io, err } = recordingIo(tmp);

    expect(await runCli(['render'], io)).toBe(2);
    expect(err()).toBe(
      'render: expected exactly one FILE, e.g. npm run flows -- render flows/ACME_Main.json\n',
    );
  });
});
