import { describe, expect, it } from 'vitest';
import type { ProcessHistory } from '../../../src/guidewire/types.js';
import { classifyRun } from '../../../src/history/outcome.js';
import { accumulate, bucketIndex, emptyStats } from '../../../src/history/stats.js';

const base: ProcessHistory = {
  id: 'ab:1',
  dateCreated: 1_000,
  startDate: 2_000,
  dateCompleted: 62_000,
  opsCompleted: 10,
  failedOps: 0,
  ranToCompletion: true,
  internalFailure: false,
  scheduled: true,
};

describe('classifyRun: exactly one outcome per finished run', () => {
  it.each([
    ['succeeded', {}],
    ['failed_ops', { failedOps: 3 }],
    ['internal_failure', { internalFailure: true }],
    ['internal_failure', { internalFailure: true, ranToCompletion: false, failedOps: 2 }],
    ['incomplete', { ranToCompletion: false }],
    ['incomplete', { ranToCompletion: false, failedOps: 4 }],
  ] as const)('%s for %j', (outcome, change) => {
    expect(classifyRun({ ...base, ...change }, false)?.outcome).toBe(outcome);
  });

  it('reads trigger and duration', () => {
    expect(classifyRun(base, false)).toEqual({ id: 'ab:1', outcome: 'succeeded', trigger: 'scheduled', endedAt: 62_000, durationSeconds: 60 });
    expect(classifyRun({ ...base, scheduled: false }, false)?.trigger).toBe('manual');
  });

  it('leaves the newest run alone while it has no completion date, but counts a superseded one as died', () => {
    const { dateCompleted: _, ...unfinished } = base;
    expect(classifyRun(unfinished, false)).toBeUndefined();
    expect(classifyRun({ ...unfinished, ranToCompletion: false }, true)).toMatchObject({ outcome: 'incomplete', endedAt: 2_000, durationSeconds: undefined });
  });
});

describe('accumulate', () => {
  const bounds = [1, 60, 3600];

  it('counts only runs marked to count, but moves last-success and last-failure for all', () => {
    const ok = classifyRun(base, true);
    const bad = classifyRun({ ...base, id: 'ab:2', failedOps: 1, dateCompleted: 90_000 }, false);
    if (ok === undefined || bad === undefined) throw new Error('unreachable');
    const stats = accumulate(emptyStats(bounds), [
      { run: bad, count: true },
      { run: ok, count: false },
    ]);
    expect(stats.runs['failed_ops|scheduled']).toBe(1);
    expect(stats.runs['succeeded|scheduled']).toBe(0);
    expect(stats.lastSuccessAt).toBe(62_000);
    expect(stats.lastFailureAt).toBe(90_000);
    expect(stats.bucketCounts).toEqual([0, 0, 1, 0]);
    expect(stats.durationSum).toBe(88);
    expect(stats.durationCount).toBe(1);
  });

  it('never moves last-* times backwards', () => {
    const late = classifyRun({ ...base, dateCompleted: 500_000 }, false);
    const early = classifyRun(base, true);
    if (late === undefined || early === undefined) throw new Error('unreachable');
    const stats = accumulate(accumulate(emptyStats(bounds), [{ run: late, count: false }]), [{ run: early, count: false }]);
    expect(stats.lastSuccessAt).toBe(500_000);
  });

  it('puts values on bucket bounds into that bucket, and beyond the last into +Inf', () => {
    expect(bucketIndex(bounds, 0)).toBe(0);
    expect(bucketIndex(bounds, 1)).toBe(0);
    expect(bucketIndex(bounds, 1.001)).toBe(1);
    expect(bucketIndex(bounds, 3601)).toBe(3);
  });
});
