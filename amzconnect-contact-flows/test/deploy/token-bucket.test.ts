import { TokenBucket } from '../../src/deploy/token-bucket';
import { ManualClock } from '@amzconnect/testing';

describe('TokenBucket', () => {
  it('lets a burst of 5 through at once, then one request every 500 ms at 2 per second', async () => {
    // Prepare
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ clock });
    const times: number[] = [];

    // Act
    for (let i = 0; i < 9; i++) {
      await bucket.take();
      times.push(clock.now());
    }

    // Assess
    expect(times).toEqual([0, 0, 0, 0, 0, 500, 1000, 1500, 2000]);
    expect(bucket.totalWaitMs).toBe(2000);
  });

  it('serves concurrent callers one at a time, in arrival order', async () => {
    // Prepare
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, clock });
    const order: number[] = [];

    // Act
    await Promise.all([1, 2, 3].map((n) => bucket.take().then(() => order.push(n))));

    // Assess
    expect(order).toEqual([1, 2, 3]);
    expect(clock.now()).toBe(2000);
  });

  it('refills while idle, up to the burst only', async () => {
    // Prepare
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ clock });
    for (let i = 0; i < 5; i++) await bucket.take();

    // Act
    clock.advance(60_000);
    for (let i = 0; i < 6; i++) await bucket.take();

    // Assess
    expect(clock.now()).toBe(60_500);
  });

  it('makes the next caller wait a full interval after a drain', async () => {
    // Prepare
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ clock });

    // Act
    bucket.drain();
    await bucket.take();

    // Assess
    expect(clock.now()).toBe(500);
  });

  it('rejects a rate that is not positive', () => {
    // Act / Assess
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow('Token bucket rate must be positive, got 0.');
  });
});
