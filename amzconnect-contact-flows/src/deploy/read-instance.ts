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

/**
 * Page sizes, the largest each API accepts (API reference, `MaxResults` "Valid Range"):
 * ListContactFlows, ListContactFlowModules, ListQueues, ListPrompts, ListHoursOfOperations 1-1000;
 * SearchContactFlows, SearchContactFlowModules 1-100; ListBots, ListLambdaFunctions 1-25.
 */
const LIST_PAGE = 1000;
const SEARCH_PAGE = 100;
const SMALL_PAGE = 25;

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
    all.push(...(page.items ?? []));
    token = page.nextToken;
  } while (token);
  return all;
}

/**
 * Reads what the engine needs from an instance. Contents of managed flows and modules (names
 * starting with `managedPrefix`) come from the Search APIs, a page of 100 full flows per call,
 * instead of one Describe per flow; the List APIs, which are authoritative, give the complete
 * set of names and ids.
 */
export async function readInstance(
  connect: ConnectClient,
  instanceId: string,
  managedPrefix: string,
  /** Wraps every call, e.g. to retry after throttling. @default calls as is */
  call: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<InstanceSnapshot> {
  const I = instanceId;
  const page = <T>(
    fetch: (t: string | undefined) => Promise<{ items: readonly T[] | undefined; nextToken?: string }>,
  ) => paginate((t) => call(() => fetch(t)));
  const [
    flowSummaries,
    moduleSummaries,
    flowContents,
    moduleContents,
    queues,
    prompts,
    hours,
    lexAliasArns,
    lambdaArns,
  ] = await Promise.all([
    page(async (t) => {
      const r = await connect.send(
        new ListContactFlowsCommand({ InstanceId: I, MaxResults: LIST_PAGE, NextToken: t }),
      );
      return { items: r.ContactFlowSummaryList, nextToken: r.NextToken };
    }),
    page(async (t) => {
      const r = await connect.send(
        new ListContactFlowModulesCommand({ InstanceId: I, MaxResults: LIST_PAGE, NextToken: t }),
      );
      return { items: r.ContactFlowModulesSummaryList, nextToken: r.NextToken };
    }),
    page(async (t) => {
      const r = await connect.send(
        new SearchContactFlowsCommand({
          InstanceId: I,
          MaxResults: SEARCH_PAGE,
          NextToken: t,
          SearchCriteria: {
            StringCondition: { FieldName: 'name', Value: managedPrefix, ComparisonType: 'STARTS_WITH' },
          },
        }),
      );
      return { items: r.ContactFlows, nextToken: r.NextToken };
    }),
    page(async (t) => {
      const r = await connect.send(
        new SearchContactFlowModulesCommand({
          InstanceId: I,
          MaxResults: SEARCH_PAGE,
          NextToken: t,
          SearchCriteria: {
            StringCondition: { FieldName: 'name', Value: managedPrefix, ComparisonType: 'STARTS_WITH' },
          },
        }),
      );
      return { items: r.ContactFlowModules, nextToken: r.NextToken };
    }),
    page(async (t) => {
      const r = await connect.send(
        new ListQueuesCommand({
          InstanceId: I,
          QueueTypes: ['STANDARD'],
          MaxResults: LIST_PAGE,
          NextToken: t,
        }),
      );
      return { items: r.QueueSummaryList, nextToken: r.NextToken };
    }),
    page(async (t) => {
      const r = await connect.send(
        new ListPromptsCommand({ InstanceId: I, MaxResults: LIST_PAGE, NextToken: t }),
      );
      return { items: r.PromptSummaryList, nextToken: r.NextToken };
    }),
    page(async (t) => {
      const r = await connect.send(
        new ListHoursOfOperationsCommand({ InstanceId: I, MaxResults: LIST_PAGE, NextToken: t }),
      );
      return { items: r.HoursOfOperationSummaryList, nextToken: r.NextToken };
    }),
    page(async (t) => {
      const r = await connect.send(
        new ListBotsCommand({ InstanceId: I, LexVersion: 'V2', MaxResults: SMALL_PAGE, NextToken: t }),
      );
      return {
        items: r.LexBots?.map((b) => b.LexV2Bot?.AliasArn).filter((a): a is string => !!a),
        nextToken: r.NextToken,
      };
    }),
    page(async (t) => {
      // ListLambdaFunctions and ListBots accept at most 25 per page.
      const r = await connect.send(
        new ListLambdaFunctionsCommand({ InstanceId: I, MaxResults: SMALL_PAGE, NextToken: t }),
      );
      return { items: r.LambdaFunctions, nextToken: r.NextToken };
    }),
  ]);

  const flowContent = new Map(flowContents.map((f) => [f.Id, f]));
  const moduleContent = new Map(moduleContents.map((m) => [m.Id, m]));
  return {
    instanceId,
    flows: flowSummaries.map((s) => {
      const full = flowContent.get(s.Id);
      return {
        kind: 'flow',
        id: s.Id ?? '',
        arn: s.Arn ?? '',
        name: s.Name ?? '',
        type: s.ContactFlowType ?? 'CONTACT_FLOW',
        description: full?.Description,
        content: full?.Content,
        tags: full?.Tags,
        lastModifiedTime: full?.LastModifiedTime?.getTime(),
        state: full?.State ?? s.ContactFlowState,
      } satisfies DeployedFlow;
    }),
    modules: moduleSummaries.map((s) => {
      const full = moduleContent.get(s.Id);
      return {
        kind: 'module',
        id: s.Id ?? '',
        arn: s.Arn ?? '',
        name: s.Name ?? '',
        type: 'MODULE',
        description: full?.Description,
        content: full?.Content,
        tags: full?.Tags,
        state: full?.State ?? s.State,
      } satisfies DeployedFlow;
    }),
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

/** Finds a flow or module by exact name with Search (tags included), e.g. after a lost create response. */
export async function findByName(
  connect: ConnectClient,
  instanceId: string,
  kind: 'flow' | 'module',
  name: string,
): Promise<DeployedFlow | undefined> {
  const criteria = { StringCondition: { FieldName: 'name', Value: name, ComparisonType: 'EXACT' as const } };
  if (kind === 'flow') {
    const r = await connect.send(
      new SearchContactFlowsCommand({ InstanceId: instanceId, MaxResults: 10, SearchCriteria: criteria }),
    );
    const f = r.ContactFlows?.find((x) => x.Name === name);
    return f && f.Id && f.Arn
      ? fromFlow(f, { kind, id: f.Id, arn: f.Arn, name, type: f.Type ?? 'CONTACT_FLOW' })
      : undefined;
  }
  const r = await connect.send(
    new SearchContactFlowModulesCommand({ InstanceId: instanceId, MaxResults: 10, SearchCriteria: criteria }),
  );
  const m = r.ContactFlowModules?.find((x) => x.Name === name);
  return m && m.Id && m.Arn ? fromModule(m, { kind, id: m.Id, arn: m.Arn, name, type: 'MODULE' }) : undefined;
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
