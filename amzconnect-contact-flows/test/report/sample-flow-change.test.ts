import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';
import { flowNaming } from '../../src/deploy/flow-naming';
import { loadRepoFlows } from '../../src/format/load-repo-flows';
import { FlowDocument } from '../../src/model/flow-document';
import { findPlaceholders } from '../../src/model/placeholders';
import { referencedMappingKeys } from '../../src/deploy/mapping-references';
import { MAPPING_KEY_PREFIXES } from '../../src/model/mapping-key';
import { planReportSection } from '../../src/report';
import { svgContents } from '../render/svg-nodes';

/** A pull request that changes one sample flow, planned against an instance running every sample flow. */
describe('plan report of a one-flow change to the sample flows', () => {
  const documents = loadRepoFlows().flows.map((f) => f.document);
  const refs = documents.flatMap((d) => findPlaceholders(JSON.stringify(d.content)));
  const names = (kind: string) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.name))];
  const queueKeys = referencedMappingKeys(documents)
    .filter((k) => k.startsWith(`${MAPPING_KEY_PREFIXES.queue}_`))
    .map((k) => k.slice(MAPPING_KEY_PREFIXES.queue.length + 1));
  let env: DeployTestEnvironment;

  beforeAll(async () => {
    env = await startDeployTestEnvironment({ lambdas: names('lambda'), bots: names('lex') });
    for (const q of new Set([...names('queue'), ...queueKeys])) env.connect.addQueue(q);
    for (const p of names('prompt')) env.connect.addPrompt(p);
    for (const h of names('hours')) env.connect.addHours(h);
    expect((await env.deployer().deployer.deploy(documents)).report.status).toBe('succeeded');
  });

  afterAll(async () => {
    await env.stop();
  });

  it('lists only the changed flow, draws it with exactly the changed block marked, and shows the new text', async () => {
    // Prepare: the pull request changes what the first block that speaks says, in one flow
    const flow = documents.find((d) =>
      d.content.Actions.some((a) => typeof a.Parameters?.Text === 'string'),
    )!;
    const block = flow.content.Actions.find((a) => typeof a.Parameters?.Text === 'string')!;
    const before = block.Parameters!.Text as string;
    const after = `${before} Calls may be recorded.`;
    const changed: FlowDocument[] = documents.map((d) =>
      d !== flow
        ? d
        : {
            ...d,
            content: {
              ...d.content,
              Actions: d.content.Actions.map((a) =>
                a === block ? { ...a, Parameters: { ...a.Parameters, Text: after } } : a,
              ),
            },
          },
    );

    // Act
    const prepared = await env.deployer().deployer.plan(changed);
    const section = await planReportSection(prepared.plan, prepared.context.snapshot, flowNaming('acme'), {
      app: 'acme',
      env: 'develop',
      region: 'us-east-1',
    });

    // Assess
    expect(section.counts).toMatchObject({ create: 0, update: 1, orphaned: 0, blocked: 0 });
    expect(section.entries.map((e) => [e.action, e.name])).toEqual([['update', flow.name]]);
    expect(section.entries[0].blocks).toEqual([
      {
        identifier: block.Identifier,
        type: block.Type,
        mark: 'changed',
        changes: [{ path: 'Parameters.Text', before: JSON.stringify(before), after: JSON.stringify(after) }],
      },
    ]);
    const marked = [...svgContents(section.entries[0].svg!).blockClasses].filter(([, c]) => c !== 'block');
    expect(marked).toEqual([[block.Identifier, 'block block-changed']]);
  });
});
