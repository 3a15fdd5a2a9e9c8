import { DeploymentPlan, PlanItem, planCounts } from './deployment-plan';
import { diffFlowContent, referenceLabels } from './flow-diff';
import { FlowNaming, ORPHAN_PREFIX } from './flow-naming';
import { InstanceSnapshot } from './instance-snapshot';
import { RunReport } from './run-report';

/**
 * The plan for humans (terminal, approval message): one headline with counts, then one entry per
 * flow that changes, with the blocks and references that change. Unchanged flows are counted,
 * not listed.
 */
export function formatPlan(
  plan: DeploymentPlan,
  snapshot: InstanceSnapshot,
  naming: FlowNaming,
  where: { readonly app: string; readonly env: string; readonly region: string },
): string {
  const c = planCounts(plan);
  const lines = [
    `Plan for ${where.app} ${where.env} ${where.region} (instance ${snapshot.instanceId}): ` +
      `${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.orphaned} orphaned, ${c.blocked} blocked` +
      (c.adopt + c['needs-adoption'] + c.archived + c.drifted > 0
        ? `, ${c.adopt} to adopt, ${c['needs-adoption']} needing adoption, ${c.archived} archived, ${c.drifted} drifted`
        : ''),
  ];
  const labels = referenceLabels(snapshot, naming.repoName);
  for (const item of plan.items) {
    if (item.action === 'unchanged') continue;
    lines.push(...formatItem(item, labels));
  }
  for (const o of plan.orphans) {
    lines.push(
      `- ${o.kind} ${o.name}: orphaned (no longer in the repository): will be renamed ${ORPHAN_PREFIX}${o.name}, never deleted`,
    );
  }
  if (c.create + c.update + c.orphaned + c.blocked + c.adopt + c['needs-adoption'] === 0)
    lines.push('No changes.');
  return `${lines.join('\n')}\n`;
}

function formatItem(item: PlanItem, labels: ReadonlyMap<string, string>): string[] {
  const head = `${item.kind} ${item.name} (${item.deployedName})`;
  if (item.action === 'blocked') return [`! ${head}: blocked`, ...item.problems.map((p) => `    ${p}`)];
  if (item.action === 'needs-adoption')
    return [`! ${head}: exists without our tags, needs adoption`, ...item.problems.map((p) => `    ${p}`)];
  if (item.action === 'archived')
    return [
      `= ${head}: ARCHIVED, left alone${item.drift ? ' (drifted)' : ''}`,
      ...item.problems.map((p) => `    ${p}`),
    ];
  if (item.action === 'create') {
    const pending = item.pending.length > 0 ? ` (references new ${item.pending.join(', ')})` : '';
    return [`+ ${head}: create, ${item.document.content.Actions.length} blocks${pending}`];
  }
  const out = [
    item.action === 'adopt'
      ? `~ ${head}: adopt (exists without our tags; backed up, tagged, then written)`
      : `~ ${head}: update`,
  ];
  if (item.drift)
    out.push(
      '    drift: changed in Connect since our last write; the current content is backed up before it is overwritten',
    );
  if (item.draft) out.push('    an unpublished $SAVED draft exists; it is backed up before publishing');
  if (item.unarchive) out.push('    ARCHIVED: made ACTIVE again (--unarchive)');
  if (item.adopted)
    out.push(
      `    renamed back from ${item.existing?.name} (the same flow: its ARN, phone numbers and references stay)`,
    );
  if (item.contentChanged) {
    const d = diffFlowContent(
      item.existing?.content,
      item.content ?? JSON.stringify(item.document.content),
      labels,
    );
    if (d.addedBlocks.length) out.push(`    blocks added: ${d.addedBlocks.join('; ')}`);
    if (d.removedBlocks.length) out.push(`    blocks removed: ${d.removedBlocks.join('; ')}`);
    if (d.changedBlocks.length) out.push(`    blocks changed: ${d.changedBlocks.join('; ')}`);
    if (d.addedReferences.length) out.push(`    references added: ${d.addedReferences.join(', ')}`);
    if (d.removedReferences.length) out.push(`    references removed: ${d.removedReferences.join(', ')}`);
    if (d.otherChanges.length) out.push(`    also changed: ${d.otherChanges.join(', ')}`);
    if (item.pending.length) out.push(`    references new ${item.pending.join(', ')}`);
  }
  if (item.descriptionChanged)
    out.push(
      `    description: ${JSON.stringify(item.existing?.description ?? '')} -> ${JSON.stringify(item.document.description ?? '')}`,
    );
  return out;
}

/** A run report for humans. */
export function formatReport(report: RunReport): string {
  const lines = [
    `Run ${report.runId} (${report.command}) ${report.status}: ${report.applied.length} write(s)`,
  ];
  for (const s of report.applied)
    lines.push(`  ${s.operation} ${s.kind} ${s.name}${s.detail ? ` -> ${s.detail}` : ''}`);
  for (const f of report.failures) {
    lines.push(`  FAILED ${f.kind} ${f.name}: ${f.error}: ${f.message}`);
    for (const p of f.problems) lines.push(`    ${p}`);
  }
  if (report.calls) {
    lines.push(
      `  calls: ${Object.entries(report.calls)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
