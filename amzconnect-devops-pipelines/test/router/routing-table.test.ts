import {
  parseRoutingTable,
  releasePipelines,
  routablePipelines,
  routingTableFromConfig,
  serializeRoutingTable,
} from '../../src/router/routing-table';
import { sampleConfig, sampleTable } from './support/test-config';

const FIX =
  'it is computed by the WebhookRouter construct from env/ at synth time: redeploy the tooling stack.';

describe('routingTableFromConfig', () => {
  it('lists enabled environments with their pipelines and the tooling branch', () => {
    expect(sampleTable.toolingBranch).toBe('main');
    expect(sampleTable.selfUpdatePipeline).toBe('amzconnect-devops-pipelines');
    expect(sampleTable.environments.map((e) => [e.name, e.branch])).toEqual([
      ['develop', 'develop'],
      ['staging', 'staging'],
      ['prod', 'main'],
    ]);
    expect(sampleTable.environments[2].pipelines).toEqual({
      instance: 'amzconnect-instance-main',
      'supporting-infra': 'amzconnect-supporting-infra-main',
      lambdas: 'amzconnect-lambdas-main',
      'contact-flows': 'amzconnect-contact-flows-main',
    });
  });

  it('leaves disabled environments out', () => {
    const config = {
      ...sampleConfig,
      environments: sampleConfig.environments.map((e) => ({ ...e, enabled: e.name === 'prod' })),
    };
    expect(routingTableFromConfig(config).environments.map((e) => e.name)).toEqual(['prod']);
  });

  it('lists the routable pipelines (release pipelines, then self-update)', () => {
    expect(releasePipelines(sampleTable)).toHaveLength(12);
    expect(routablePipelines(sampleTable)).toEqual([
      ...releasePipelines(sampleTable),
      'amzconnect-devops-pipelines',
    ]);
  });
});

describe('serializeRoutingTable / parseRoutingTable', () => {
  it('round-trips the table through compact JSON', () => {
    const json = serializeRoutingTable(sampleTable);
    expect(json).not.toContain(' ');
    expect(parseRoutingTable(json)).toEqual(sampleTable);
  });

  it('carries the platform prefix, so the Lambda derives the same pipeline names as the stacks', () => {
    const table = routingTableFromConfig({
      ...sampleConfig,
      tooling: { ...sampleConfig.tooling, platformPrefix: 'acme-cc' },
    });

    const parsed = parseRoutingTable(serializeRoutingTable(table));

    expect(parsed).toEqual(table);
    expect(parsed.selfUpdatePipeline).toBe('acme-cc-devops-pipelines');
    expect(parsed.environments[0].pipelines.lambdas).toBe('acme-cc-lambdas-develop');
  });

  it.each([
    [undefined, 'ROUTING_TABLE is not set'],
    ['', 'ROUTING_TABLE is not set'],
    ['{', 'ROUTING_TABLE is not valid JSON'],
    ['[]', 'ROUTING_TABLE must be a JSON object'],
    ['{"t":"main","s":"x","r":"o/r","e":[]}', 'ROUTING_TABLE has no valid platform prefix in "p"'],
    ['{"p":"Acme","t":"main","s":"x","r":"o/r","e":[]}', 'ROUTING_TABLE has no valid platform prefix in "p"'],
    ['{"p":"acme","s":"x","e":[]}', 'ROUTING_TABLE has no valid tooling branch in "t"'],
    ['{"p":"acme","t":"main","e":[]}', 'ROUTING_TABLE has no valid self-update pipeline name in "s"'],
    ['{"p":"acme","t":"main","s":"x","e":[]}', 'ROUTING_TABLE has no valid owner/repo in "r"'],
    ['{"p":"acme","t":"main","s":"x","r":"o/r"}', 'ROUTING_TABLE has no environment list in "e"'],
    [
      '{"p":"acme","t":"main","s":"x","r":"o/r","e":[["develop","develop",["a","b"]]]}',
      'ROUTING_TABLE has an invalid environment at e[0] (expected [name, branch])',
    ],
  ])('rejects %j with a clear message', (json, what) => {
    expect(() => parseRoutingTable(json)).toThrow(`${what}; ${FIX}`);
  });
});
