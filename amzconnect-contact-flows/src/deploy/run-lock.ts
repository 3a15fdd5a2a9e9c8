import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Clock } from './clock';
import { RunLockLostError, RunLockedError } from './deploy-errors';

/** Where the lock of one account and Region lives and how long a lease lasts. */
export interface RunLockOptions {
  /**
   * A bucket that exists once per account and Region and that every runner may write: the CDK
   * bootstrap assets bucket (`cdk-hnb659fds-assets-<account>-<region>`).
   */
  readonly bucket: string;
  /** @default `amzconnect/connect-run-lock.json` */
  readonly key?: string;
  /** Who holds it, for the message another run gets (e.g. `provisioner acme/develop run X`). */
  readonly holder: string;
  /** Lease length; renewed when less than half is left. @default 5 minutes */
  readonly leaseMs?: number;
}

interface LockBody {
  readonly holder: string;
  readonly runId: string;
  readonly expiresAt: number;
}

/** The lock's object key when none is given. */
export const DEFAULT_RUN_LOCK_KEY = 'amzconnect/connect-run-lock.json';

/**
 * One run at a time per account and Region (Connect's API quota is per account and Region, so
 * two environments in one account, or the CLI beside the provisioner, would double the real
 * rate). A lease in S3 written with conditional requests: `If-None-Match: *` takes a free lock,
 * `If-Match: <ETag>` takes over an expired one and renews ours, so of two racing writers exactly
 * one wins (S3 answers the other 412 PreconditionFailed; see "Conditional requests" in the S3 user
 * guide, and `IfMatch`/`IfNoneMatch` of `PutObjectRequest` in the SDK model). A run checks its
 * lease before every write ({@link ensureHeld}); a run whose lease was taken over (a zombie that
 * outlived its Lambda timeout) stops before writing again.
 */
export class RunLock {
  private etag?: string;
  private expiresAt = 0;
  private readonly key: string;
  private readonly leaseMs: number;

  constructor(
    private readonly s3: S3Client,
    private readonly options: RunLockOptions,
    private readonly runId: string,
    private readonly clock: Clock,
  ) {
    this.key = options.key ?? DEFAULT_RUN_LOCK_KEY;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  /** Takes the lock, or takes over an expired one. @throws RunLockedError when another run holds it */
  public async acquire(): Promise<void> {
    const created = await this.put({ ifNoneMatch: '*' });
    if (created) return;
    const current = await this.read();
    if (current && current.body.expiresAt > this.clock.now() && current.body.runId !== this.runId) {
      throw new RunLockedError(current.body.holder, new Date(current.body.expiresAt).toISOString());
    }
    if (!current || !(await this.put({ ifMatch: current.etag }))) {
      const now = await this.read();
      throw new RunLockedError(
        now?.body.holder ?? 'unknown',
        new Date(now?.body.expiresAt ?? 0).toISOString(),
      );
    }
  }

  /**
   * Before a write: renews the lease when less than half is left.
   * @throws RunLockLostError when another run took it over
   */
  public async ensureHeld(): Promise<void> {
    if (this.expiresAt - this.clock.now() > this.leaseMs / 2) return;
    if (!this.etag || !(await this.put({ ifMatch: this.etag }))) throw new RunLockLostError(this.runId);
  }

  /** Releases the lock (writes it expired, so the next run takes it at once). Never throws. */
  public async release(): Promise<void> {
    if (!this.etag) return;
    await this.put({ ifMatch: this.etag }, 0).catch(() => undefined);
    this.etag = undefined;
  }

  private async put(
    condition: { ifNoneMatch?: string; ifMatch?: string },
    expiresAt?: number,
  ): Promise<boolean> {
    const body: LockBody = {
      holder: this.options.holder,
      runId: this.runId,
      expiresAt: expiresAt ?? this.clock.now() + this.leaseMs,
    };
    try {
      const r = await this.s3.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: this.key,
          Body: JSON.stringify(body),
          ContentType: 'application/json',
          IfNoneMatch: condition.ifNoneMatch,
          IfMatch: condition.ifMatch,
        }),
      );
      this.etag = r.ETag;
      this.expiresAt = body.expiresAt;
      return true;
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      // 412 PreconditionFailed: the condition did not hold; 409 ConditionalRequestConflict: a
      // concurrent conditional write won (S3 user guide, conditional writes).
      if (
        e.name === 'PreconditionFailed' ||
        e.name === 'ConditionalRequestConflict' ||
        e.$metadata?.httpStatusCode === 412 ||
        e.$metadata?.httpStatusCode === 409 ||
        (e.name === 'NoSuchKey' && condition.ifMatch !== undefined)
      )
        return false;
      throw err;
    }
  }

  private async read(): Promise<{ body: LockBody; etag?: string } | undefined> {
    try {
      const r = await this.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key }));
      return {
        body: JSON.parse((await r.Body?.transformToString('utf8')) ?? '{}') as LockBody,
        etag: r.ETag,
      };
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }
}
