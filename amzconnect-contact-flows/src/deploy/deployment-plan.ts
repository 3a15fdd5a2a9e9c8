import { FlowDocument, isModule } from '../model/flow-document';
import { replacePlaceholders } from '../model/placeholders';
import { canonicalContent, canonicalJson } from './canonical-json';
import { DeployedFlow } from './instance-snapshot';
import { ResolutionContext, resolvePlaceholder } from './reference-resolver';

/** What the plan does with one repository flow or module. */
export type PlanAction = 'create' | 'update' | 'unchanged' | 'blocked';

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
}

/** The decision of a run: what to create, update, leave alone, and which orphans to park. */
export interface DeploymentPlan {
  readonly items: readonly PlanItem[];
  /** Managed flows and modules (app prefix) that the repository no longer has. */
  readonly orphans: readonly DeployedFlow[];
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
 * same name by canonical JSON of the resolved content, and by description. Managed deployed
 * flows the repository does not have are orphans.
 */
export function decidePlan(documents: readonly FlowDocument[], ctx: ResolutionContext): DeploymentPlan {
  const items = documents.map((doc) => decideItem(doc, ctx));
  const wanted = new Set(items.map((i) => itemKey(i.kind, i.deployedName)));
  const orphans = [...ctx.snapshot.flows, ...ctx.snapshot.modules].filter(
    (d) => ctx.naming.isManaged(d.name) && !wanted.has(itemKey(d.kind, d.name)),
  );
  return { items, orphans };
}

function decideItem(doc: FlowDocument, ctx: ResolutionContext): PlanItem {
  const kind = isModule(doc) ? 'module' : 'flow';
  const deployedName = ctx.naming.deployedName(doc.name);
  const list = kind === 'flow' ? ctx.snapshot.flows : ctx.snapshot.modules;
  const existing =
    list.find((f) => f.name === deployedName) ??
    list.find((f) => ctx.naming.isOrphanOf(f.name, deployedName) && f.type === doc.type);
  const adopted = !!existing && existing.name !== deployedName;
  const resolved = resolveDocumentContent(doc, ctx);
  const problems = [...resolved.problems];
  if (existing && kind === 'flow' && existing.type !== doc.type) {
    problems.push(
      `type: deployed as ${existing.type}, the file says ${doc.type}. Connect cannot change a flow's type: ` +
        `rename the file (a new flow) and let the old one become an orphan.`,
    );
  }
  const base = {
    kind,
    name: doc.name,
    deployedName,
    document: doc,
    existing,
    content: resolved.content,
    pending: resolved.pending,
    adopted,
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
  const contentChanged =
    resolved.content === undefined ||
    existing.content === undefined ||
    canonicalContent(existing.content) !== canonicalJson(JSON.parse(resolved.content));
  const descriptionChanged =
    existing.content !== undefined && (existing.description ?? '') !== (doc.description ?? '');
  const action = contentChanged || descriptionChanged || adopted ? 'update' : 'unchanged';
  return { ...base, action, contentChanged, descriptionChanged, problems: [] };
}

/** Plan counts, for summaries. */
export function planCounts(plan: DeploymentPlan): Record<PlanAction | 'orphaned', number> {
  const counts = { create: 0, update: 0, unchanged: 0, blocked: 0, orphaned: plan.orphans.length };
  for (const i of plan.items) counts[i.action]++;
  return counts;
}
