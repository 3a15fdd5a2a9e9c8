import { effectiveState } from '../../src/release-queue/effective-state';

describe('effectiveState', () => {
  it('reads a late RESUMED of an execution that failed again as FAILED', () => {
    expect(effectiveState('RESUMED', 'Failed')).toBe('FAILED');
  });

  it('reads a late FAILED of an execution that is running again as RESUMED', () => {
    expect(effectiveState('FAILED', 'InProgress')).toBe('RESUMED');
  });

  it('keeps STARTED while the execution runs', () => {
    expect(effectiveState('STARTED', 'InProgress')).toBe('STARTED');
  });

  it('reads Cancelled as STOPPED', () => {
    expect(effectiveState('STARTED', 'Cancelled')).toBe('STOPPED');
  });
});
