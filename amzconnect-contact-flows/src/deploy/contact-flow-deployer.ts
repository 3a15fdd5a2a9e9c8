import * as crypto from 'crypto';
import {
  ConnectClient,
  CreateContactFlowCommand,
  CreateContactFlowModuleCommand,
  CreateContactFlowVersionCommand,
  ContactFlowType,
  TagResourceCommand,
  UpdateContactFlowContentCommand,
  UpdateContactFlowMetadataCommand,
  UpdateContactFlowModuleContentCommand,
  UpdateContactFlowModuleMetadataCommand,
  UpdateContactFlowNameCommand,
} from '@aws-sdk/client-connect';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SsmNames } from '@amzconnect/env/contracts';
import { FlowDocument } from '../model/flow-document';
import { findPlaceholders } from '../model/placeholders';
import { CallCounter } from './call-counter';
import { Clock, systemClock } from './clock';
import { flowFailure } from './connect-errors';
import { contentSha256, normalizedContent } from './content-hash';
import { DeployState, FlowRecord, emptyDeployState, recordKey } from './deploy-state';
import {
  DriftDetectedError,
  FlowQuotaExceededError,
  PlanOutdatedError,
  RunLockLostError,
  ServiceQuotaExceededError,
} from './deploy-errors';
import {
  DeploymentPlan,
  PlanItem,
  PlanPolicy,
  baselinesOf,
  decidePlan,
  itemKey,
  itemsToConfirm,
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
import { decideReadScope } from './instance-read-scope';
import { DESCRIBE_CONCURRENCY, mapBounded } from './map-bounded';
import { ownerTags, ownershipOf } from './ownership';
import { describeDeployed, describeDraft, findByName, readInstance } from './read-instance';
import { RunLock, RunLockOptions } from './run-lock';
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
   * Also keep a Connect flow version (`CreateContactFlowVersion`) after each content update of a
   * CAMPAIGN flow (the only type the API versions). The S3 backups are the rollback source
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
  /**
   * Repository names of flows whose untagged namesakes in the instance this run may take over
   * (backed up, tagged, then written), or `all`. @default none: untagged flows are never touched
   */
  readonly adopt?: readonly string[] | 'all';
  /** Make ARCHIVED flows of ours ACTIVE again and update them. @default false (reported, left alone) */
  readonly unarchive?: boolean;
  /**
   * What to do with flows edited in Connect since our last write: `overwrite` (after a backup) or
   * `fail` (refuse the whole deployment before any write). @default overwrite
   */
  readonly onDrift?: 'overwrite' | 'fail';
  /** Cancels the run: checked before every write. @default never */
  readonly signal?: AbortSignal;
  /** Time (epoch ms on `clock`) by which the run must have stopped writing. @default none */
  readonly deadline?: number;
  /** No new write starts later than this before `deadline`. @default 60 seconds */
  readonly reserveMs?: number;
  /** The account-and-Region run lock. @default none (tests and single-runner setups) */
  readonly lock?: RunLockOptions;
  /** Most Describe calls in flight at once while planning. @default {@link DESCRIBE_CONCURRENCY} (8) */
  readonly describeConcurrency?: number;
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
  /** Records of our last writes, as read at plan time. */
  readonly state?: DeployState;
  /**
   * SHA-256 over what the plan saw of every flow it touches (ids, names, modification times,
   * content hashes): an approved plan is applied only while the instance still matches it.
   */
  readonly fingerprint?: string;
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

/** Internal: the run must stop writing (budget, cancellation, lost lock). */
class StopRun extends Error {
  constructor(public readonly why: string) {
    super(why);
  }
}

interface ApplyState {
  readonly instanceId: string;
  readonly created: Map<string, string>;
  readonly createdIds: Map<string, DeployedFlow>;
  readonly journal: RunJournal;
  readonly report: RunReport;
  readonly failed: Set<string>;
  readonly records: Record<string, FlowRecord>;
  readonly done: Set<string>;
  quotaHit?: FlowQuotaExceededError;
}

/**
 * The deployment engine: `plan` reads the environment and decides; `apply` writes only what the
 * plan says, in a safe order, saving what it overwrites and reporting as it goes. A run holds the
 * account's run lock, checks its budget and cancellation before every write, and records what it
 * sent, so the next run knows what Connect holds is ours even though Connect re-serializes it.
 */
export class ContactFlowDeployer {
  private readonly naming: FlowNaming;
  private readonly clock: Clock;
  private readonly logger: DeployLogger;
  public readonly runId: string;
  private lock?: RunLock;

  constructor(private readonly props: ContactFlowDeployerProps) {
    this.naming = flowNaming(props.target.app);
    this.clock = props.clock ?? systemClock;
    this.logger = props.logger ?? silentLogger;
    this.runId = props.runId ?? `${new Date(this.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
  }

  /** Reads SSM, the instance and the deploy state, resolves every placeholder and decides the plan. Reads only. */
  public async plan(documents: readonly FlowDocument[]): Promise<PreparedPlan> {
    const { app, env } = this.props.target;
    const { connect, ssm, s3 } = this.props.clients;
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
    const store = new FlowBucketStore(s3, flowBucket, app, env);
    const [instance, state] = await Promise.all([
      readInstance(connect, instanceId, decideReadScope(documents, this.naming.prefix, mappingKeys), (fn) =>
        this.call(fn),
      ),
      store.loadState(),
    ]);
    let snapshot = instance;
    const repoFlows = new Set(documents.filter((d) => d.type !== 'MODULE').map((d) => d.name));
    const repoModules = new Set(documents.filter((d) => d.type === 'MODULE').map((d) => d.name));
    let context: ResolutionContext = { naming: this.naming, snapshot, external, repoFlows, repoModules };
    const policy: PlanPolicy = {
      app,
      env,
      state,
      adopt: this.props.adopt === 'all' ? 'all' : new Set(this.props.adopt ?? []),
      unarchive: this.props.unarchive,
    };
    let plan = decidePlan(documents, context, policy);

    // Search may lag and may leave Content out: confirm with the strongly consistent Describe what
    // Search cannot settle (drift, ownership, adoption, a write whose current content is missing
    // for the backup), at most `describeConcurrency` at once. Unchanged flows need no read at all.
    const toConfirm = itemsToConfirm(plan);
    if (toConfirm.length > 0) {
      const described = await mapBounded(
        toConfirm,
        this.props.describeConcurrency ?? DESCRIBE_CONCURRENCY,
        (i) => this.call(() => describeDeployed(connect, instanceId, i.existing!)),
      );
      const byKey = new Map(described.map((d) => [itemKey(d.kind, d.id), d]));
      const replace = (list: readonly DeployedFlow[]) =>
        list.map((f) => byKey.get(itemKey(f.kind, f.id)) ?? f);
      snapshot = { ...snapshot, flows: replace(snapshot.flows), modules: replace(snapshot.modules) };
      context = { ...context, snapshot };
      plan = decidePlan(documents, context, policy);
    }
    // A person may have saved a draft ($SAVED) over a flow we are about to publish: read it so it
    // can be backed up. Drafts move LastModifiedTime, so only drifted, unrecorded or adopted flows
    // can have one.
    const draftCandidates = plan.items.filter(
      (i) =>
        i.kind === 'flow' &&
        i.existing &&
        (i.action === 'update' || i.action === 'adopt') &&
        i.contentChanged &&
        (i.drift || i.action === 'adopt' || !state.records[recordKey('flow', i.existing.id)]),
    );
    if (draftCandidates.length > 0) {
      const drafts = new Map<string, DeployedFlow>();
      for (const i of draftCandidates) {
        const d = await this.call(() => describeDraft(connect, instanceId, i.existing!));
        if (d && d.content !== i.existing!.content) drafts.set(itemKey(i.kind, i.name), d);
      }
      plan = {
        ...plan,
        items: plan.items.map((i) => {
          const draft = drafts.get(itemKey(i.kind, i.name));
          return draft ? { ...i, draft } : i;
        }),
      };
    }
    return {
      plan,
      documents,
      instanceId,
      flowBucket,
      mappingFunctionArn: external.mappingFunction,
      context,
      mappingKeys,
      state,
      fingerprint: planFingerprint(plan),
    };
  }

  /**
   * Applies a plan: creates new flows in dependency order (stubs only to break cycles of new
   * flows), writes changed content after saving the current one (and any unpublished draft),
   * adopts listed untagged namesakes, parks orphans, then publishes the mapping. Every write is
   * recorded as it happens; a failing flow does not stop the others. Before every write the run
   * checks cancellation, its time budget and its lock: when one says stop, the report says
   * `incomplete` and the next run continues. Throws {@link DeploymentFailedError} when anything failed.
   */
  public async apply(prepared: PreparedPlan): Promise<RunReport> {
    const { s3 } = this.props.clients;
    const { plan, instanceId } = prepared;
    const drifted = plan.items.filter((i) => i.drift && (i.action === 'update' || i.action === 'archived'));
    if (this.props.onDrift === 'fail' && drifted.length > 0)
      throw new DriftDetectedError(drifted.map((i) => i.name));
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
    if (this.props.lock) {
      this.lock = new RunLock(s3, this.props.lock, this.runId, this.clock);
      await this.lock.acquire();
    }
    const baseState = prepared.state ?? emptyDeployState();
    const records: Record<string, FlowRecord> = { ...baseState.records, ...baselinesOf(plan, baseState) };
    const journal = new RunJournal(store, report, this.logger, () => ({ version: 1, records }));
    const s: ApplyState = {
      instanceId,
      created: new Map(),
      createdIds: new Map(),
      journal,
      report,
      failed: new Set(),
      records,
      done: new Set(),
    };
    try {
      for (const item of plan.items.filter((i) => i.action === 'blocked' || i.action === 'needs-adoption')) {
        report.failures.push({
          kind: item.kind,
          name: item.name,
          error: item.action === 'blocked' ? 'UnresolvedReference' : 'AdoptionRequired',
          message: 'not deployed',
          problems: item.problems,
        });
        s.failed.add(itemKey(item.kind, item.name));
      }
      const toFill = await this.createAll(prepared, s);
      await this.updateAll(prepared, toFill, s);
      await this.orphanAll(prepared, s);
      if (report.failures.length === 0) {
        await this.guard();
        const result = await this.publish(prepared, store, s.created);
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
    } catch (err) {
      if (!(err instanceof StopRun) && !(err instanceof RunLockLostError)) {
        // Save what was written so far (records included), or the next run takes our own writes
        // since the last saved chunk for console edits (drift).
        report.status = 'failed';
        report.finishedAt = this.isoNow();
        await journal
          .finish()
          .catch((saveErr: unknown) =>
            this.logger.error('Could not save the run report and records', { error: String(saveErr) }),
          );
        await this.lock?.release();
        throw err;
      }
      this.logger.warn(`Run stopped before its next write: ${(err as Error).message}`);
      report.status = 'incomplete';
      report.remaining = plan.items.filter(
        (i) =>
          (i.action === 'create' || i.action === 'update' || i.action === 'adopt') &&
          !s.done.has(itemKey(i.kind, i.name)),
      ).length;
    }
    report.finishedAt = this.isoNow();
    report.calls = this.props.clients.calls?.byOperation();
    await journal.finish();
    await this.lock?.release();
    if (report.failures.length > 0) throw new DeploymentFailedError(report);
    return report;
  }

  /**
   * `plan` then `apply`. With `expectFingerprint` (the fingerprint of the plan an approver saw),
   * refuses to apply when the instance no longer matches that plan.
   */
  public async deploy(
    documents: readonly FlowDocument[],
    options: { readonly expectFingerprint?: string } = {},
  ): Promise<{ prepared: PreparedPlan; report: RunReport }> {
    const prepared = await this.plan(documents);
    if (options.expectFingerprint && options.expectFingerprint !== prepared.fingerprint)
      throw new PlanOutdatedError(options.expectFingerprint, prepared.fingerprint ?? '');
    const report = await this.apply(prepared);
    return { prepared, report };
  }

  /** Creates, modules first, in dependency order: O(n + e), a stub only to break a cycle. */
  private async createAll(prepared: PreparedPlan, s: ApplyState): Promise<PlanItem[]> {
    const creates = prepared.plan.items.filter((i) => i.action === 'create').sort(byKindThenName);
    const keyOf = (i: PlanItem) => itemKey(i.kind, i.name);
    const byKey = new Map(creates.map((i) => [keyOf(i), i]));
    const dependents = new Map<string, string[]>();
    const waiting = new Map<string, number>();
    for (const item of creates) {
      const deps = item.pending.filter((p) => byKey.has(p));
      waiting.set(keyOf(item), deps.length);
      for (const d of deps) {
        const list = dependents.get(d);
        if (list) list.push(keyOf(item));
        else dependents.set(d, [keyOf(item)]);
      }
    }
    const queue: PlanItem[] = creates.filter((i) => waiting.get(keyOf(i)) === 0);
    const settled = new Set<string>();
    const toFill: PlanItem[] = [];
    const settle = (key: string) => {
      settled.add(key);
      for (const d of dependents.get(key) ?? []) {
        const left = (waiting.get(d) ?? 0) - 1;
        waiting.set(d, left);
        if (left === 0) queue.push(byKey.get(d)!);
      }
    };
    // Stub candidates, most waited-on first (stable: ties keep the kind-then-name order); a cursor
    // skips settled ones, so breaking k cycles costs O(n log n) in all rather than O(k·n).
    const stubOrder = [...creates].sort(
      (a, b) => (dependents.get(keyOf(b))?.length ?? 0) - (dependents.get(keyOf(a))?.length ?? 0),
    );
    let stubCursor = 0;
    let head = 0;
    while (settled.size < creates.length) {
      while (head < queue.length) {
        const item = queue[head++];
        if (settled.has(keyOf(item))) continue;
        const resolved = this.resolve(item, prepared, s.created);
        const failedDeps = item.pending.filter((p) => s.failed.has(p));
        if (failedDeps.length > 0) {
          this.fail(s.report, s.failed, item, new Error(`references ${failedDeps.join(', ')}, which failed`));
        } else if (resolved.content === undefined) {
          this.fail(
            s.report,
            s.failed,
            item,
            new Error(`unresolved references: ${[...resolved.pending, ...resolved.problems].join(', ')}`),
          );
        } else {
          await this.create(item, resolved.content, 'create', s);
        }
        settle(keyOf(item));
      }
      if (settled.size === creates.length) break;
      // Only items waiting on each other remain: a cycle. The one most others wait on becomes a stub.
      while (settled.has(keyOf(stubOrder[stubCursor]))) stubCursor++;
      const stub = stubOrder[stubCursor];
      if (await this.create(stub, stubContent(stub.document.type), 'create-stub', s)) toFill.push(stub);
      settle(keyOf(stub));
    }
    return toFill;
  }

  private async updateAll(prepared: PreparedPlan, toFill: readonly PlanItem[], s: ApplyState): Promise<void> {
    const { connect } = this.props.clients;
    const store = s.journal.store;
    const updates = prepared.plan.items
      .filter((i) => i.action === 'update' || i.action === 'adopt')
      .sort(byKindThenName);
    for (const item of [...toFill, ...updates]) {
      const key = itemKey(item.kind, item.name);
      if (s.failed.has(key)) continue;
      const target = item.existing ?? s.createdIds.get(key);
      if (!target) continue;
      const resolved = this.resolve(item, prepared, s.created);
      if (resolved.content === undefined) {
        this.fail(
          s.report,
          s.failed,
          item,
          new Error(
            `unresolved references after creates: ${[...resolved.pending, ...resolved.problems].join(', ')}`,
          ),
        );
        continue;
      }
      const content = resolved.content;
      try {
        const now = () => new Date(this.clock.now());
        if (item.draft) {
          const v = await store.saveBackup(item.draft, this.runId, now(), true);
          await s.journal.record(this.step(item, 'backup-draft', target, { backupVersionId: v }));
        }
        let backupVersionId: string | undefined;
        let current = item.existing;
        if (current && (item.contentChanged || item.action === 'adopt') && current.content === undefined) {
          // Search left the content out: read it now, just before overwriting it, for the backup.
          const described = current;
          await this.guard();
          current = await this.call(() => describeDeployed(connect, s.instanceId, described));
        }
        if (current && (item.contentChanged || item.action === 'adopt'))
          backupVersionId = await store.saveBackup(
            current,
            this.runId,
            now(),
            false,
            // The record this content came from, unless a person changed it since (drift).
            item.drift || item.action === 'adopt' ? undefined : s.records[recordKey(item.kind, current.id)],
          );
        if (item.action === 'adopt') {
          await this.guard();
          await this.call(() =>
            connect.send(
              new TagResourceCommand({
                resourceArn: target.arn,
                tags: ownerTags(this.props.target.app, this.props.target.env),
              }),
            ),
          );
          await s.journal.record(this.step(item, 'adopt', target, { backupVersionId }));
        }
        if (item.unarchive) {
          await this.guard();
          await this.call(() =>
            connect.send(
              new UpdateContactFlowMetadataCommand({
                InstanceId: s.instanceId,
                ContactFlowId: target.id,
                ContactFlowState: 'ACTIVE',
              }),
            ),
          );
          this.touch(item.kind, target.id, s);
          await s.journal.record(this.step(item, 'unarchive', target));
        }
        if (item.contentChanged || !item.existing) {
          await this.writeContent(item.kind, target, content, s);
          await s.journal.record(this.step(item, 'update-content', target, { backupVersionId }));
          if (this.props.createFlowVersions && item.kind === 'flow' && item.document.type === 'CAMPAIGN') {
            await this.guard();
            const v = await this.call(() =>
              connect.send(
                new CreateContactFlowVersionCommand({
                  InstanceId: s.instanceId,
                  ContactFlowId: target.id,
                  Description: `release ${this.runId}`,
                }),
              ),
            );
            await s.journal.record(
              this.step(item, 'create-version', target, { detail: String(v.Version ?? '') }),
            );
          }
        }
        if (item.descriptionChanged || item.adopted) {
          await this.guard();
          await this.writeDescription(
            connect,
            s.instanceId,
            item.kind,
            target.id,
            item.deployedName,
            item.document.description ?? '',
          );
          this.touch(item.kind, target.id, s);
          const detail = item.adopted ? { detail: `renamed back from ${target.name}` } : {};
          await s.journal.record(this.step(item, 'update-description', target, detail));
        }
        s.done.add(key);
      } catch (err) {
        if (err instanceof StopRun || err instanceof RunLockLostError) throw err;
        this.fail(s.report, s.failed, item, err);
      }
    }
  }

  private async orphanAll(prepared: PreparedPlan, s: ApplyState): Promise<void> {
    const { connect } = this.props.clients;
    const taken = new Set(
      [...prepared.context.snapshot.flows, ...prepared.context.snapshot.modules].map((f) => f.name),
    );
    for (const orphan of prepared.plan.orphans) {
      const newName = this.naming.orphanName(orphan.name, taken);
      taken.add(newName);
      const description =
        `Orphaned by amzconnect-contact-flows run ${this.runId}: "${orphan.name}" is no longer in the repository. ` +
        'Never deleted automatically: delete it by hand once nothing references it.';
      try {
        await this.guard();
        await this.writeDescription(connect, s.instanceId, orphan.kind, orphan.id, newName, description);
        this.touch(orphan.kind, orphan.id, s);
        await s.journal.record({
          at: this.isoNow(),
          kind: orphan.kind,
          name: orphan.name,
          operation: 'orphan',
          id: orphan.id,
          arn: orphan.arn,
          detail: newName,
        });
      } catch (err) {
        if (err instanceof StopRun || err instanceof RunLockLostError) throw err;
        s.report.failures.push(flowFailure(orphan.kind, orphan.name, err));
      }
    }
  }

  /** Writes content and records what was sent. */
  private async writeContent(
    kind: 'flow' | 'module',
    target: { id: string },
    content: string,
    s: ApplyState,
  ): Promise<void> {
    const { connect } = this.props.clients;
    await this.guard();
    await this.call(() =>
      kind === 'flow'
        ? connect.send(
            new UpdateContactFlowContentCommand({
              InstanceId: s.instanceId,
              ContactFlowId: target.id,
              Content: content,
            }),
          )
        : connect.send(
            new UpdateContactFlowModuleContentCommand({
              InstanceId: s.instanceId,
              ContactFlowModuleId: target.id,
              Content: content,
            }),
          ),
    );
    this.remember(kind, target.id, content, s);
  }

  /**
   * After a write that is not content (name, description, state): Connect moves LastModifiedTime,
   * so the record's write time moves with it (the content we sent is still what it holds).
   */
  private touch(kind: 'flow' | 'module', id: string, s: ApplyState): void {
    const key = recordKey(kind, id);
    const r = s.records[key];
    if (r) s.records[key] = { ...r, writtenAt: this.clock.now(), lastModifiedTime: undefined };
  }

  private remember(kind: 'flow' | 'module', id: string, content: string, s: ApplyState): void {
    s.records[recordKey(kind, id)] = {
      kind,
      id,
      sentSha256: contentSha256(content),
      writtenAt: this.clock.now(),
    };
  }

  /**
   * Stops the run before a write when it was cancelled, its budget is spent (no new write in the
   * last `reserveMs`), or its lock was taken over.
   */
  private async guard(): Promise<void> {
    if (this.props.signal?.aborted) throw new StopRun('cancelled');
    const reserve = this.props.reserveMs ?? 60_000;
    if (this.props.deadline !== undefined && this.clock.now() > this.props.deadline - reserve)
      throw new StopRun('time budget spent');
    await this.lock?.ensureHeld();
  }

  private resolve(item: PlanItem, prepared: PreparedPlan, created: ReadonlyMap<string, string>) {
    return resolveDocumentContent(item.document, { ...prepared.context, created });
  }

  private async create(
    item: PlanItem,
    content: string,
    operation: 'create' | 'create-stub',
    s: ApplyState,
  ): Promise<boolean> {
    const { connect } = this.props.clients;
    const description = item.document.description;
    const tags = ownerTags(this.props.target.app, this.props.target.env);
    if (s.quotaHit) {
      this.fail(s.report, s.failed, item, new FlowQuotaExceededError(item.kind, item.name));
      return false;
    }
    try {
      await this.guard();
      let id: string | undefined;
      let arn: string | undefined;
      let detail: string | undefined;
      try {
        if (item.kind === 'flow') {
          const r = await this.call(() =>
            connect.send(
              new CreateContactFlowCommand({
                InstanceId: s.instanceId,
                Name: item.deployedName,
                Type: item.document.type as ContactFlowType,
                Description: description || undefined,
                Content: content,
                Tags: tags,
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
                Tags: tags,
                // Idempotent retries (ClientToken, CreateContactFlowModuleRequest in the SDK model).
                ClientToken: crypto
                  .createHash('sha256')
                  .update(`${this.runId}/${item.deployedName}`)
                  .digest('hex')
                  .slice(0, 64),
              }),
            ),
          );
          id = r.Id;
          arn = r.Arn;
        }
      } catch (err) {
        if ((err as { name?: string }).name !== 'DuplicateResourceException') throw err;
        // CreateContactFlow has no client token: a create whose response was lost and that the SDK
        // retried meets its own flow. Take it over by name, but only if it carries our tags.
        const found = await findByName(connect, s.instanceId, item.kind, item.deployedName, (fn) =>
          this.call(fn),
        );
        if (!found || ownershipOf(found, this.props.target.app, this.props.target.env) !== 'ours') throw err;
        id = found.id;
        arn = found.arn;
        detail = 'already created (response lost); taken over by name and tag';
        if (normalizedContent(found.content) !== normalizedContent(content)) {
          await this.writeContent(item.kind, found, content, s);
        }
      }
      if (!id || !arn) throw new Error(`Connect returned no id for the new ${item.kind}`);
      this.remember(item.kind, id, content, s);
      s.created.set(itemKey(item.kind, item.deployedName), arn);
      s.createdIds.set(itemKey(item.kind, item.name), {
        kind: item.kind,
        id,
        arn,
        name: item.deployedName,
        type: item.document.type,
      });
      if (operation === 'create') s.done.add(itemKey(item.kind, item.name));
      await s.journal.record(this.step(item, operation, { id, arn }, detail ? { detail } : {}));
      return true;
    } catch (err) {
      if (err instanceof StopRun || err instanceof RunLockLostError) throw err;
      if (err instanceof ServiceQuotaExceededError) {
        s.quotaHit = new FlowQuotaExceededError(item.kind, item.name);
        this.fail(s.report, s.failed, item, s.quotaHit);
        return false;
      }
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

/** SHA-256 over what a plan saw of every deployed flow it decided about (pure). */
export function planFingerprint(plan: DeploymentPlan): string {
  const seen = [
    ...plan.items.map((i) =>
      i.existing
        ? [
            i.kind,
            i.existing.id,
            i.existing.name,
            i.existing.lastModifiedTime ?? '',
            i.existing.content ? contentSha256(i.existing.content) : '',
            i.existing.state ?? '',
          ].join('|')
        : `${i.kind}|new|${i.deployedName}`,
    ),
    ...plan.orphans.map((o) => `orphan|${o.kind}|${o.id}|${o.name}`),
  ].sort();
  return crypto.createHash('sha256').update(seen.join('\n')).digest('hex');
}

function byKindThenName(a: PlanItem, b: PlanItem): number {
  return a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'module' ? -1 : 1;
}

/** Steps per saved chunk of a run report. */
export const STEPS_PER_CHUNK = 100;

/**
 * The run report as the run goes, appended rather than rewritten: after every write only the
 * current chunk of at most {@link STEPS_PER_CHUNK} steps is saved (`runs/<runId>/steps-NNNN.json`);
 * the small summary (`last-run.json`) and the deploy state are saved when a chunk fills and at
 * the end. A run that dies half-way leaves every step but those of its last chunk's tail at
 * worst; the next run's records fill in from what Connect holds. A run that writes nothing saves nothing.
 */
export class RunJournal {
  private dirty = false;
  private chunk: AppliedStep[] = [];
  private chunkIndex = 0;

  constructor(
    public readonly store: FlowBucketStore,
    public readonly report: RunReport,
    private readonly logger: DeployLogger,
    /** The deploy state to save beside the summary. @default none */
    private readonly state?: () => DeployState,
  ) {}

  /** Records a write and saves the current chunk. */
  public async record(step: AppliedStep): Promise<void> {
    this.report.applied.push(step);
    this.chunk.push(step);
    this.logger.info(`${step.operation} ${step.kind} ${step.name}`, step);
    const first = !this.dirty;
    this.dirty = true;
    this.report.stepChunks = this.chunkIndex + 1;
    await this.store.saveSteps(this.report.runId, this.chunkIndex, this.chunk);
    if (first) await this.store.saveReport(this.report);
    if (this.chunk.length >= STEPS_PER_CHUNK) {
      this.chunk = [];
      this.chunkIndex++;
      await this.saveSummary();
    }
  }

  /** Saves the final summary (and state) when the run wrote anything (or failed). */
  public async finish(): Promise<void> {
    if (this.dirty || this.report.failures.length > 0) await this.saveSummary();
  }

  private async saveSummary(): Promise<void> {
    await this.store.saveReport(this.report);
    if (this.state && this.dirty) await this.store.saveState(this.state());
  }
}

/** Re-exported for callers that only need the failure type. */
export type { FlowFailure };
