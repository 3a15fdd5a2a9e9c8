import {
  UpdateContactFlowContentCommand,
  UpdateContactFlowModuleContentCommand,
} from '@aws-sdk/client-connect';
import { SsmNames } from '@amzconnect/env/contracts';
import { canonicalContent } from './canonical-json';
import { Clock, systemClock } from './clock';
import { flowFailure } from './connect-errors';
import { ContactFlowDeployerProps, DeploymentFailedError, RunJournal } from './contact-flow-deployer';
import { silentLogger } from './deploy-logger';
import { readParameters } from './environment-parameters';
import { contentSha256 } from './content-hash';
import { FlowRecord, recordKey } from './deploy-state';
import { FlowBackup, FlowBucketStore } from './flow-bucket-store';
import { flowNaming } from './flow-naming';
import { describeDeployed } from './read-instance';
import { RunReport } from './run-report';
import { throttledCall } from './throttled-call';

/** What to restore. */
export interface RollbackRequest {
  /** Repository name of one flow (or module, with `kind`). @default every flow the latest run overwrote */
  readonly name?: string;
  /** @default 'flow' */
  readonly kind?: 'flow' | 'module';
  /** S3 version id of the backup to restore (only with `name`). @default the latest backup */
  readonly versionId?: string;
}

/** One restore decided from the request and the latest run report. */
export interface RestoreTarget {
  readonly kind: 'flow' | 'module';
  readonly name: string;
  readonly versionId?: string;
}

/**
 * Decides what to restore (pure): one named flow, or every flow the latest run overwrote, each to
 * the content saved just before that run overwrote it. Flows the latest run created have no
 * earlier content and stay as they are (they are never deleted).
 */
export function decideRestores(request: RollbackRequest, lastRun: RunReport | undefined): RestoreTarget[] {
  if (request.versionId && !request.name)
    throw new Error('--to VERSION needs --flow NAME: a backup version belongs to one flow.');
  if (request.name)
    return [{ kind: request.kind ?? 'flow', name: request.name, versionId: request.versionId }];
  if (!lastRun) throw new Error('No run report in the flow bucket: nothing to roll back.');
  const seen = new Set<string>();
  const out: RestoreTarget[] = [];
  for (const s of lastRun.applied) {
    if (
      (s.operation !== 'update-content' && s.operation !== 'restore') ||
      !s.backupVersionId ||
      s.kind === 'mapping'
    )
      continue;
    const key = `${s.kind}:${s.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: s.kind, name: s.name, versionId: s.backupVersionId });
  }
  return out;
}

/**
 * The record after restoring `backup` at `now` (pure): the record of the write the content came
 * from, when the backup carries one (so the release that wrote it finds its own content), else
 * the restored content itself as what was sent; either way written now, with what Connect
 * reports for it not read yet.
 */
export function restoredRecord(backup: FlowBackup, now: number): FlowRecord {
  return {
    kind: backup.kind,
    id: backup.id,
    sentSha256: backup.record?.id === backup.id ? backup.record.sentSha256 : contentSha256(backup.content),
    writtenAt: now,
  };
}

/**
 * Restores saved content: for each target, reads the backup, saves the current content (so the
 * rollback can itself be undone), and writes the backup's content back. Content equal to the
 * backup is left alone. Returns the run report (command `rollback`), saved like a deploy's.
 */
export async function rollbackFlows(
  props: Pick<ContactFlowDeployerProps, 'target' | 'clients' | 'clock' | 'logger' | 'runId'>,
  request: RollbackRequest,
): Promise<RunReport> {
  const { app, env, region } = props.target;
  const { connect, s3, ssm } = props.clients;
  const clock: Clock = props.clock ?? systemClock;
  const logger = props.logger ?? silentLogger;
  const naming = flowNaming(app);
  const params = await readParameters(ssm, [
    SsmNames.connect.instanceId(app, env),
    SsmNames.infra.flowBucketName(app, env),
  ]);
  const instanceId = props.target.instanceId ?? params[SsmNames.connect.instanceId(app, env)];
  const bucket = params[SsmNames.infra.flowBucketName(app, env)];
  if (!instanceId || !bucket)
    throw new Error(
      `Missing SSM parameters for ${app}/${env} in ${region}: deploy the instance and supporting infrastructure first.`,
    );
  const store = new FlowBucketStore(s3, bucket, app, env);
  const targets = decideRestores(request, request.name ? undefined : await store.loadReport());
  const runId = props.runId ?? `rollback-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}`;
  const report: RunReport = {
    runId,
    command: 'rollback',
    app,
    env,
    region,
    instanceId,
    startedAt: new Date(clock.now()).toISOString(),
    status: 'running',
    planned: { restore: targets.length },
    applied: [],
    failures: [],
  };
  // Each restore is recorded like a deploy's write, so the next run of the release the backup
  // came from sees its own content (no write, no drift) instead of a change made outside it.
  const state = await store.loadState();
  const records: Record<string, FlowRecord> = { ...state.records };
  const journal = new RunJournal(store, report, logger, () => ({ version: 1, records }));
  const call = <T>(fn: () => Promise<T>) => throttledCall(fn, { bucket: props.clients.bucket, clock });
  for (const t of targets) {
    const deployedName = naming.deployedName(t.name);
    try {
      const backup = await store.loadBackup(t.kind, deployedName, t.versionId);
      if (!backup)
        throw new Error(
          `no saved content for ${t.kind} ${deployedName}${t.versionId ? ` at version ${t.versionId}` : ''}`,
        );
      const current = await call(() =>
        describeDeployed(connect, instanceId, {
          kind: t.kind,
          id: backup.id,
          arn: backup.arn,
          name: backup.name,
          type: backup.type,
        }),
      );
      if (canonicalContent(current.content) === canonicalContent(backup.content)) {
        logger.info(`${t.kind} ${t.name} already has the saved content`);
        continue;
      }
      const backupVersionId = await store.saveBackup(current, runId, new Date(clock.now()));
      await call(() =>
        t.kind === 'flow'
          ? connect.send(
              new UpdateContactFlowContentCommand({
                InstanceId: instanceId,
                ContactFlowId: backup.id,
                Content: backup.content,
              }),
            )
          : connect.send(
              new UpdateContactFlowModuleContentCommand({
                InstanceId: instanceId,
                ContactFlowModuleId: backup.id,
                Content: backup.content,
              }),
            ),
      );
      records[recordKey(t.kind, backup.id)] = restoredRecord(backup, clock.now());
      await journal.record({
        at: new Date(clock.now()).toISOString(),
        kind: t.kind,
        name: t.name,
        operation: 'restore',
        id: backup.id,
        arn: backup.arn,
        backupVersionId,
        detail: `restored backup ${backup.versionId ?? ''} saved ${backup.savedAt} by ${backup.runId}`,
      });
    } catch (err) {
      report.failures.push(flowFailure(t.kind, t.name, err));
    }
  }
  report.status = report.failures.length === 0 ? 'succeeded' : 'failed';
  report.finishedAt = new Date(clock.now()).toISOString();
  report.calls = props.clients.calls?.byOperation();
  await journal.finish();
  if (report.failures.length > 0) throw new DeploymentFailedError(report);
  return report;
}
