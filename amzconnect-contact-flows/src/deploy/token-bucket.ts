import { Clock, systemClock } from './clock';

/** Options of a {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens added per second (sustained requests per second). @default 2, Amazon Connect's API rate */
  readonly ratePerSecond?: number;
  /** Maximum tokens held (requests allowed in a burst). @default 5, Amazon Connect's API burst */
  readonly burst?: number;
  /** Time source. @default the system clock */
  readonly clock?: Clock;
}

/**
 * A token bucket: every request takes one token; tokens refill continuously at `ratePerSecond`
 * up to `burst`. Callers are served in arrival order, so one bucket shared by every Connect call
 * of a run keeps the whole run inside the account's per-Region quota.
 */
export class TokenBucket {
  /** Sustained rate, tokens per second. */
  public readonly ratePerSecond: number;
  /** Capacity. */
  public readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  private waitedMs = 0;

  constructor(options: TokenBucketOptions = {}) {
    this.ratePerSecond = options.ratePerSecond ?? 2;
    this.burst = options.burst ?? 5;
    if (!(this.ratePerSecond > 0))
      throw new Error(`Token bucket rate must be positive, got ${this.ratePerSecond}.`);
    if (!(this.burst >= 1)) throw new Error(`Token bucket burst must be at least 1, got ${this.burst}.`);
    this.clock = options.clock ?? systemClock;
    this.tokens = this.burst;
    this.last = this.clock.now();
  }

  /** Total milliseconds callers spent waiting for a token. */
  public get totalWaitMs(): number {
    return this.waitedMs;
  }

  /** Waits until a token is available and takes it. Callers are served first come, first served. */
  public take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Empties the bucket, e.g. after the service answered 429: the next callers wait for a full
   * refill interval instead of bursting into the throttle again.
   */
  public drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private async takeNow(): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      const waitMs = Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
      this.waitedMs += waitMs;
      await this.clock.sleep(waitMs);
      this.refill();
    }
    this.tokens = Math.max(0, this.tokens - 1);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
  }
}
