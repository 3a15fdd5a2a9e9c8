import { parseFlowBundle, serializeFlowBundle } from '../../src/deploy/flow-bundle';
import { inboundFlow, messageModule } from './support/flow-factory';

describe('flow bundle', () => {
  it('round-trips documents and catalog names, sorted so equal sets give equal bytes', () => {
    // Prepare
    const docs = [messageModule('M'), inboundFlow('B'), inboundFlow('A')];

    // Act
    const text = serializeFlowBundle(docs, { lambdas: ['z', 'a'] });
    const parsed = parseFlowBundle(text);

    // Assess
    expect(parsed.documents.map((d) => d.name)).toEqual(['A', 'B', 'M']);
    expect(parsed.catalogNames).toEqual({ lambdas: ['a', 'z'] });
    expect(serializeFlowBundle([...docs].reverse(), { lambdas: ['a', 'z'] })).toBe(text);
  });

  it('lists every problem of a malformed bundle at once', () => {
    // Prepare
    const text = JSON.stringify({
      format: 'amzconnect-flow-bundle',
      version: 1,
      documents: [
        { name: 'X', type: 'NOPE', content: { StartAction: 's', Actions: [] } },
        { name: '', type: 'MODULE', content: {} },
        inboundFlow('A'),
        inboundFlow('A'),
      ],
    });

    // Act / Assess
    expect(() => parseFlowBundle(text, 's3://b/k.json')).toThrow(
      [
        's3://b/k.json: 4 problem(s):',
        '- documents[0] (X).type: must be one of CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, AGENT_WHISPER, OUTBOUND_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, CAMPAIGN, MODULE',
        '- documents[1].name: must be a non-empty string',
        '- documents[1].content: must be a flow language object with StartAction and Actions',
        '- documents[3] (A).name: duplicate flow:A',
      ].join('\n'),
    );
  });

  it('rejects a file that is not a bundle', () => {
    // Act / Assess
    expect(() => parseFlowBundle('{"documents":[]}', 'x')).toThrow(
      'x: not a version 1 amzconnect-flow-bundle (format, version, documents).',
    );
  });
});
