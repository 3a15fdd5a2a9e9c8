import { referencedMappingKeys } from '../../src/deploy/mapping-references';
import { loadRepoFlows } from '../../src/format/load-repo-flows';
import { MAPPING_KEY_PREFIXES } from '../../src/model/mapping-key';
import { findPlaceholders } from '../../src/model/placeholders';
import { DeployTestEnvironment, startDeployTestEnvironment } from '@amzconnect/testing/deploy';

/** The repository's own sample flows, deployed to an instance that has what they reference. */
describe('the sample flows of flows/', () => {
  const { flows, errors } = loadRepoFlows();
  const documents = flows.map((f) => f.document);
  const refs = documents.flatMap((d) => findPlaceholders(JSON.stringify(d.content)));
  const names = (kind: string) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.name))];
  const queueKeys = referencedMappingKeys(documents)
    .filter((k) => k.startsWith(`${MAPPING_KEY_PREFIXES.queue}_`))
    .map((k) => k.slice(MAPPING_KEY_PREFIXES.queue.length + 1));
  let env: DeployTestEnvironment;

  beforeEach(async () => {
    env = await startDeployTestEnvironment({ lambdas: names('lambda'), bots: names('lex') });
    for (const q of new Set([...names('queue'), ...queueKeys])) env.connect.addQueue(q);
    for (const p of names('prompt')) env.connect.addPrompt(p);
    for (const h of names('hours')) env.connect.addHours(h);
  });

  afterEach(async () => {
    await env.stop();
  });

  it('deploy, resolve every reference, publish the mapping they read, and re-deploy with zero writes', async () => {
    // Prepare
    expect(errors).toEqual([]);
    expect(documents.length).toBeGreaterThan(0);

    // Act
    const first = await env.deployer().deployer.deploy(documents);
    env.connect.resetCalls();
    const second = await env.deployer().deployer.deploy(documents);

    // Assess
    expect(first.report.status).toBe('succeeded');
    for (const d of documents) {
      const deployed =
        d.type === 'MODULE'
          ? env.connect.moduleByName(`acme-${d.name}`)
          : env.connect.flowByName(`acme-${d.name}`);
      expect(deployed?.content).not.toMatch(/\$\{|<<ARNREPLACE>>/);
    }
    const mapping = JSON.parse(env.s3.latest(env.flowBucket, 'mappings/acme/develop/mapping.json')!) as {
      entries: Record<string, string>;
    };
    expect(Object.keys(mapping.entries)).toEqual(referencedMappingKeys(documents));
    expect(second.prepared.plan.items.every((i) => i.action === 'unchanged')).toBe(true);
    expect(env.connect.successfulWrites).toBe(0);
  });
});
