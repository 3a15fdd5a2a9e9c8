import * as fs from 'fs';
import {
  FlowDocument,
  parseFlowText,
  readFlowFile,
  serializeFlowDocument,
  LEGACY_EXPORT_MESSAGE,
} from '../../src';
import { fixture } from '../support/fixtures';

function read(rel: string): FlowDocument {
  const result = readFlowFile(fixture(rel));
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

describe('readFlowFile on real exports', () => {
  it('reads the API shape with an escaped Content string and ContactFlowType', () => {
    // Act
    const result = readFlowFile(fixture('api/ACME_Main.json'));

    // Assess
    expect(result.ok && result.shape).toBe('api');
    const doc = read('api/ACME_Main.json');
    expect(doc.name).toBe('ACME_Main');
    expect(doc.type).toBe('CONTACT_FLOW');
    expect(doc.content.Actions).toHaveLength(11);
    expect(doc.content.StartAction).toBe('cc06f7c7-7458-4de1-a177-cec53cd2374f');
  });

  it("reads the CLI's { ContactFlow } shape with its description", () => {
    const result = readFlowFile(fixture('cli/default-agent-whisper.json'));

    expect(result.ok && result.shape).toBe('cli');
    expect(read('cli/default-agent-whisper.json')).toMatchObject({
      name: 'Default agent whisper',
      type: 'AGENT_WHISPER',
      description: 'Default whisper played to the agent.',
    });
  });

  it('reads a flow module without a Type, infers MODULE and says so', () => {
    const result = readFlowFile(fixture('module/ACME_ContactFlowModule_AUTO.json'));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.type).toBe('MODULE');
    expect(result.document.description).toBe('Contact Flow Module provisioned through Automation');
    expect(result.notes).toEqual(['no "Type" in the file; inferred MODULE from the content']);
  });

  it('reads non-UUID action identifiers as they are', () => {
    const doc = read('module/ACME_ContactFlowModule_AUTO.json');

    expect(doc.content.StartAction).toBe('FLOW_OBJECT_MAPS#');
    expect(doc.content.Actions.map((a) => a.Identifier)).toContain('FLOW_OBJECT_MAPS#');
  });

  it("reads the designer's flow-language export, naming it from its metadata", () => {
    const result = readFlowFile(fixture('aws-managed/sample-after-contact-work-flow.json'));

    expect(result.ok && result.shape).toBe('content');
    expect(read('aws-managed/sample-after-contact-work-flow.json')).toMatchObject({
      name: 'Sample after contact work flow',
      type: 'CONTACT_FLOW',
      description: 'Sample flow to show guides in after contact work.',
    });
  });

  it('reads a CRLF file and names it after the file when the metadata has no name', () => {
    const text = fs.readFileSync(fixture('crlf/default_agent_transfer.json'), 'utf8');
    expect(text).toContain('\r\n');

    const result = readFlowFile(fixture('crlf/default_agent_transfer.json'));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.name).toBe('default_agent_transfer');
    expect(result.notes).toEqual([
      'no name in the flow\'s metadata; named "default_agent_transfer" after the file',
      "no type in the flow's metadata; inferred CONTACT_FLOW from the content",
    ]);
  });

  it('infers a customer queue flow from blocks only a customer queue flow allows', () => {
    expect(read('content/_0x_receptionist_queue_flow.json').type).toBe('CUSTOMER_QUEUE');
  });

  it.each(['legacy/kvStreamingSampleFlow.json', 'legacy/email-AgentWhisper.json'])(
    'reports the legacy console export %s with how to re-export, never half-parsed',
    (rel) => {
      const result = readFlowFile(fixture(rel));

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.kind).toBe('legacy-export');
      expect(result.error.problems).toEqual([LEGACY_EXPORT_MESSAGE]);
    },
  );

  it('reports a legacy export wrapped in our header as legacy', () => {
    const legacy = JSON.parse(fs.readFileSync(fixture('legacy/kvStreamingSampleFlow.json'), 'utf8'));

    const result = parseFlowText(
      JSON.stringify({ name: 'X', type: 'CONTACT_FLOW', content: legacy }),
      'x.json',
    );

    expect(!result.ok && result.error.kind).toBe('legacy-export');
  });

  it('reports a missing file as unreadable', () => {
    const result = readFlowFile(fixture('api/nope.json'));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('unreadable');
    expect(result.error.problems).toEqual(['file not found; check the path']);
  });
});

describe('parseFlowText', () => {
  const doc: FlowDocument = {
    name: 'X',
    type: 'CONTACT_FLOW',
    content: {
      Version: '2019-10-30',
      StartAction: 'a',
      Actions: [{ Identifier: 'a', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
    },
  };

  it('round-trips our format through serializeFlowDocument', () => {
    const result = parseFlowText(serializeFlowDocument(doc), 'x.json');

    expect(result).toEqual({ ok: true, document: doc, shape: 'repo', notes: [] });
  });

  it('reads a minified file with a byte order mark', () => {
    const result = parseFlowText(`\uFEFF${JSON.stringify(doc)}`, 'x.json');

    expect(result.ok && result.document).toEqual(doc);
  });

  it('locates a JSON syntax error by line and column', () => {
    const result = parseFlowText('{\n  "name": "X",\n  "type": \n}', 'x.json');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-json');
    expect(result.error.problems[0]).toMatch(/^not valid JSON \(.+ at line 4, column 1\); fix the syntax$/);
  });

  it('asks for content as an object, not an escaped string', () => {
    const result = parseFlowText(JSON.stringify({ ...doc, content: JSON.stringify(doc.content) }), 'x.json');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems).toEqual([
      '"content" must be the flow language as a JSON object, not an escaped string; rewrite the file with `npm run flows -- normalize FILE`',
    ]);
  });

  it('reports every problem of the header and the actions at once', () => {
    const bad = {
      name: '',
      type: 'INBOUND',
      extra: 1,
      content: {
        Version: '2019-10-30',
        StartAction: 'a',
        Actions: [{ Identifier: '', Type: 'X', Transitions: { Errors: {} } }],
      },
    };

    const result = parseFlowText(JSON.stringify(bad), 'x.json');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-field');
    expect(result.error.problems).toEqual([
      'unknown field "extra" (allowed: name, type, description, content)',
      '"name" must be a non-empty string',
      '"type" must be one of CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, CAMPAIGN, MODULE (found "INBOUND")',
      'content.Actions[0].Identifier must be a non-empty string',
      'content.Actions[0].Transitions.Errors must be an array',
    ]);
  });

  it('says which shapes it reads when the JSON is none of them', () => {
    const result = parseFlowText('[1, 2]', 'x.json');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('unknown-shape');
    expect(result.error.problems).toEqual([
      'top level is an array; expected our format { "name", "type", "content" }, the API\'s { "Name", "Type", "Content" }, the CLI\'s { "ContactFlow": { ... } } or the flow language { "Version", "StartAction", "Actions" }',
    ]);
  });

  it('reports an escaped Content that is not JSON', () => {
    const result = parseFlowText(
      JSON.stringify({ Name: 'X', Type: 'CONTACT_FLOW', Content: '{"Version":' }),
      'x.json',
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-json');
    expect(result.error.problems[0]).toMatch(/^"Content" is not valid JSON \(.+\); fix the syntax$/);
  });
});
