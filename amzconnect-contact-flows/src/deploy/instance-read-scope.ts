import { FlowDocument } from '../model/flow-document';
import { MAPPING_KEY_PREFIXES } from '../model/mapping-key';
import { PlaceholderKind, findPlaceholders } from '../model/placeholders';
import { ORPHAN_PREFIX } from './flow-naming';

/**
 * What of an instance a run must read. The engine reads its own flows and modules (the managed
 * prefix), their renamed orphans, the flows and modules outside the managed set that documents
 * reference by exact name, and only the reference lists (queues, prompts, ...) that some
 * placeholder or mapping key uses: a no-op of 5,000 flows then costs about one Search call per
 * 100 flows and nothing per flow.
 */
export interface InstanceReadScope {
  /** Managed name prefix, e.g. `acme-`: every flow and module of this app starts with it. */
  readonly managedPrefix: string;
  /** Name prefixes of renamed orphans (`orphaned-`), read so a returning file takes its orphan back. */
  readonly orphanPrefix: string;
  /** Flows outside the managed set that documents reference by exact name (`${flow:Default queue}`). */
  readonly externalFlows: readonly string[];
  /** Modules outside the managed set that documents reference by exact name. */
  readonly externalModules: readonly string[];
  /** Reference lists to read: only those some placeholder or mapping key uses. */
  readonly queues: boolean;
  readonly prompts: boolean;
  readonly hours: boolean;
  /** Lex V2 aliases associated with the instance (`${lex:Bot}` checks the association). */
  readonly bots: boolean;
  /** Lambdas associated with the instance (`${lambda:Name}`, `${mapping-function}`). */
  readonly lambdas: boolean;
}

/**
 * Decides what a run reads (pure) from the documents, the deployed-name prefix and the mapping
 * keys the flows read at run time.
 */
export function decideReadScope(
  documents: readonly FlowDocument[],
  managedPrefix: string,
  mappingKeys: readonly string[],
): InstanceReadScope {
  const repo = {
    flow: new Set(documents.filter((d) => d.type !== 'MODULE').map((d) => d.name)),
    module: new Set(documents.filter((d) => d.type === 'MODULE').map((d) => d.name)),
  };
  const used = new Set<PlaceholderKind | 'mapping-function'>();
  const external = { flow: new Set<string>(), module: new Set<string>() };
  for (const d of documents) {
    for (const p of findPlaceholders(JSON.stringify(d.content))) {
      used.add(p.kind);
      if ((p.kind === 'flow' || p.kind === 'module') && !repo[p.kind].has(p.name))
        external[p.kind].add(p.name);
    }
  }
  const keyed = (kind: PlaceholderKind) =>
    used.has(kind) || mappingKeys.some((k) => k.startsWith(`${MAPPING_KEY_PREFIXES[kind]}_`));
  return {
    managedPrefix,
    orphanPrefix: ORPHAN_PREFIX,
    externalFlows: [...external.flow].sort(),
    externalModules: [...external.module].sort(),
    queues: keyed('queue'),
    prompts: keyed('prompt'),
    hours: keyed('hours'),
    bots: used.has('lex'),
    lambdas: keyed('lambda') || used.has('mapping-function'),
  };
}
