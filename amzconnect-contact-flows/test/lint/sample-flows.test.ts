import { FLOWS_DIR, lintFlows, loadRepoCatalog, loadRepoFlows, RepoCatalog } from '../../src';
import { loadWorkloadSwitches, workloadOfFlowFile } from '../../lib/workload-flows';

/** The catalog the sample flows are written against (the names the other sub-projects define). */
const ACME: RepoCatalog = {
  queues: ['ACME_Sales', 'ACME_Finance'],
  hours: ['ACME_Hours'],
  prompts: [],
  bots: ['ACME_lexbot'],
  lambdas: ['customer-lookup', 'mapping'],
};

describe('the sample ACME flows', () => {
  // Workload flows (flows/<workload>/) are checked by their workload's own tests.
  const all = loadRepoFlows(FLOWS_DIR);
  const switches = loadWorkloadSwitches();
  const repo = { ...all, flows: all.flows.filter((f) => workloadOfFlowFile(f.path, switches) === undefined) };

  it('are all in the repository format', () => {
    expect(repo.errors).toEqual([]);
    expect(repo.flows.map((f) => [f.document.name, f.document.type, f.shape])).toEqual([
      ['ACME_Main', 'CONTACT_FLOW', 'repo'],
      ['ACME_agent_whisper', 'AGENT_WHISPER', 'repo'],
      ['ACME_customer_queue', 'CUSTOMER_QUEUE', 'repo'],
      ['ACME_customer_whisper', 'CUSTOMER_WHISPER', 'repo'],
      ['ACME_queue_transfer', 'QUEUE_TRANSFER', 'repo'],
    ]);
  });

  it('pass the linter against the names the ACME contact center defines', () => {
    const docs = repo.flows.map((f) => f.document);
    const catalog: RepoCatalog = { ...ACME, flows: docs.map((d) => d.name), modules: [] };

    expect(lintFlows({ flows: repo.flows, catalog })).toEqual([]);
  });

  it("pass the linter against the repository's own catalog files", () => {
    const { catalog } = loadRepoCatalog(repo.flows.map((f) => f.document));

    expect(lintFlows({ flows: repo.flows, catalog }).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
