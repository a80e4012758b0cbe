import { describe, expect, it } from 'vitest';
import { latestRunOf, progressFraction } from '../../../src/poller/latest-run.js';

describe('latestRunOf', () => {
  it('is absent for a process that never ran', () => {
    expect(latestRunOf(undefined)).toBeUndefined();
    expect(latestRunOf({ opsCompleted: 0 })).toBeUndefined();
  });

  it('reads a completed run without progress', () => {
    expect(latestRunOf({ dateCreated: 1, startDate: 2, dateCompleted: 3, opsCompleted: 5, opsExpected: 10 })).toEqual({ running: false, createdAt: 1, startedAt: 2, endedAt: 3 });
  });

  it('reads a running run with its fraction done', () => {
    expect(latestRunOf({ dateCreated: 1, startDate: 2, progress: '1 out of 4' })).toEqual({ running: true, createdAt: 1, startedAt: 2, progress: 0.25 });
    // Requested, not started yet: running without a start.
    expect(latestRunOf({ dateCreated: 1 })).toEqual({ running: true, createdAt: 1 });
  });
});

describe('progressFraction', () => {
  it('prefers ops counts, falls back to the progress text, clamps to 0-1', () => {
    expect(progressFraction({ opsCompleted: 30, opsExpected: 40, progress: '1 out of 2' })).toBe(0.75);
    expect(progressFraction({ opsCompleted: 30, opsExpected: 0, progress: '1 out of 2' })).toBe(0.5);
    expect(progressFraction({ opsCompleted: 50, opsExpected: 40 })).toBe(1);
    expect(progressFraction({ progress: 'halfway' })).toBeUndefined();
    expect(progressFraction({ progress: '3 out of 0' })).toBeUndefined();
    expect(progressFraction({})).toBeUndefined();
  });
});
