import { Placeholder } from '../model/placeholders';
import { ExternalReferences } from './external-references';
import { FlowNaming, ORPHAN_PREFIX } from './flow-naming';
import { DeployedFlow, InstanceSnapshot, NamedResource } from './instance-snapshot';

/** The outcome of resolving one placeholder. */
export type Resolution =
  | { readonly status: 'resolved'; readonly value: string }
  /** A repository flow or module that does not exist yet: created by this run. */
  | { readonly status: 'pending'; readonly kind: 'flow' | 'module'; readonly name: string }
  | { readonly status: 'problem'; readonly message: string };

/** Everything a placeholder can resolve against. */
export interface ResolutionContext {
  readonly naming: FlowNaming;
  readonly snapshot: InstanceSnapshot;
  readonly external: ExternalReferences;
  /** Names (repository names) of the flows in the repository. */
  readonly repoFlows: ReadonlySet<string>;
  /** Names (repository names) of the modules in the repository. */
  readonly repoModules: ReadonlySet<string>;
  /** ARNs of flows and modules created during this run, by deployed name. */
  readonly created?: ReadonlyMap<string, string>;
}

const byNameCache = new WeakMap<readonly DeployedFlow[], Map<string, DeployedFlow>>();

/** The deployed flow (or module) of a name in `list`, through an index built once per list. */
export function deployedByName(list: readonly DeployedFlow[], name: string): DeployedFlow | undefined {
  let index = byNameCache.get(list);
  if (!index) {
    index = new Map();
    for (const f of list) {
      if (!index.has(f.name)) index.set(f.name, f);
      if (f.name.startsWith(ORPHAN_PREFIX)) {
        const key = `\u0000${f.name.slice(ORPHAN_PREFIX.length).replace(/^\d+-/, '')}`;
        if (!index.has(key)) index.set(key, f);
      }
    }
    byNameCache.set(list, index);
  }
  return index.get(name);
}

/** The orphan (`orphaned-[N-]<deployedName>`) of a deployed name in `list`, if any (indexed). */
export function orphanOf(list: readonly DeployedFlow[], deployedName: string): DeployedFlow | undefined {
  return deployedByName(list, `\u0000${deployedName}`);
}

/** Resolves one placeholder to the environment's ARN (pure). */
export function resolvePlaceholder(p: Placeholder, ctx: ResolutionContext): Resolution {
  const { snapshot } = ctx;
  switch (p.kind) {
    case 'queue':
      return byName(
        snapshot.queues,
        p.name,
        `queue "${p.name}"`,
        'Create it in amzconnect-instance (queues) or fix the name.',
      );
    case 'prompt':
      return byName(snapshot.prompts, p.name, `prompt "${p.name}"`, 'Upload the prompt or fix the name.');
    case 'hours':
      return byName(
        snapshot.hours,
        p.name,
        `hours of operation "${p.name}"`,
        'Create them in amzconnect-instance or fix the name.',
      );
    case 'flow':
    case 'module':
      return resolveFlowLike(p.kind, p.name, ctx);
    case 'lambda':
      return resolveLambda(p.name, ctx);
    case 'lex':
      return resolveLex(p.name, ctx);
    case 'mapping-function':
      return ctx.external.mappingFunction
        ? associated(ctx.external.mappingFunction, ctx.snapshot.lambdaArns, 'the mapping function')
        : {
            status: 'problem',
            message: 'the mapping function ARN is not published; deploy amzconnect-lambdas first.',
          };
  }
}

function byName(items: readonly NamedResource[], name: string, what: string, fix: string): Resolution {
  const found = items.find((i) => i.name === name);
  return found
    ? { status: 'resolved', value: found.arn }
    : { status: 'problem', message: `no ${what} in the instance. ${fix}` };
}

function resolveFlowLike(kind: 'flow' | 'module', name: string, ctx: ResolutionContext): Resolution {
  const deployedList = kind === 'flow' ? ctx.snapshot.flows : ctx.snapshot.modules;
  const inRepo = (kind === 'flow' ? ctx.repoFlows : ctx.repoModules).has(name);
  if (inRepo) {
    const deployedName = ctx.naming.deployedName(name);
    // An orphan of the flow (`orphaned-<name>`) is the flow itself: this run renames it back.
    const deployed = deployedByName(deployedList, deployedName) ?? orphanOf(deployedList, deployedName);
    const arn = ctx.created?.get(`${kind}:${deployedName}`) ?? deployed?.arn;
    return arn ? { status: 'resolved', value: arn } : { status: 'pending', kind, name };
  }
  // Not a repository flow: a flow Connect or an administrator created, referenced by its exact name.
  const existing = deployedByName(deployedList, name);
  return existing
    ? { status: 'resolved', value: existing.arn }
    : {
        status: 'problem',
        message: `no ${kind} "${name}" in the repository or the instance. Add flows/${name}.json or fix the name.`,
      };
}

function resolveLambda(name: string, ctx: ResolutionContext): Resolution {
  const fromSsm = ctx.external.lambdas[name];
  if (fromSsm) return associated(fromSsm, ctx.snapshot.lambdaArns, `Lambda "${name}"`);
  const byFunctionName = ctx.snapshot.lambdaArns.find((arn) => functionNameOf(arn) === name);
  return byFunctionName
    ? { status: 'resolved', value: byFunctionName }
    : {
        status: 'problem',
        message: `no Lambda "${name}": neither published in SSM by amzconnect-lambdas nor associated with the instance by function name.`,
      };
}

function resolveLex(bot: string, ctx: ResolutionContext): Resolution {
  const aliasArn = ctx.external.lex[bot];
  if (!aliasArn) {
    return {
      status: 'problem',
      message: `no Lex bot alias ARN published for bot "${bot}"; deploy amzconnect-supporting-infra first.`,
    };
  }
  return associated(aliasArn, ctx.snapshot.lexAliasArns, `Lex bot "${bot}" alias`);
}

function associated(arn: string, associatedArns: readonly string[], what: string): Resolution {
  const unqualified = (a: string) => a.replace(/^(arn:[^:]+:lambda:[^:]+:\d+:function:[^:]+):.*$/, '$1');
  const ok = associatedArns.some((a) => a === arn || unqualified(a) === unqualified(arn));
  return ok
    ? { status: 'resolved', value: arn }
    : {
        status: 'problem',
        message: `${what} (${arn}) is not associated with the instance; associate it before deploying flows.`,
      };
}

/** Function name of a Lambda ARN (`arn:aws:lambda:r:a:function:Name[:qualifier]`). */
export function functionNameOf(arn: string): string | undefined {
  return /^arn:[^:]+:lambda:[^:]+:\d+:function:([^:]+)/.exec(arn)?.[1];
}
