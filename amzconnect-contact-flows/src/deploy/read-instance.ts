import {
  ConnectClient,
  ContactFlow,
  ContactFlowModule,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListHoursOfOperationsCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  SearchContactFlowModulesCommand,
  SearchContactFlowsCommand,
} from '@aws-sdk/client-connect';
import { DeployedFlow, InstanceSnapshot, NamedResource } from './instance-snapshot';
import { InstanceReadScope } from './instance-read-scope';

/**
 * Page sizes, the largest each API accepts (API reference, `MaxResults` "Valid Range"):
 * ListContactFlows, ListContactFlowModules, ListQueues, ListPrompts, ListHoursOfOperations 1-1000;
 * SearchContactFlows, SearchContactFlowModules 1-100; ListBots, ListLambdaFunctions 1-25.
 */
const LIST_PAGE = 1000;
const SEARCH_PAGE = 100;
const SMALL_PAGE = 25;
/**
 * Name conditions per Search request (an `OrConditions` list of `StringCondition`s,
 * `ContactFlowSearchCriteria` in the SDK model). The API reference states no maximum; ten keeps
 * each request small, and more external names simply take more requests.
 */
const CONDITIONS_PER_SEARCH = 10;

/**
 * Follows `NextToken` until the last page and concatenates the items. Every list the engine
 * reads goes through here: no list is ever read as one page.
 */
export async function paginate<T>(
  fetchPage: (
    nextToken: string | undefined,
  ) => Promise<{ items: readonly T[] | undefined; nextToken?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    for (const item of page.items ?? []) all.push(item);
    token = page.nextToken;
  } while (token);
  return all;
}

/** A `STARTS_WITH` or `EXACT` condition on the name (`StringCondition`, SDK model). */
type NameCondition = {
  readonly StringCondition: {
    readonly FieldName: 'name';
    readonly Value: string;
    readonly ComparisonType: 'STARTS_WITH' | 'EXACT';
  };
};

/** The name conditions of a scope for one kind, in groups of {@link CONDITIONS_PER_SEARCH}. */
export function searchConditionGroups(scope: InstanceReadScope, kind: 'flow' | 'module'): NameCondition[][] {
  const cond = (Value: string, ComparisonType: 'STARTS_WITH' | 'EXACT'): NameCondition => ({
    StringCondition: { FieldName: 'name', Value, ComparisonType },
  });
  const all = [
    cond(scope.managedPrefix, 'STARTS_WITH'),
    cond(scope.orphanPrefix, 'STARTS_WITH'),
    ...(kind === 'flow' ? scope.externalFlows : scope.externalModules).map((n) => cond(n, 'EXACT')),
  ];
  const groups: NameCondition[][] = [];
  for (let i = 0; i < all.length; i += CONDITIONS_PER_SEARCH)
    groups.push(all.slice(i, i + CONDITIONS_PER_SEARCH));
  return groups;
}

/**
 * Reads what a run needs from an instance, in pages and nothing per flow: the flows and modules
 * of the scope through the Search APIs (a page of 100 complete flows per call: content, tags,
 * state and, for flows, `LastModifiedTime`, per the `ContactFlow`/`ContactFlowModule` shapes of
 * the SDK model), with one `OrConditions` query for the managed prefix, renamed orphans and the
 * names documents reference; and only the reference lists the scope asks for (pages of 1,000).
 * A flow that Search misses (it may lag behind a create) is met again as a
 * `DuplicateResourceException` on create and taken over by name and tags ({@link findByName}).
 */
export async function readInstance(
  connect: ConnectClient,
  instanceId: string,
  scope: InstanceReadScope,
  /** Wraps every call, e.g. to retry after throttling. @default calls as is */
  call: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<InstanceSnapshot> {
  const I = instanceId;
  const page = <T>(
    fetch: (t: string | undefined) => Promise<{ items: readonly T[] | undefined; nextToken?: string }>,
  ) => paginate((t) => call(() => fetch(t)));
  const none = Promise.resolve([]);
  const searchFlows = (OrConditions: NameCondition[]) =>
    page(async (t) => {
      const r = await connect.send(
        new SearchContactFlowsCommand({
          InstanceId: I,
          MaxResults: SEARCH_PAGE,
          NextToken: t,
          SearchCriteria: { OrConditions },
        }),
      );
      return { items: r.ContactFlows, nextToken: r.NextToken };
    });
  const searchModules = (OrConditions: NameCondition[]) =>
    page(async (t) => {
      const r = await connect.send(
        new SearchContactFlowModulesCommand({
          InstanceId: I,
          MaxResults: SEARCH_PAGE,
          NextToken: t,
          SearchCriteria: { OrConditions },
        }),
      );
      return { items: r.ContactFlowModules, nextToken: r.NextToken };
    });
  const [flowPages, modulePages, queues, prompts, hours, lexAliasArns, lambdaArns] = await Promise.all([
    Promise.all(searchConditionGroups(scope, 'flow').map(searchFlows)),
    Promise.all(searchConditionGroups(scope, 'module').map(searchModules)),
    scope.queues
      ? page(async (t) => {
          const r = await connect.send(
            new ListQueuesCommand({
              InstanceId: I,
              QueueTypes: ['STANDARD'],
              MaxResults: LIST_PAGE,
              NextToken: t,
            }),
          );
          return { items: r.QueueSummaryList, nextToken: r.NextToken };
        })
      : none,
    scope.prompts
      ? page(async (t) => {
          const r = await connect.send(
            new ListPromptsCommand({ InstanceId: I, MaxResults: LIST_PAGE, NextToken: t }),
          );
          return { items: r.PromptSummaryList, nextToken: r.NextToken };
        })
      : none,
    scope.hours
      ? page(async (t) => {
          const r = await connect.send(
            new ListHoursOfOperationsCommand({ InstanceId: I, MaxResults: LIST_PAGE, NextToken: t }),
          );
          return { items: r.HoursOfOperationSummaryList, nextToken: r.NextToken };
        })
      : none,
    scope.bots
      ? page(async (t) => {
          const r = await connect.send(
            new ListBotsCommand({ InstanceId: I, LexVersion: 'V2', MaxResults: SMALL_PAGE, NextToken: t }),
          );
          return {
            items: r.LexBots?.map((b) => b.LexV2Bot?.AliasArn).filter((a): a is string => !!a),
            nextToken: r.NextToken,
          };
        })
      : none,
    scope.lambdas
      ? page(async (t) => {
          // ListLambdaFunctions and ListBots accept at most 25 per page.
          const r = await connect.send(
            new ListLambdaFunctionsCommand({ InstanceId: I, MaxResults: SMALL_PAGE, NextToken: t }),
          );
          return { items: r.LambdaFunctions, nextToken: r.NextToken };
        })
      : none,
  ]);
  const flows = new Map<string, DeployedFlow>();
  for (const f of flowPages.flat())
    if (f.Id && f.Arn && !flows.has(f.Id))
      flows.set(
        f.Id,
        fromFlow(f, { kind: 'flow', id: f.Id, arn: f.Arn, name: '', type: f.Type ?? 'CONTACT_FLOW' }),
      );
  const modules = new Map<string, DeployedFlow>();
  for (const m of modulePages.flat())
    if (m.Id && m.Arn && !modules.has(m.Id))
      modules.set(m.Id, fromModule(m, { kind: 'module', id: m.Id, arn: m.Arn, name: '', type: 'MODULE' }));
  return {
    instanceId,
    flows: [...flows.values()],
    modules: [...modules.values()],
    queues: named(queues),
    prompts: named(prompts),
    hours: named(hours),
    lexAliasArns,
    lambdaArns,
  };
}

function named(items: readonly { Id?: string; Arn?: string; Name?: string }[]): NamedResource[] {
  return items.filter((i) => i.Id && i.Arn && i.Name).map((i) => ({ id: i.Id!, arn: i.Arn!, name: i.Name! }));
}

/**
 * Reads one flow or module with the strongly consistent Describe API (Search is eventually
 * consistent): the engine confirms every planned update, and saves the current content before
 * overwriting it, from this read.
 */
export async function describeDeployed(
  connect: ConnectClient,
  instanceId: string,
  deployed: DeployedFlow,
): Promise<DeployedFlow> {
  if (deployed.kind === 'flow') {
    const r = await connect.send(
      new DescribeContactFlowCommand({ InstanceId: instanceId, ContactFlowId: deployed.id }),
    );
    return fromFlow(r.ContactFlow, deployed);
  }
  const r = await connect.send(
    new DescribeContactFlowModuleCommand({ InstanceId: instanceId, ContactFlowModuleId: deployed.id }),
  );
  return fromModule(r.ContactFlowModule, deployed);
}

/**
 * Reads a flow's unpublished draft (`<id>:$SAVED`, API reference DescribeContactFlow: "After a
 * flow is published, $SAVED needs to be supplied to view saved content that has not been
 * published"). `undefined` when there is none.
 */
export async function describeDraft(
  connect: ConnectClient,
  instanceId: string,
  deployed: DeployedFlow,
): Promise<DeployedFlow | undefined> {
  if (deployed.kind !== 'flow') return undefined;
  try {
    const r = await connect.send(
      new DescribeContactFlowCommand({ InstanceId: instanceId, ContactFlowId: `${deployed.id}:$SAVED` }),
    );
    if (r.ContactFlow?.Status !== 'SAVED' || r.ContactFlow.Content === undefined) return undefined;
    return { ...fromFlow(r.ContactFlow, deployed) };
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/**
 * Finds a flow or module by exact name, e.g. after a lost create response: Search (tags
 * included); when Search does not have it yet (it may lag behind a create), the List API's
 * summaries (pages of 1,000) and one Describe for its tags and content.
 */
export async function findByName(
  connect: ConnectClient,
  instanceId: string,
  kind: 'flow' | 'module',
  name: string,
  /** Wraps every call, e.g. to retry after throttling. @default calls as is */
  call: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<DeployedFlow | undefined> {
  const criteria = { StringCondition: { FieldName: 'name', Value: name, ComparisonType: 'EXACT' as const } };
  // An item found by the List fallback (Search may lag behind a create) is described for its content.
  const describeListed = (listed: { Id?: string; Arn?: string } | undefined, type: string) =>
    listed?.Id && listed.Arn
      ? call(() =>
          describeDeployed(connect, instanceId, { kind, id: listed.Id!, arn: listed.Arn!, name, type }),
        )
      : undefined;
  if (kind === 'flow') {
    const r = await call(() =>
      connect.send(
        new SearchContactFlowsCommand({ InstanceId: instanceId, MaxResults: 10, SearchCriteria: criteria }),
      ),
    );
    const f = r.ContactFlows?.find((x) => x.Name === name);
    if (f && f.Id && f.Arn)
      return fromFlow(f, { kind, id: f.Id, arn: f.Arn, name, type: f.Type ?? 'CONTACT_FLOW' });
    const listed = (
      await paginate((t) =>
        call(async () => {
          const p = await connect.send(
            new ListContactFlowsCommand({ InstanceId: instanceId, MaxResults: LIST_PAGE, NextToken: t }),
          );
          return { items: p.ContactFlowSummaryList, nextToken: p.NextToken };
        }),
      )
    ).find((x) => x.Name === name);
    return describeListed(listed, listed?.ContactFlowType ?? 'CONTACT_FLOW');
  }
  const r = await call(() =>
    connect.send(
      new SearchContactFlowModulesCommand({
        InstanceId: instanceId,
        MaxResults: 10,
        SearchCriteria: criteria,
      }),
    ),
  );
  const m = r.ContactFlowModules?.find((x) => x.Name === name);
  if (m && m.Id && m.Arn) return fromModule(m, { kind, id: m.Id, arn: m.Arn, name, type: 'MODULE' });
  const listed = (
    await paginate((t) =>
      call(async () => {
        const p = await connect.send(
          new ListContactFlowModulesCommand({ InstanceId: instanceId, MaxResults: LIST_PAGE, NextToken: t }),
        );
        return { items: p.ContactFlowModulesSummaryList, nextToken: p.NextToken };
      }),
    )
  ).find((x) => x.Name === name);
  return describeListed(listed, 'MODULE');
}

function fromFlow(f: ContactFlow | undefined, base: DeployedFlow): DeployedFlow {
  return {
    ...base,
    name: f?.Name ?? base.name,
    description: f?.Description,
    content: f?.Content,
    tags: f?.Tags ?? base.tags,
    lastModifiedTime: f?.LastModifiedTime?.getTime() ?? base.lastModifiedTime,
    state: f?.State ?? base.state,
  };
}

function fromModule(m: ContactFlowModule | undefined, base: DeployedFlow): DeployedFlow {
  return {
    ...base,
    name: m?.Name ?? base.name,
    description: m?.Description,
    content: m?.Content,
    tags: m?.Tags ?? base.tags,
    state: m?.State ?? base.state,
  };
}
