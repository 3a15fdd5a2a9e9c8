import {
  ConnectClient,
  paginateListBots,
  paginateListContactFlowModules,
  paginateListContactFlows,
  paginateListHoursOfOperations,
  paginateListLambdaFunctions,
  paginateListPrompts,
  paginateListQueues,
} from '@aws-sdk/client-connect';
import type { ContactFlowModuleSummary, ContactFlowSummary } from '@aws-sdk/client-connect';

/** Everything of an instance that flows may reference, every list read to its last page. */
export interface InstanceInventory {
  readonly flows: readonly ContactFlowSummary[];
  readonly modules: readonly ContactFlowModuleSummary[];
  /** ARN or id → name, for queues, prompts, hours of operation, flows and modules. */
  readonly names: Readonly<Record<string, string>>;
  /** ARNs of the Lambda functions associated with the instance. */
  readonly lambdaArns: readonly string[];
  /** Lex V2 alias ARNs associated with the instance (Connect does not return their bot names). */
  readonly lexV2AliasArns: readonly string[];
}

/** Reads the instance's lists (paginated: every page of every list). */
export async function readInstanceInventory(
  client: ConnectClient,
  instanceId: string,
): Promise<InstanceInventory> {
  // A fresh input per list: the SDK's paginators write NextToken into the object they are given.
  const input = (): { InstanceId: string } => ({ InstanceId: instanceId });
  const flows = await collect(paginateListContactFlows({ client }, input()), (p) => p.ContactFlowSummaryList);
  const modules = await collect(
    paginateListContactFlowModules({ client }, input()),
    (p) => p.ContactFlowModulesSummaryList,
  );
  const queues = await collect(paginateListQueues({ client }, input()), (p) => p.QueueSummaryList);
  const prompts = await collect(paginateListPrompts({ client }, input()), (p) => p.PromptSummaryList);
  const hours = await collect(
    paginateListHoursOfOperations({ client }, input()),
    (p) => p.HoursOfOperationSummaryList,
  );
  const lambdaArns = await collect(
    paginateListLambdaFunctions({ client }, input()),
    (p) => p.LambdaFunctions,
  );
  const bots = await collect(
    paginateListBots({ client }, { ...input(), LexVersion: 'V2' }),
    (p) => p.LexBots,
  );

  const names: Record<string, string> = {};
  for (const item of [...queues, ...prompts, ...hours, ...flows, ...modules]) {
    if (item.Name === undefined) continue;
    if (item.Arn !== undefined) names[item.Arn] = item.Name;
    if (item.Id !== undefined) names[item.Id] = item.Name;
  }
  return {
    flows,
    modules,
    names,
    lambdaArns,
    lexV2AliasArns: bots.flatMap((b) => (b.LexV2Bot?.AliasArn !== undefined ? [b.LexV2Bot.AliasArn] : [])),
  };
}

async function collect<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}
