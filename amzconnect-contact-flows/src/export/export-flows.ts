import {
  ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
} from '@aws-sdk/client-connect';
import { parseFlowText } from '../format/parse-flow-text';
import { FlowDocument } from '../model/flow-document';
import { normalizeFlow, UnresolvedReference } from '../normalize/normalize-flow';
import { accountArns, classifyArn } from '../normalize/arn';
import { strings } from '../lint/flow-walk';
import { readInstanceInventory } from './instance-inventory';

/** Options of {@link exportFlows}. */
export interface ExportOptions {
  readonly instanceId: string;
  /**
   * Only flows and modules whose name starts with this (e.g. `ACME_`), leaving out the instance's
   * default and sample flows.
   * @default every active flow and module
   */
  readonly prefix?: string;
  /** Extra names (ARN or id → name), taking precedence over the instance's lists. @default none */
  readonly names?: Readonly<Record<string, string>>;
}

/** A flow or module read from the instance and normalized. */
export interface ExportedFlow {
  readonly document: FlowDocument;
  /** References that got an id-based placeholder. */
  readonly unresolved: readonly UnresolvedReference[];
  /** Lambda functions the flow invokes that are not associated with the instance. */
  readonly unassociatedLambdas: readonly string[];
}

/** The result of an export: what was read, and what could not be. */
export interface ExportResult {
  readonly flows: readonly ExportedFlow[];
  readonly failures: readonly { readonly name: string; readonly message: string }[];
}

/**
 * Reads the flows and modules of an instance, names every reference from the instance's own lists
 * and normalizes them into our format. Flows that cannot be read are reported in `failures`.
 */
export async function exportFlows(client: ConnectClient, options: ExportOptions): Promise<ExportResult> {
  const inventory = await readInstanceInventory(client, options.instanceId);
  const names = { ...inventory.names, ...(options.names ?? {}) };
  const wanted = (name: string | undefined): name is string =>
    name !== undefined && (options.prefix === undefined || name.startsWith(options.prefix));
  const lambdaNames = new Set(
    inventory.lambdaArns.map((arn) => classifyArn(arn)).map((r) => ('id' in r ? r.id : '')),
  );

  const flows: ExportedFlow[] = [];
  const failures: { name: string; message: string }[] = [];
  const take = (name: string, wrapped: unknown): void => {
    const parsed = parseFlowText(JSON.stringify(wrapped), name);
    if (!parsed.ok) {
      failures.push({ name, message: parsed.error.problems.join('; ') });
      return;
    }
    const invoked = strings(parsed.document.content.Actions.map((a) => a.Parameters))
      .flatMap((s) => accountArns(s))
      .map((arn) => classifyArn(arn))
      .flatMap((r) => (r.kind === 'lambda' && !lambdaNames.has(r.id) ? [r.id] : []));
    const result = normalizeFlow(parsed.document, { names });
    flows.push({
      document: result.document,
      unresolved: result.unresolved,
      unassociatedLambdas: [...new Set(invoked)],
    });
  };

  for (const summary of inventory.flows) {
    if (!wanted(summary.Name) || summary.ContactFlowState === 'ARCHIVED') continue;
    try {
      const out = await client.send(
        new DescribeContactFlowCommand({ InstanceId: options.instanceId, ContactFlowId: summary.Id }),
      );
      take(summary.Name, {
        ContactFlow: { ...out.ContactFlow, Type: out.ContactFlow?.Type ?? summary.ContactFlowType },
      });
    } catch (err) {
      failures.push({ name: summary.Name, message: errorMessage(err) });
    }
  }
  for (const summary of inventory.modules) {
    if (!wanted(summary.Name) || summary.State === 'ARCHIVED') continue;
    try {
      const out = await client.send(
        new DescribeContactFlowModuleCommand({
          InstanceId: options.instanceId,
          ContactFlowModuleId: summary.Id,
        }),
      );
      take(summary.Name, { ContactFlowModule: out.ContactFlowModule });
    } catch (err) {
      failures.push({ name: summary.Name, message: errorMessage(err) });
    }
  }
  return { flows, failures };
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`;
  return String(err);
}
