import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WORKLOAD_MANIFESTS } from '@amzconnect/lambdas/workloads';
import { catalogMappingKeys, FlowDocument, loadRepoCatalog, mappingKey } from '../../src';

const WORKLOAD_FLOW_FUNCTIONS = Object.values(WORKLOAD_MANIFESTS).flatMap((m) => m.flowFunctions);

function tempRepo(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const FLOWS: FlowDocument[] = [
  {
    name: 'ACME_Main',
    type: 'CONTACT_FLOW',
    content: { Version: '2019-10-30', StartAction: 'a', Actions: [] },
  },
  { name: 'ACME module', type: 'MODULE', content: { Version: '2019-10-30', StartAction: 'a', Actions: [] } },
];

describe('loadRepoCatalog', () => {
  it('reads queues, hours, prompts, bots, functions, flows and modules by name', () => {
    const root = tempRepo({
      'amzconnect-instance/config/instance.json': JSON.stringify({
        queues: [{ name: 'Q1' }],
        hoursOfOperation: [{ name: 'H1' }],
        prompts: [{ name: 'P1' }],
      }),
      'amzconnect-supporting-infra/bots/b.json': JSON.stringify({ name: 'Bot1' }),
      'amzconnect-supporting-infra/bots/notes.md': 'ignored',
      'amzconnect-lambdas/config/functions.json': JSON.stringify({ functions: [{ name: 'mapping' }] }),
    });

    const { catalog, warnings } = loadRepoCatalog(FLOWS, root);

    expect(warnings).toEqual([]);
    expect(catalog).toEqual({
      queues: ['Q1'],
      hours: ['H1'],
      prompts: ['P1'],
      bots: ['Bot1'],
      // The registry's names, then the functions the workload manifests' flows call.
      lambdas: ['mapping', ...WORKLOAD_FLOW_FUNCTIONS],
      flows: ['ACME_Main'],
      modules: ['ACME module'],
    });
  });

  it('tolerates missing files with a warning and leaves their lists unknown', () => {
    const { catalog, warnings } = loadRepoCatalog(FLOWS, tempRepo({}));

    expect(catalog.queues).toBeUndefined();
    expect(catalog.bots).toBeUndefined();
    expect(catalog.lambdas).toBeUndefined();
    expect(warnings).toEqual([
      {
        file: 'amzconnect-instance/config/instance.json',
        message: 'not found; references it would define are not checked',
      },
      {
        file: 'amzconnect-lambdas/config/functions.json',
        message: 'not found; references it would define are not checked',
      },
      {
        file: 'amzconnect-supporting-infra/bots/',
        message: 'not found; ${lex:...} references are not checked',
      },
    ]);
  });

  it('reports malformed entries and treats a missing prompts list as empty', () => {
    const root = tempRepo({
      'amzconnect-instance/config/instance.json': JSON.stringify({
        queues: [{ name: 'Q1' }, { id: 2 }],
        hoursOfOperation: 'x',
      }),
      'amzconnect-supporting-infra/bots/b.json': '{ not json',
      'amzconnect-lambdas/config/functions.json': JSON.stringify({ functions: [] }),
    });

    const { catalog, warnings } = loadRepoCatalog([], root);

    expect(catalog).toMatchObject({
      queues: ['Q1'],
      hours: undefined,
      prompts: [],
      bots: [],
      lambdas: WORKLOAD_FLOW_FUNCTIONS,
    });
    expect(warnings.map((w) => `${w.file}: ${w.message}`)).toEqual([
      'amzconnect-instance/config/instance.json: queues[1] has no "name"; it is ignored',
      'amzconnect-instance/config/instance.json: "hoursOfOperation" is not an array of { "name": ... }; references it would define are not checked',
      expect.stringMatching(
        /^amzconnect-supporting-infra\/bots\/b\.json: cannot be read as JSON \(.+\); references it would define are not checked$/,
      ),
    ]);
  });
});

describe('mappingKey', () => {
  it('prefixes the kind and keeps the key a valid contact attribute name', () => {
    expect(mappingKey('queue', 'ACME_Sales')).toBe('Queue_ACME_Sales');
    expect(mappingKey('lambda', 'customer-lookup')).toBe('Lambda_customer-lookup');
    expect(mappingKey('prompt', 'Music - Jazz.wav')).toBe('Prompt_Music_-_Jazz_wav');
    expect(mappingKey('lex', 'ACME_lexbot')).toBe('Lex_ACME_lexbot');
  });

  it('yields one key per catalog entry', () => {
    const keys = catalogMappingKeys({
      queues: ['ACME_Sales'],
      flows: ['ACME_Main'],
      modules: ['M'],
      hours: ['H'],
    });

    expect([...keys.keys()]).toEqual(['Queue_ACME_Sales', 'Hours_H', 'Flow_ACME_Main', 'Module_M']);
    expect(keys.get('Flow_ACME_Main')).toEqual({ kind: 'flow', name: 'ACME_Main' });
  });
});
