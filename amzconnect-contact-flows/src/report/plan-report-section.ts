import { DeploymentPlan, planCounts, PlanAction } from '../deploy/deployment-plan';
import { normalizedContent } from '../deploy/content-hash';
import { referenceLabels } from '../deploy/flow-diff';
import { FlowNaming, ORPHAN_PREFIX } from '../deploy/flow-naming';
import { InstanceSnapshot } from '../deploy/instance-snapshot';
import { blockChanges, ParameterChange } from '../render/block-changes';
import { BlockMark } from '../render/flow-graph';
import { inlineSvg, renderFlowSvg } from '../render/render-flow';

/** A changed block of a flow, with the values that change. */
export interface ReportBlockChange {
  readonly identifier: string;
  readonly type: string;
  readonly mark: BlockMark;
  /** Changed values (`changed` blocks only). */
  readonly changes: readonly ParameterChange[];
}

/** One flow or module of the report that is created, updated, blocked or orphaned. */
export interface ReportEntry {
  readonly kind: 'flow' | 'module';
  /** Name in the repository (for orphans: the deployed name). */
  readonly name: string;
  /** Name in Connect. */
  readonly deployedName: string;
  readonly action: Exclude<PlanAction, 'unchanged'> | 'orphaned';
  /** One sentence on what happens. */
  readonly summary: string;
  /** Inline `<svg>` of the flow as it will be, changed blocks marked; created and updated flows only. */
  readonly svg?: string;
  /** Blocks added, removed and changed, in the flow's order then the removed ones. */
  readonly blocks: readonly ReportBlockChange[];
  /** `description` before and after, when it changes. */
  readonly description?: { readonly before: string; readonly after: string };
  /** Why a blocked flow cannot deploy. */
  readonly problems: readonly string[];
}

/** The report of one environment and Region. */
export interface PlanReportSection {
  readonly app: string;
  readonly env: string;
  readonly region: string;
  readonly instanceId: string;
  readonly counts: Readonly<Record<PlanAction | 'orphaned', number>>;
  /** Created, updated and blocked flows in plan order, then orphans. */
  readonly entries: readonly ReportEntry[];
}

/**
 * Builds the report of one environment and Region from a plan: for each created or updated flow
 * a picture of the flow as the repository has it, with added, removed and changed blocks marked
 * (compared with the deployed content, ARNs named by what they are), and the changed values.
 */
export async function planReportSection(
  plan: DeploymentPlan,
  snapshot: InstanceSnapshot,
  naming: FlowNaming,
  where: { readonly app: string; readonly env: string; readonly region: string },
): Promise<PlanReportSection> {
  const labels = referenceLabels(snapshot, naming.repoName);
  const entries: ReportEntry[] = [];
  let index = 0;
  for (const item of plan.items) {
    if (item.action === 'unchanged') continue;
    const base = { kind: item.kind, name: item.name, deployedName: item.deployedName };
    const idPrefix = `f${index++}`;
    if (item.action === 'blocked') {
      entries.push({
        ...base,
        action: 'blocked',
        summary: 'blocked: nothing of this flow deploys until the problems below are fixed',
        blocks: [],
        problems: item.problems,
      });
      continue;
    }
    const desired = item.content ?? JSON.stringify(item.document.content);
    const changes =
      item.action === 'update' && item.contentChanged
        ? // Both sides with Connect's known re-serializations undone (empty Errors/Conditions,
          // numbers, Metadata), so only what the release changes is marked.
          blockChanges(
            normalizedContent(item.existing?.content),
            normalizedContent(desired) ?? desired,
            labels,
          )
        : undefined;
    const svg = inlineSvg(
      await renderFlowSvg(item.document, {
        idPrefix,
        marks: changes?.marks,
        removed: changes?.removed,
      }),
    );
    const blocks: ReportBlockChange[] = [];
    if (changes) {
      const byId = new Map(item.document.content.Actions.map((a) => [a.Identifier, a]));
      for (const [identifier, mark] of changes.marks) {
        const type =
          byId.get(identifier)?.Type ?? changes.removed.find((a) => a.Identifier === identifier)?.Type;
        blocks.push({ identifier, type: type ?? '', mark, changes: changes.changes.get(identifier) ?? [] });
      }
    }
    const description = item.descriptionChanged
      ? { before: item.existing?.description ?? '', after: item.document.description ?? '' }
      : undefined;
    entries.push({
      ...base,
      action: item.action,
      summary:
        item.action === 'create'
          ? createSummary(item.document.content.Actions.length, item.pending)
          : updateSummary(blocks, item.adopted, item.existing?.name, description !== undefined),
      svg,
      blocks,
      ...(description ? { description } : {}),
      problems: [],
    });
  }
  for (const o of plan.orphans) {
    entries.push({
      kind: o.kind,
      name: o.name,
      deployedName: o.name,
      action: 'orphaned',
      summary: `no longer in the repository: renamed ${ORPHAN_PREFIX}${o.name}, never deleted`,
      blocks: [],
      problems: [],
    });
  }
  return {
    ...where,
    instanceId: snapshot.instanceId,
    counts: planCounts(plan),
    entries,
  };
}

function createSummary(blocks: number, pending: readonly string[]): string {
  return `new, ${blocks} blocks${pending.length > 0 ? `; references new ${pending.join(', ')}` : ''}`;
}

function updateSummary(
  blocks: readonly ReportBlockChange[],
  adopted: boolean,
  orphanName: string | undefined,
  description: boolean,
): string {
  const count = (mark: BlockMark) => blocks.filter((b) => b.mark === mark).length;
  const parts = [`${count('added')} added`, `${count('changed')} changed`, `${count('removed')} removed`];
  const extra = [
    ...(adopted ? [`renamed back from ${orphanName}`] : []),
    ...(description ? ['description changes'] : []),
  ];
  return `blocks: ${parts.join(', ')}${extra.length > 0 ? `; ${extra.join('; ')}` : ''}`;
}
