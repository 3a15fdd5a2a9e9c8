import { FlowDocument, isModule } from '../model/flow-document';
import { replacePlaceholders } from '../model/placeholders';
import { DeployState, Judgement, judgeDeployed, recordKey } from './deploy-state';
import { DeployedFlow } from './instance-snapshot';
import { Ownership, ownershipOf } from './ownership';
import { ResolutionContext, deployedByName, orphanOf, resolvePlaceholder } from './reference-resolver';

/**
 * What the plan does with one repository flow or module:
 * - `create`, `update`, `unchanged`, `blocked` (unresolved references, type change);
 * - `adopt`: a flow of that name exists without our tags and is listed for adoption: backed up,
 *   tagged, then written;
 * - `needs-adoption`: a flow of that name exists without our tags and is not listed: nothing is
 *   written (list it under `adopt`, or pass `--adopt NAME`);
 * - `archived`: our flow is ARCHIVED in Connect: left alone unless unarchiving is switched on.
 */
export type PlanAction =
  'create' | 'update' | 'unchanged' | 'blocked' | 'adopt' | 'needs-adoption' | 'archived';

/** One repository flow or module in a plan. */
export interface PlanItem {
  readonly kind: 'flow' | 'module';
  /** Name in the repository. */
  readonly name: string;
  /** Name in Connect. */
  readonly deployedName: string;
  readonly document: FlowDocument;
  readonly action: PlanAction;
  /** The deployed flow, when it exists. */
  readonly existing?: DeployedFlow;
  /**
   * Resolved content to write, as a JSON string; `undefined` while it references repository
   * flows or modules that this run creates first (see `pending`), or when blocked.
   */
  readonly content?: string;
  /** `flow:Name` / `module:Name` keys of repository flows this one references that do not exist yet. */
  readonly pending: readonly string[];
  readonly contentChanged: boolean;
  readonly descriptionChanged: boolean;
  /** The deployed flow is an orphan of this one (`orphaned-<name>`) and gets its name back. */
  readonly adopted: boolean;
  /** Why the item is blocked: unresolved references, type change. */
  readonly problems: readonly string[];
  /** Who owns the deployed flow (by tags), when it exists. */
  readonly ownership?: Ownership;
  /** Edited in Connect since our last write: backed up before it is overwritten. */
  readonly drift?: boolean;
  /** An ARCHIVED flow that this run makes ACTIVE again (unarchiving switched on). */
  readonly unarchive?: boolean;
  /** An unpublished `$SAVED` draft exists and is backed up before publishing. */
  readonly draft?: DeployedFlow;
  /**
   * Unchanged by the record of our last write, but the read could not confirm that Connect still
   * holds it (no content, no `LastModifiedTime`): not read further, since nothing is written.
   */
  readonly unverified?: boolean;
}

/** The decision of a run: what to create, update, leave alone, and which orphans to park. */
export interface DeploymentPlan {
  readonly items: readonly PlanItem[];
  /** Our flows and modules (app prefix and our tags) that the repository no longer has. */
  readonly orphans: readonly DeployedFlow[];
}

/** What the plan needs besides the instance: ownership, records of our writes, switches. */
export interface PlanPolicy {
  readonly app: string;
  readonly env: string;
  /** Records of our last writes. @default none (content compared with re-serializations undone) */
  readonly state?: DeployState;
  /** Repository names whose untagged namesakes may be adopted. @default none */
  readonly adopt?: ReadonlySet<string> | 'all';
  /** Make ARCHIVED flows of ours ACTIVE again and update them. @default false (left alone, reported) */
  readonly unarchive?: boolean;
}

/** Key of a flow or module, unique across both kinds: `flow:Name` or `module:Name`. */
export function itemKey(kind: 'flow' | 'module', name: string): string {
  return `${kind}:${name}`;
}

/** Result of resolving one document's placeholders. */
export interface ResolvedContent {
  /** Resolved content (JSON string), when nothing is pending or unresolved. */
  readonly content?: string;
  readonly pending: readonly string[];
  readonly problems: readonly string[];
}

/** Resolves every placeholder of a document's content (pure). */
export function resolveDocumentContent(doc: FlowDocument, ctx: ResolutionContext): ResolvedContent {
  const pending = new Set<string>();
  const problems: string[] = [];
  const { text } = replacePlaceholders(JSON.stringify(doc.content), (p) => {
    const r = resolvePlaceholder(p, ctx);
    if (r.status === 'resolved') return JSON.stringify(r.value).slice(1, -1);
    if (r.status === 'pending') pending.add(itemKey(r.kind, r.name));
    else problems.push(`${p.text}: ${r.message}`);
    return undefined;
  });
  const uniqueProblems = [...new Set(problems)];
  if (uniqueProblems.length > 0 || pending.size > 0)
    return { pending: [...pending].sort(), problems: uniqueProblems };
  return { content: JSON.stringify(JSON.parse(text)), pending: [], problems: [] };
}

/**
 * Decides the plan (pure): each repository document is compared with the deployed flow of the
 * same name through the record of our last write ({@link judgeDeployed}), and by description.
 * Only flows carrying our tags are updated or orphaned; an untagged namesake is adopted only
 * when listed. Deployed flows of ours (prefix and tags) the repository does not have are orphans.
 */
export function decidePlan(
  documents: readonly FlowDocument[],
  ctx: ResolutionContext,
  policy?: PlanPolicy,
): DeploymentPlan {
  const items = documents.map((doc) => decideItem(doc, ctx, policy));
  const wanted = new Set(items.map((i) => itemKey(i.kind, i.deployedName)));
  const orphans = [...ctx.snapshot.flows, ...ctx.snapshot.modules].filter(
    (d) =>
      ctx.naming.isManaged(d.name) &&
      !wanted.has(itemKey(d.kind, d.name)) &&
      (!policy || ownershipOf(d, policy.app, policy.env) === 'ours'),
  );
  return { items, orphans };
}

/**
 * Items whose deployed flow must be read with Describe (strongly consistent, unlike Search)
 * before the plan can be decided: unknown ownership, adoptions, drift (confirmed before it is
 * reported, backed up or refused), and content writes of items without `LastModifiedTime`
 * (modules) whose content Search left out, since only their content tells drift. A flow update
 * whose content Search left out is read just before its write instead (for the backup), so a
 * run spread over several invocations reads each flow once, when it writes it.
 */
export function itemsToConfirm(plan: DeploymentPlan): PlanItem[] {
  return plan.items.filter(
    (i) =>
      i.existing &&
      (i.ownership === 'unknown' ||
        i.action === 'adopt' ||
        (i.action === 'update' &&
          (i.drift ||
            (i.contentChanged &&
              i.existing.content === undefined &&
              i.existing.lastModifiedTime === undefined)))),
  );
}

function decideItem(doc: FlowDocument, ctx: ResolutionContext, policy: PlanPolicy | undefined): PlanItem {
  const kind = isModule(doc) ? 'module' : 'flow';
  const deployedName = ctx.naming.deployedName(doc.name);
  const list = kind === 'flow' ? ctx.snapshot.flows : ctx.snapshot.modules;
  const orphan = orphanOf(list, deployedName);
  const existing =
    deployedByName(list, deployedName) ?? (orphan && orphan.type === doc.type ? orphan : undefined);
  const adopted = !!existing && existing.name !== deployedName;
  const resolved = resolveDocumentContent(doc, ctx);
  const problems = [...resolved.problems];
  if (deployedName.length > 127)
    problems.push(
      `name: "${deployedName}" is ${deployedName.length} characters, over Connect's limit of 127 (API reference, CreateContactFlow Name); shorten the file's name.`,
    );
  if (existing && kind === 'flow' && existing.type !== doc.type) {
    problems.push(
      `type: deployed as ${existing.type}, the file says ${doc.type}. Connect cannot change a flow's type: ` +
        `rename the file (a new flow) and let the old one become an orphan.`,
    );
  }
  const ownership =
    existing && policy ? ownershipOf(existing, policy.app, policy.env) : existing ? 'ours' : undefined;
  const base = {
    kind,
    name: doc.name,
    deployedName,
    document: doc,
    existing,
    content: resolved.content,
    pending: resolved.pending,
    adopted,
    ownership,
  } as const;
  if (problems.length > 0) {
    return {
      ...base,
      content: undefined,
      action: 'blocked',
      contentChanged: false,
      descriptionChanged: false,
      problems,
    };
  }
  if (!existing)
    return { ...base, action: 'create', contentChanged: true, descriptionChanged: false, problems: [] };
  const descriptionChanged =
    existing.content !== undefined && (existing.description ?? '') !== (doc.description ?? '');
  if (ownership !== 'ours' && ownership !== 'unknown') {
    // Not ours: only an explicit adoption may touch it (adopted orphans are ours by construction).
    const listed = policy?.adopt === 'all' || (policy?.adopt?.has(doc.name) ?? false);
    const judged =
      resolved.content === undefined ? undefined : judgeDeployed(resolved.content, existing, undefined);
    return {
      ...base,
      action: listed ? 'adopt' : 'needs-adoption',
      contentChanged: judged?.verdict !== 'unchanged',
      descriptionChanged,
      problems: listed
        ? []
        : [
            `a ${kind} named "${deployedName}" exists in the instance without the tags of ${policy?.app}/${policy?.env}: ` +
              `it was not created by this platform, so it is left alone. To take it over (it is backed up first), ` +
              `list "${doc.name}" under adopt or deploy with --adopt ${doc.name}.`,
          ],
    };
  }
  const record = policy?.state?.records[recordKey(kind, existing.id)];
  const judged: Judgement =
    resolved.content === undefined
      ? { verdict: 'changed', drift: false }
      : judgeDeployed(resolved.content, existing, record);
  const contentChanged = judged.verdict !== 'unchanged';
  const drift = judged.verdict === 'drift' || (judged.verdict === 'changed' && judged.drift);
  if (existing.state === 'ARCHIVED' && !policy?.unarchive) {
    return {
      ...base,
      action: 'archived',
      contentChanged,
      descriptionChanged,
      drift,
      problems: [
        `${kind} "${existing.name}" is ARCHIVED in Connect: left as it is. Unarchive it in the console, ` +
          `or deploy with --unarchive to make it ACTIVE and update it.`,
      ],
    };
  }
  const unarchive = existing.state === 'ARCHIVED';
  const action = contentChanged || descriptionChanged || adopted || unarchive ? 'update' : 'unchanged';
  const unverified = judged.verdict === 'unchanged' && judged.unverified === true;
  return {
    ...base,
    action,
    contentChanged,
    descriptionChanged,
    drift,
    unarchive,
    problems: [],
    ...(unverified ? { unverified } : {}),
  };
}

/** Records completed by this plan's reads (first read after a write); saved with the next state save. */
export function baselinesOf(plan: DeploymentPlan, state: DeployState | undefined): DeployState['records'] {
  const out: Record<string, DeployState['records'][string]> = {};
  if (!state) return out;
  for (const i of plan.items) {
    if (i.action !== 'unchanged' || !i.existing || i.content === undefined) continue;
    const key = recordKey(i.kind, i.existing.id);
    const j = judgeDeployed(i.content, i.existing, state.records[key]);
    if (j.verdict === 'unchanged' && j.baseline) out[key] = j.baseline;
  }
  return out;
}

/** Plan counts, for summaries. */
export function planCounts(plan: DeploymentPlan): Record<PlanAction | 'orphaned' | 'drifted', number> {
  const counts = {
    create: 0,
    update: 0,
    unchanged: 0,
    blocked: 0,
    adopt: 0,
    'needs-adoption': 0,
    archived: 0,
    orphaned: plan.orphans.length,
    drifted: plan.items.filter((i) => i.drift).length,
  };
  for (const i of plan.items) counts[i.action]++;
  return counts;
}
