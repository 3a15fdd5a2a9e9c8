import { throttledCall } from '../../src/deploy/throttled-call';
import { TokenBucket } from '../../src/deploy/token-bucket';
import { ManualClock } from '@amzconnect/testing';

function throttling(): Error {
  return Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 429 },
  });
}

describe('throttledCall', () => {
  it('waits and retries when throttling outlasts the SDK retries, then returns the result', async () => {
    // Prepare
    const clock = new ManualClock(0);
    let attempts = 0;
    const fn = () => (++attempts < 3 ? Promise.reject(throttling()) : Promise.resolve('done'));

    // Act
    const result = await throttledCall(fn, { clock, bucket: new TokenBucket({ clock }) });

    // Assess
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(clock.slept).toBe(2000 + 4000);
  });

  it('gives up after the last round with the throttling error', async () => {
    // Prepare
    const clock = new ManualClock(0);

    // Act / Assess
    await expect(throttledCall(() => Promise.reject(throttling()), { clock, maxRounds: 2 })).rejects.toThrow(
      'Rate exceeded',
    );
  });

  it('throws any other error at once', async () => {
    // Prepare
    const clock = new ManualClock(0);
    let attempts = 0;

    // Act
    const err = await throttledCall(
      () => {
        attempts++;
        return Promise.reject(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));
      },
      { clock },
    ).catch((e: unknown) => e);

    // Assess
    expect((err as Error).name).toBe('AccessDeniedException');
    expect(attempts).toBe(1);
    expect(clock.slept).toBe(0);
  });
});
