import {
  ConnectClient,
  CreateContactFlowCommand,
  CreateContactFlowModuleCommand,
  CreateContactFlowVersionCommand,
  ContactFlowType,
  UpdateContactFlowContentCommand,
  UpdateContactFlowModuleContentCommand,
  UpdateContactFlowModuleMetadataCommand,
  UpdateContactFlowNameCommand,
} from '@aws-sdk/client-connect';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SsmNames } from '@amzconnect/env';
import { FlowDocument } from '../model/flow-document';
import { findPlaceholders } from '../model/placeholders';
import { CallCounter } from './call-counter';
import { Clock, systemClock } from './clock';
import { flowFailure } from './connect-errors';
import {
  DeploymentPlan,
  PlanItem,
  decidePlan,
  itemKey,
  planCounts,
  resolveDocumentContent,
} from './deployment-plan';
import { DeployLogger, silentLogger } from './deploy-logger';
import { readParameters } from './environment-parameters';
import { ExternalReferences } from './external-references';
import { FlowBucketStore } from './flow-bucket-store';
import { FlowNaming, flowNaming } from './flow-naming';
import { DeployedFlow, InstanceSnapshot } from './instance-snapshot';
import { MappingPublishResult, buildMapping, publishMapping } from './mapping-publisher';
import { namesOfKind, referencedMappingKeys } from './mapping-references';
import { describeDeployed, readInstance } from './read-instance';
import { ResolutionContext } from './reference-resolver';
import { AppliedStep, FlowFailure, RunReport } from './run-report';
import { stubContent } from './stub-content';
import { throttledCall } from './throttled-call';
import { TokenBucket } from './token-bucket';

/** Where a deployment goes. */
export interface DeployTarget {
  /** Application prefix, e.g. `acme`. */
  readonly app: string;
  /** Environment name, e.g. `develop`. */
  readonly env: string;
  readonly region: string;
  /** Connect instance id. @default read from SSM `SsmNames.connect.instanceId(app, env)` */
  readonly instanceId?: string;
}

/** Dependencies and options of a {@link ContactFlowDeployer}. */
export interface ContactFlowDeployerProps {
  readonly target: DeployTarget;
  /** Clients of the target account and Region; the Connect client should be rate limited. */
  readonly clients: {
    readonly connect: ConnectClient;
    readonly s3: S3Client;
    readonly lambda: LambdaClient;
    readonly ssm: SSMClient;
    /** The run's token bucket, drained when throttling outlasts the SDK's retries. @default none */
    readonly bucket?: TokenBucket;
    /** Call counter whose totals go into the run report. @default none */
    readonly calls?: CallCounter;
  };
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default silent */
  readonly logger?: DeployLogger;
  /**
   * Also keep a Connect flow version (`CreateContactFlowVersion`) after each content update.
   * Costs one more rate-limited write per changed flow; the S3 backups are the rollback source
   * either way. @default false
   */
  readonly createFlowVersions?: boolean;
  /** Identifier of the run in reports and backups. @default derived from the clock */
  readonly runId?: string;
  /**
   * Lambda and Lex names the repository defines (the toolchain's catalog), looked up in SSM so
   * that `$.External.Lambda_<name>` / `Lex_<name>` keys resolve even when no flow uses the
   * placeholder. @default names taken from the referenced keys themselves
   */
  readonly catalogNames?: { readonly lambdas?: readonly string[]; readonly bots?: readonly string[] };
}

/** A plan together with everything `apply` needs, computed by {@link ContactFlowDeployer.plan}. */
export interface PreparedPlan {
  readonly plan: DeploymentPlan;
  readonly documents: readonly FlowDocument[];
  readonly instanceId: string;
  readonly flowBucket: string;
  readonly mappingFunctionArn?: string;
  readonly context: ResolutionContext;
  /** Mapping keys the documents read at run time (`$.External.<Key>`). */
  readonly mappingKeys: readonly string[];
}

/** Thrown by `apply` when some flows failed; the report lists each with Connect's problems. */
export class DeploymentFailedError extends Error {
  constructor(public readonly report: RunReport) {
    super(
      `Contact flow deployment ${report.runId} failed for ${report.failures.length} item(s):\n` +
        report.failures
          .map(
            (f) =>
              `- ${f.kind} ${f.name}: ${f.error}: ${f.message}${f.problems.map((p) => `\n    ${p}`).join('')}`,
          )
          .join('\n'),
    );
    this.name = 'DeploymentFailedError';
  }
}

/**
 * The deployment engine: `plan` reads the environment and decides; `apply` writes only what the
 * plan says, in a safe order, saving what it overwrites and reporting as it goes.
 */
export class ContactFlowDeployer {
  private readonly naming: FlowNaming;
  private readonly clock: Clock;
  private readonly logger: DeployLogger;
  public readonly runId: string;

  constructor(private readonly props: ContactFlowDeployerProps) {
    this.naming = flowNaming(props.target.app);
    this.clock = props.clock ?? systemClock;
    this.logger = props.logger ?? silentLogger;
    this.runId = props.runId ?? `${new Date(this.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
  }

  /** Reads SSM and the instance, resolves every placeholder and decides the plan. Reads only. */
  public async plan(documents: readonly FlowDocument[]): Promise<PreparedPlan> {
    const { app, env } = this.props.target;
    const { connect, ssm } = this.props.clients;
    const refs = documents.flatMap((d) => findPlaceholders(JSON.stringify(d.content)));
    const mappingKeys = referencedMappingKeys(documents);
    const ssmSafe = (n: string) => /^[A-Za-z0-9_.-]+$/.test(n);
    const lambdaNames = [
      ...new Set([
        ...refs.filter((r) => r.kind === 'lambda').map((r) => r.name),
        ...(this.props.catalogNames?.lambdas ?? []),
        ...namesOfKind(mappingKeys, 'lambda'),
      ]),
    ].filter(ssmSafe);
    const bots = [
      ...new Set([
        ...refs.filter((r) => r.kind === 'lex').map((r) => r.name),
        ...(this.props.catalogNames?.bots ?? []),
        ...namesOfKind(mappingKeys, 'lex'),
      ]),
    ].filter(ssmSafe);
    const names = {
      instanceId: SsmNames.connect.instanceId(app, env),
      flowBucket: SsmNames.infra.flowBucketName(app, env),
      mapping: SsmNames.lambdas.functionArn(app, env, 'mapping'),
    };
    const params = await readParameters(ssm, [
      ...(this.props.target.instanceId ? [] : [names.instanceId]),
      names.flowBucket,
      names.mapping,
      ...lambdaNames.map((n) => SsmNames.lambdas.functionArn(app, env, n)),
      ...bots.map((b) => SsmNames.infra.lexBotAliasArn(app, env, b)),
    ]);
    const instanceId = this.props.target.instanceId ?? params[names.instanceId];
    const flowBucket = params[names.flowBucket];
    const missing = [!instanceId && names.instanceId, !flowBucket && names.flowBucket].filter(Boolean);
    if (missing.length > 0) {
      throw new Error(
        `Missing SSM parameter(s) ${missing.join(', ')} in ${this.props.target.region}: deploy amzconnect-instance and amzconnect-supporting-infra to ${env} first.`,
      );
    }
    const external: ExternalReferences = {
      lambdas: Object.fromEntries(
        lambdaNames.flatMap((n) => {
          const v = params[SsmNames.lambdas.functionArn(app, env, n)];
          return v ? [[n, v]] : [];
        }),
      ),
      lex: Object.fromEntries(
        bots.flatMap((b) => {
          const v = params[SsmNames.infra.lexBotAliasArn(app, env, b)];
          return v ? [[b, v]] : [];
        }),
      ),
      mappingFunction: params[names.mapping],
    };

    this.logger.info('Reading instance', { instanceId });
    let snapshot = await readInstance(connect, instanceId, this.naming.prefix, (fn) => this.call(fn));
    const repoFlows = new Set(documents.filter((d) => d.type !== 'MODULE').map((d) => d.name));
    const repoModules = new Set(documents.filter((d) => d.type === 'MODULE').map((d) => d.name));
    let context: ResolutionContext = { naming: this.naming, snapshot, external, repoFlows, repoModules };
    let plan = decidePlan(documents, context);

    // Search is eventually consistent: confirm every planned update with a Describe (which also
    // gives the exact content to save before overwriting), and read what Search did not return.
    const toConfirm = plan.items.filter(
      (i) => i.existing && (i.action === 'update' || i.existing.content === undefined),
    );
    if (toConfirm.length > 0) {
      const described = await Promise.all(
        toConfirm.map((i) => this.call(() => describeDeployed(connect, instanceId, i.existing!))),
      );
      const byKey = new Map(described.map((d) => [itemKey(d.kind, d.id), d]));
      const replace = (list: readonly DeployedFlow[]) =>
        list.map((f) => byKey.get(itemKey(f.kind, f.id)) ?? f);
      snapshot = { ...snapshot, flows: replace(snapshot.flows), modules: replace(snapshot.modules) };
      context = { ...context, snapshot };
      plan = decidePlan(documents, context);
    }
    return {
      plan,
      documents,
      instanceId,
      flowBucket,
      mappingFunctionArn: external.mappingFunction,
      context,
      mappingKeys,
    };
  }

  /**
   * Applies a plan: creates new flows (stubs first only where new flows reference each other),
   * writes changed content after saving the current one, parks orphans, then publishes the
   * mapping. Every write is recorded in the run report as it happens; a failing flow does not
   * stop the others. Throws {@link DeploymentFailedError} at the end when anything failed.
   */
  public async apply(prepared: PreparedPlan): Promise<RunReport> {
    const { connect, s3 } = this.props.clients;
    const { plan, instanceId } = prepared;
    const store = new FlowBucketStore(s3, prepared.flowBucket, this.props.target.app, this.props.target.env);
    const report: RunReport = {
      runId: this.runId,
      command: 'deploy',
      app: this.props.target.app,
      env: this.props.target.env,
      region: this.props.target.region,
      instanceId,
      startedAt: this.isoNow(),
      status: 'running',
      planned: planCounts(plan),
      applied: [],
      failures: [],
    };
    const journal = new RunJournal(store, report, this.logger);
    const created = new Map<string, string>();
    const createdIds = new Map<string, DeployedFlow>();
    const failed = new Set<string>();

    for (const item of plan.items.filter((i) => i.action === 'blocked')) {
      report.failures.push({
        kind: item.kind,
        name: item.name,
        error: 'UnresolvedReference',
        message: 'not deployed',
        problems: item.problems,
      });
      failed.add(itemKey(item.kind, item.name));
    }

    // 1. Creates, modules before flows, each with its full content when everything it references
    //    exists already. When only items referencing each other remain (a cycle), the one the
    //    others reference most is created as a stub, which unblocks the rest: a cycle of n new
    //    flows costs n creates plus one stub fill, not 2n writes.
    let toCreate = [...plan.items.filter((i) => i.action === 'create')].sort(byKindThenName);
    const toFill: PlanItem[] = [];
    const ctx = { instanceId, created, createdIds, journal, report, failed };
    while (toCreate.length > 0) {
      let progress = false;
      for (const item of [...toCreate]) {
        const resolved = this.resolve(item, prepared, created);
        const waitsOnFailed = resolved.pending.some((p) => failed.has(p));
        if (resolved.content === undefined && !waitsOnFailed) continue;
        toCreate = toCreate.filter((i) => i !== item);
        progress = true;
        if (waitsOnFailed) {
          this.fail(
            report,
            failed,
            item,
            new Error(`references ${resolved.pending.filter((p) => failed.has(p)).join(', ')}, which failed`),
          );
          continue;
        }
        await this.create(item, resolved.content!, 'create', ctx);
      }
      if (progress || toCreate.length === 0) continue;
      const stub = mostReferenced(toCreate, (i) => this.resolve(i, prepared, created).pending);
      toCreate = toCreate.filter((i) => i !== stub);
      if (await this.create(stub, stubContent(stub.document.type), 'create-stub', ctx)) toFill.push(stub);
    }

    // 2. Content: stubs, and changed flows, saving the current content first.
    const updates = plan.items.filter((i) => i.action === 'update').sort(byKindThenName);
    for (const item of [...toFill, ...updates]) {
      const key = itemKey(item.kind, item.name);
      const target = item.existing ?? createdIds.get(key);
      if (!target) continue;
      const resolved = this.resolve(item, prepared, created);
      if (resolved.content === undefined) {
        this.fail(
          report,
          failed,
          item,
          new Error(
            `unresolved references after creates: ${[...resolved.pending, ...resolved.problems].join(', ')}`,
          ),
        );
        continue;
      }
      try {
        if (item.contentChanged || !item.existing) {
          const backupVersionId = item.existing
            ? await store.saveBackup(item.existing, this.runId, new Date(this.clock.now()))
            : undefined;
          await this.call(() =>
            item.kind === 'flow'
              ? connect.send(
                  new UpdateContactFlowContentCommand({
                    InstanceId: instanceId,
                    ContactFlowId: target.id,
                    Content: resolved.content,
                  }),
                )
              : connect.send(
                  new UpdateContactFlowModuleContentCommand({
                    InstanceId: instanceId,
                    ContactFlowModuleId: target.id,
                    Content: resolved.content,
                  }),
                ),
          );
          await journal.record(this.step(item, 'update-content', target, { backupVersionId }));
          if (this.props.createFlowVersions && item.kind === 'flow') {
            const v = await this.call(() =>
              connect.send(
                new CreateContactFlowVersionCommand({
                  InstanceId: instanceId,
                  ContactFlowId: target.id,
                  Description: `release ${this.runId}`,
                }),
              ),
            );
            await journal.record(
              this.step(item, 'create-version', target, { detail: String(v.Version ?? '') }),
            );
          }
        }
        if (item.descriptionChanged || item.adopted) {
          await this.writeDescription(
            connect,
            instanceId,
            item.kind,
            target.id,
            item.deployedName,
            item.document.description ?? '',
          );
          const detail = item.adopted ? { detail: `renamed back from ${target.name}` } : {};
          await journal.record(this.step(item, 'update-description', target, detail));
        }
      } catch (err) {
        this.fail(report, failed, item, err);
      }
    }

    // 3. Orphans: renamed and described, never deleted.
    const taken = new Set(
      [...prepared.context.snapshot.flows, ...prepared.context.snapshot.modules].map((f) => f.name),
    );
    for (const orphan of plan.orphans) {
      const newName = this.naming.orphanName(orphan.name, taken);
      taken.add(newName);
      const description =
        `Orphaned by amzconnect-contact-flows run ${this.runId}: "${orphan.name}" is no longer in the repository. ` +
        'Never deleted automatically: delete it by hand once nothing references it.';
      try {
        await this.writeDescription(connect, instanceId, orphan.kind, orphan.id, newName, description);
        await journal.record({
          at: this.isoNow(),
          kind: orphan.kind,
          name: orphan.name,
          operation: 'orphan',
          id: orphan.id,
          arn: orphan.arn,
          detail: newName,
        });
      } catch (err) {
        report.failures.push(flowFailure(orphan.kind, orphan.name, err));
      }
    }

    // 4. Mapping, once the flows are in place.
    if (report.failures.length === 0) {
      const result = await this.publish(prepared, store, created);
      if (result?.published) {
        report.mappingVersionId = result.versionId;
        await journal.record({
          at: this.isoNow(),
          kind: 'mapping',
          name: 'mapping',
          operation: 'publish-mapping',
          detail: `${result.versionId} (${result.wrote.join('+')})`,
        });
      }
    } else {
      this.logger.warn('Mapping not published: some items failed', { failures: report.failures.length });
    }

    report.status = report.failures.length === 0 ? 'succeeded' : 'failed';
    report.finishedAt = this.isoNow();
    report.calls = this.props.clients.calls?.byOperation();
    await journal.finish();
    if (report.failures.length > 0) throw new DeploymentFailedError(report);
    return report;
  }

  /** `plan` then `apply`. */
  public async deploy(
    documents: readonly FlowDocument[],
  ): Promise<{ prepared: PreparedPlan; report: RunReport }> {
    const prepared = await this.plan(documents);
    const report = await this.apply(prepared);
    return { prepared, report };
  }

  private resolve(item: PlanItem, prepared: PreparedPlan, created: ReadonlyMap<string, string>) {
    return resolveDocumentContent(item.document, { ...prepared.context, created });
  }

  private async create(
    item: PlanItem,
    content: string,
    operation: 'create' | 'create-stub',
    s: {
      instanceId: string;
      created: Map<string, string>;
      createdIds: Map<string, DeployedFlow>;
      journal: RunJournal;
      report: RunReport;
      failed: Set<string>;
    },
  ): Promise<boolean> {
    const { connect } = this.props.clients;
    const description = item.document.description;
    try {
      let id: string | undefined;
      let arn: string | undefined;
      if (item.kind === 'flow') {
        const r = await this.call(() =>
          connect.send(
            new CreateContactFlowCommand({
              InstanceId: s.instanceId,
              Name: item.deployedName,
              Type: item.document.type as ContactFlowType,
              Description: description || undefined,
              Content: content,
            }),
          ),
        );
        id = r.ContactFlowId;
        arn = r.ContactFlowArn;
      } else {
        const r = await this.call(() =>
          connect.send(
            new CreateContactFlowModuleCommand({
              InstanceId: s.instanceId,
              Name: item.deployedName,
              Description: description || undefined,
              Content: content,
            }),
          ),
        );
        id = r.Id;
        arn = r.Arn;
      }
      if (!id || !arn) throw new Error(`Connect returned no id for the new ${item.kind}`);
      s.created.set(itemKey(item.kind, item.deployedName), arn);
      s.createdIds.set(itemKey(item.kind, item.name), {
        kind: item.kind,
        id,
        arn,
        name: item.deployedName,
        type: item.document.type,
      });
      await s.journal.record(this.step(item, operation, { id, arn }));
      return true;
    } catch (err) {
      this.fail(s.report, s.failed, item, err);
      return false;
    }
  }

  private async writeDescription(
    connect: ConnectClient,
    instanceId: string,
    kind: 'flow' | 'module',
    id: string,
    name: string,
    description: string,
  ) {
    await this.call(() =>
      kind === 'flow'
        ? connect.send(
            new UpdateContactFlowNameCommand({
              InstanceId: instanceId,
              ContactFlowId: id,
              Name: name,
              Description: description,
            }),
          )
        : connect.send(
            new UpdateContactFlowModuleMetadataCommand({
              InstanceId: instanceId,
              ContactFlowModuleId: id,
              Name: name,
              Description: description,
            }),
          ),
    );
  }

  private async publish(
    prepared: PreparedPlan,
    store: FlowBucketStore,
    created: ReadonlyMap<string, string>,
  ): Promise<MappingPublishResult | undefined> {
    if (!prepared.mappingFunctionArn) {
      this.logger.warn('Mapping not published: no mapping function ARN in SSM', {
        parameter: SsmNames.lambdas.functionArn(this.props.target.app, this.props.target.env, 'mapping'),
      });
      return undefined;
    }
    const snapshot: InstanceSnapshot = prepared.context.snapshot;
    const repoFlows = prepared.plan.items.flatMap((i) => {
      const arn = i.existing?.arn ?? created.get(itemKey(i.kind, i.deployedName));
      return arn ? [{ kind: i.kind, name: i.name, arn }] : [];
    });
    const { document, problems } = buildMapping(
      snapshot,
      repoFlows,
      prepared.context.external,
      prepared.mappingKeys,
    );
    if (problems.length > 0)
      throw new Error(`Cannot publish the mapping:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    return publishMapping({
      store,
      lambda: this.props.clients.lambda,
      functionName: prepared.mappingFunctionArn,
      document,
      clock: this.clock,
    });
  }

  private fail(report: RunReport, failed: Set<string>, item: PlanItem, err: unknown): void {
    const failure = flowFailure(item.kind, item.name, err);
    this.logger.error(`Could not deploy ${item.kind} ${item.name}`, failure);
    report.failures.push(failure);
    failed.add(itemKey(item.kind, item.name));
  }

  private step(
    item: PlanItem,
    operation: AppliedStep['operation'],
    target: { id: string; arn: string },
    extra: Partial<AppliedStep> = {},
  ): AppliedStep {
    return {
      at: this.isoNow(),
      kind: item.kind,
      name: item.name,
      operation,
      id: target.id,
      arn: target.arn,
      ...extra,
    };
  }

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return throttledCall(fn, { bucket: this.props.clients.bucket, clock: this.clock });
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** The item the others reference most (ties: the first), to break a reference cycle with one stub. */
function mostReferenced(items: readonly PlanItem[], pendingOf: (i: PlanItem) => readonly string[]): PlanItem {
  const counts = new Map<string, number>();
  for (const i of items) for (const p of pendingOf(i)) counts.set(p, (counts.get(p) ?? 0) + 1);
  let best = items[0];
  for (const i of items) {
    if ((counts.get(itemKey(i.kind, i.name)) ?? 0) > (counts.get(itemKey(best.kind, best.name)) ?? 0))
      best = i;
  }
  return best;
}

function byKindThenName(a: PlanItem, b: PlanItem): number {
  return a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'module' ? -1 : 1;
}

/**
 * The run report as the run goes: saved to the flow bucket after every write, so a run that
 * dies half-way leaves a report of what it applied. A run that writes nothing saves nothing.
 */
export class RunJournal {
  private dirty = false;

  constructor(
    private readonly store: FlowBucketStore,
    public readonly report: RunReport,
    private readonly logger: DeployLogger,
  ) {}

  /** Records a write and saves the report. */
  public async record(step: AppliedStep): Promise<void> {
    this.report.applied.push(step);
    this.logger.info(`${step.operation} ${step.kind} ${step.name}`, step);
    this.dirty = true;
    await this.store.saveReport(this.report);
  }

  /** Saves the final report when the run wrote anything (or failed). */
  public async finish(): Promise<void> {
    if (this.dirty || this.report.failures.length > 0) await this.store.saveReport(this.report);
  }
}

/** Re-exported for callers that only need the failure type. */
export type { FlowFailure };
