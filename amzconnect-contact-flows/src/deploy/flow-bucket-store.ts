import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mappingObjectKey } from '@amzconnect/env/contracts';
import { DeployedFlow } from './instance-snapshot';
import { DeployState, FlowRecord, emptyDeployState } from './deploy-state';
import { AppliedStep, RunReport } from './run-report';

/** Content of a flow as it was before a run overwrote it. */
export interface FlowBackup {
  readonly kind: 'flow' | 'module';
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  /** Content exactly as Connect returned it. */
  readonly content: string;
  readonly savedAt: string;
  readonly runId: string;
  /**
   * The record of the write that put this content in Connect, when it was ours and untouched
   * since (not drift): a rollback restores it with the content, so the next run of the release
   * that wrote it knows the flow as its own and makes no write. @default none (not our write)
   */
  readonly record?: FlowRecord;
}

/** An object read back with its version. */
export interface VersionedObject {
  readonly body: string;
  readonly versionId?: string;
}

/**
 * The engine's objects in the environment's versioned flow bucket (`SsmNames.infra.flowBucketName`):
 *
 *   backups/<app>/<env>/<flows|modules>/<deployed name>.json   content before each overwrite (one S3 version per save)
 *   reports/<app>/<env>/last-run.json                          summary of the latest run (small; one version per save)
 *   reports/<app>/<env>/runs/<runId>/steps-NNNN.json           the run's writes, appended in chunks of STEPS_PER_CHUNK
 *   state/<app>/<env>/deploy-state.json                        per flow: hash of what we sent, what Connect reported
 *   mappings/<app>/<env>/mapping.json                          the run-time mapping the mapping function loads
 */
export class FlowBucketStore {
  constructor(
    private readonly s3: S3Client,
    /** Name of the versioned flow bucket. */
    public readonly bucket: string,
    private readonly app: string,
    private readonly env: string,
  ) {}

  /** Key of a flow's backups. */
  public backupKey(kind: 'flow' | 'module', deployedName: string): string {
    return `backups/${this.app}/${this.env}/${kind}s/${deployedName}.json`;
  }

  /** Key of the latest run report. */
  public get reportKey(): string {
    return `reports/${this.app}/${this.env}/last-run.json`;
  }

  /** Key of the mapping object. */
  public get mappingKey(): string {
    return mappingObjectKey(this.app, this.env);
  }

  /**
   * Saves a flow's current content; returns the S3 version id of the save. `draft` saves an
   * unpublished `$SAVED` draft beside it (`<name>.saved.json`).
   */
  public async saveBackup(
    deployed: DeployedFlow,
    runId: string,
    now: Date,
    draft = false,
    /** The record of our write this content came from, when it is ours (see {@link FlowBackup.record}). */
    record?: FlowRecord,
  ): Promise<string> {
    if (deployed.content === undefined)
      throw new Error(`Cannot back up ${deployed.kind} "${deployed.name}": its content was not read.`);
    const backup: FlowBackup = {
      kind: deployed.kind,
      id: deployed.id,
      arn: deployed.arn,
      name: deployed.name,
      type: deployed.type,
      description: deployed.description,
      content: deployed.content,
      savedAt: now.toISOString(),
      runId,
      ...(record ? { record } : {}),
    };
    const key = this.backupKey(deployed.kind, deployed.name);
    return this.putVersioned(
      draft ? key.replace(/\.json$/, '.saved.json') : key,
      `${JSON.stringify(backup, null, 2)}\n`,
    );
  }

  /** Reads a backup: the given S3 version, or the latest. `undefined` when there is none. */
  public async loadBackup(
    kind: 'flow' | 'module',
    deployedName: string,
    versionId?: string,
  ): Promise<(FlowBackup & { versionId?: string }) | undefined> {
    const obj = await this.get(this.backupKey(kind, deployedName), versionId);
    return obj ? { ...(JSON.parse(obj.body) as FlowBackup), versionId: obj.versionId } : undefined;
  }

  /** Key of a chunk of a run's steps. */
  public stepsKey(runId: string, chunk: number): string {
    return `reports/${this.app}/${this.env}/runs/${runId}/steps-${String(chunk).padStart(4, '0')}.json`;
  }

  /** Key of the deploy state. */
  public get stateKey(): string {
    return `state/${this.app}/${this.env}/deploy-state.json`;
  }

  /**
   * Saves the run summary: the report without its steps (those are in chunks, see
   * {@link saveSteps}), so a save costs the same at the 5,000th write as at the first.
   */
  public async saveReport(report: RunReport): Promise<void> {
    const summary: RunReport = { ...report, applied: [] };
    await this.putVersioned(this.reportKey, `${JSON.stringify(summary, null, 2)}\n`);
  }

  /** Saves one chunk of a run's steps (at most `STEPS_PER_CHUNK`). */
  public async saveSteps(runId: string, chunk: number, steps: readonly AppliedStep[]): Promise<void> {
    await this.putVersioned(this.stepsKey(runId, chunk), `${JSON.stringify(steps)}\n`);
  }

  /** Reads the latest run report (or a given version of its summary), with its steps reassembled. */
  public async loadReport(versionId?: string): Promise<RunReport | undefined> {
    const obj = await this.get(this.reportKey, versionId);
    if (!obj) return undefined;
    const report = JSON.parse(obj.body) as RunReport;
    const applied: AppliedStep[] = [...(report.applied ?? [])];
    for (let i = 0; i < (report.stepChunks ?? 0); i++) {
      const chunk = await this.get(this.stepsKey(report.runId, i));
      if (chunk) applied.push(...(JSON.parse(chunk.body) as AppliedStep[]));
    }
    return { ...report, applied };
  }

  /** Reads the deploy state (empty when there is none yet). */
  public async loadState(): Promise<DeployState> {
    const obj = await this.get(this.stateKey);
    return obj ? (JSON.parse(obj.body) as DeployState) : emptyDeployState();
  }

  /** Saves the deploy state. */
  public async saveState(state: DeployState): Promise<void> {
    await this.putVersioned(this.stateKey, `${JSON.stringify(state)}\n`);
  }

  /** Reads the current mapping object. */
  public getMapping(): Promise<VersionedObject | undefined> {
    return this.get(this.mappingKey);
  }

  /** Writes the mapping object; returns its new S3 version id. */
  public putMapping(body: string): Promise<string> {
    return this.putVersioned(this.mappingKey, body);
  }

  private async putVersioned(key: string, body: string): Promise<string> {
    const r = await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' }),
    );
    if (!r.VersionId || r.VersionId === 'null') {
      throw new Error(
        `Bucket ${this.bucket} returned no version id for ${key}: the flow bucket must have versioning enabled.`,
      );
    }
    return r.VersionId;
  }

  private async get(key: string, versionId?: string): Promise<VersionedObject | undefined> {
    try {
      const r = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
      );
      return { body: (await r.Body?.transformToString('utf8')) ?? '', versionId: r.VersionId };
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
      throw err;
    }
  }
}
