import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { MAPPING_VERSION_ENV } from '@amzconnect/env/contracts';
import { mappingKey } from '../model/mapping-key';
import { PlaceholderKind } from '../model/placeholders';
import { Clock } from './clock';
import { ExternalReferences } from './external-references';
import { FlowBucketStore } from './flow-bucket-store';
import { InstanceSnapshot } from './instance-snapshot';
import { functionNameOf } from './reference-resolver';

/**
 * Connect accepts at most 32 KB (UTF-8) from a Lambda function: the mapping function returns
 * `entries` as is, so their JSON must fit.
 */
export const MAPPING_MAX_BYTES = 32 * 1024;

export { MAPPING_VERSION_ENV } from '@amzconnect/env/contracts';

/** The mapping object: `{ "version": 1, "entries": { key: arn } }`. */
export interface MappingDocument {
  readonly version: 1;
  readonly entries: Readonly<Record<string, string>>;
}

/** Repository flows and modules with their ARNs after the run. */
export interface DeployedRepoFlow {
  readonly kind: 'flow' | 'module';
  /** Repository name. */
  readonly name: string;
  readonly arn: string;
}

/**
 * Builds the run-time mapping (pure). Candidates are every queue, prompt and hours of operation
 * of the instance, the repository's flows and modules, the Lex aliases and Lambdas the
 * environment publishes in SSM, and every Lambda associated with the instance by function name;
 * keys come from the toolchain's `mappingKey`. The mapping holds the `referenced` keys (what
 * flows read as `$.External.<Key>`), or every candidate when `referenced` is not given. A
 * referenced key without a resource, two resources with one key, or more than 32 KB are problems.
 */
export function buildMapping(
  snapshot: InstanceSnapshot,
  repoFlows: readonly DeployedRepoFlow[],
  external: ExternalReferences,
  referenced?: readonly string[],
): { readonly document: MappingDocument; readonly problems: readonly string[] } {
  const entries = new Map<string, { arn: string; what: string }>();
  const problems: string[] = [];
  const add = (kind: PlaceholderKind, name: string, arn: string) => {
    const key = mappingKey(kind, name);
    const what = `${kind} "${name}"`;
    const prior = entries.get(key);
    if (prior && prior.arn !== arn)
      problems.push(`mapping key ${key} is used by both ${prior.what} and ${what}: rename one of them.`);
    else entries.set(key, { arn, what });
  };
  for (const q of snapshot.queues) add('queue', q.name, q.arn);
  for (const p of snapshot.prompts) add('prompt', p.name, p.arn);
  for (const h of snapshot.hours) add('hours', h.name, h.arn);
  for (const f of repoFlows) add(f.kind, f.name, f.arn);
  for (const [bot, arn] of Object.entries(external.lex)) add('lex', bot, arn);
  for (const [name, arn] of Object.entries(external.lambdas)) add('lambda', name, arn);
  for (const arn of snapshot.lambdaArns) {
    const name = functionNameOf(arn);
    if (name && !Object.values(external.lambdas).includes(arn)) add('lambda', name, arn);
  }
  for (const key of referenced ?? []) {
    if (!entries.has(key))
      problems.push(`flows read $.External.${key}, but no resource of the environment has that mapping key.`);
  }
  const wanted = referenced ? new Set(referenced) : undefined;
  const sorted = Object.fromEntries(
    [...entries.entries()]
      .filter(([k]) => !wanted || wanted.has(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, v.arn]),
  );
  const size = Buffer.byteLength(JSON.stringify(sorted), 'utf8');
  if (size > MAPPING_MAX_BYTES) {
    problems.push(
      `the mapping is ${size} bytes, over Connect's ${MAPPING_MAX_BYTES}-byte limit for a Lambda result: ` +
        `${Object.keys(sorted).length} entries. Read fewer $.External keys per flow set, or split the mapping function.`,
    );
  }
  return { document: { version: 1, entries: sorted }, problems };
}

/** Serialized mapping object, stable for equal entries. */
export function serializeMapping(document: MappingDocument): string {
  return `${JSON.stringify({ version: document.version, entries: document.entries }, null, 2)}\n`;
}

/** Outcome of a publish. */
export interface MappingPublishResult {
  /** Whether anything was written. */
  readonly published: boolean;
  /** S3 version the mapping function now loads. */
  readonly versionId: string;
  /** What was written: the S3 object, the function's configuration, or both. */
  readonly wrote: readonly ('object' | 'function')[];
}

/**
 * Publishes the mapping as data, atomically: the object is written to the versioned bucket,
 * then the mapping function's `MAPPING_VERSION_ID` is set to exactly that version (merged into
 * its other variables, guarded by the function's `RevisionId`), so every new execution
 * environment loads that version and no invocation ever sees a half-written mapping. Nothing is
 * written when the object and the pinned version are already current.
 */
export async function publishMapping(props: {
  readonly store: FlowBucketStore;
  readonly lambda: LambdaClient;
  /** ARN or name of the mapping function. */
  readonly functionName: string;
  readonly document: MappingDocument;
  readonly clock: Clock;
}): Promise<MappingPublishResult> {
  const body = serializeMapping(props.document);
  const current = await props.store.getMapping();
  const wrote: ('object' | 'function')[] = [];
  let versionId = current?.body === body ? current.versionId : undefined;
  if (!versionId) {
    versionId = await props.store.putMapping(body);
    wrote.push('object');
  }
  const config = await waitUntilUpdatable(props.lambda, props.functionName, props.clock);
  const variables = config.Environment?.Variables ?? {};
  if (variables[MAPPING_VERSION_ENV] !== versionId) {
    await props.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: props.functionName,
        Environment: { Variables: { ...variables, [MAPPING_VERSION_ENV]: versionId } },
        RevisionId: config.RevisionId,
      }),
    );
    wrote.push('function');
  }
  return { published: wrote.length > 0, versionId, wrote };
}

/** Reads the function's configuration, waiting while a previous update is still in progress. */
async function waitUntilUpdatable(lambda: LambdaClient, functionName: string, clock: Clock) {
  for (let attempt = 0; ; attempt++) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    if (config.LastUpdateStatus !== 'InProgress' || attempt >= 30) return config;
    await clock.sleep(2000);
  }
}
