import type { Clock } from '@amzconnect/contact-flows/deploy';

/** A clock whose `sleep` advances virtual time at once: rate-limit tests never wait for real. */
export class ManualClock implements Clock {
  /** Total virtual milliseconds slept. */
  public slept = 0;

  constructor(private current = Date.UTC(2026, 0, 1)) {}

  public now(): number {
    return this.current;
  }

  public sleep(ms: number): Promise<void> {
    const d = Math.max(0, ms);
    this.current += d;
    this.slept += d;
    return Promise.resolve();
  }

  /** Moves time forward without sleeping. */
  public advance(ms: number): void {
    this.current += ms;
  }
}
