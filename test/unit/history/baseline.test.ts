import { describe, expect, it } from 'vitest';
import { baselineCandidates, computeBaseline, consecutiveFailures, nearestRank } from '../../../src/history/baseline.js';
import type { RunOutcome } from '../../../src/history/outcome.js';
import type { RunRecord } from '../../../src/history/run-record.js';

const t0 = Date.parse('2026-11-01T02:00:00Z');

/** A run that began `index` hours before t0 and took `minutes`. */
const run = (index: number, minutes: number, outcome: RunOutcome | 'running' = 'succeeded', ops?: number): RunRecord => ({
  id: `r${index}`,
  trigger: 'scheduled',
  startedAt: t0 - index * 3_600_000,
  ...(outcome === 'running' ? {} : { outcome }),
  ...(outcome === 'running' || outcome === 'incomplete' ? {} : { endedAt: t0 - index * 3_600_000 + minutes * 60_000 }),
  ...(ops === undefined ? {} : { opsCompleted: ops }),
});

describe('nearestRank', () => {
  it('picks an observed value: the smallest with at least q of the values at or below it', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(sorted, 0.5)).toBe(5);
    expect(nearestRank(sorted, 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(nearestRank([1, 2, 3, 4, 5], 0.9)).toBe(5);
    expect(nearestRank([7], 0.9)).toBe(7);
  });
});

describe('computeBaseline', () => {
  it('gives the median and p90 of the durations and the median of the ops of the completed runs', () => {
    const recent = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((minutes, i) => run(i, minutes, 'succeeded', minutes * 10));
    expect(computeBaseline(recent, { runs: 20, minRuns: 5 })).toEqual({
      runs: 10,
      durationP50Ms: 50 * 60_000,
      durationP90Ms: 90 * 60_000,
      opsMedian: 500,
    });
  });

  it('takes only the newest `runs` completed runs', () => {
    const recent = [...[1, 1, 1, 1, 1].map((m, i) => run(i, m)), ...[99, 99, 99, 99, 99].map((m, i) => run(i + 5, m))];
    expect(computeBaseline(recent, { runs: 5, minRuns: 5 })?.durationP90Ms).toBe(60_000);
    expect(computeBaseline(recent, { runs: 10, minRuns: 5 })?.durationP90Ms).toBe(99 * 60_000);
  });

  it('counts failed_ops runs, and skips running, incomplete and internal_failure runs', () => {
    const recent = [
      run(0, 0, 'running'),
      run(1, 500, 'internal_failure'),
      run(2, 0, 'incomplete'),
      run(3, 10, 'failed_ops'),
      ...[10, 10, 10, 10].map((m, i) => run(i + 4, m)),
    ];
    expect(baselineCandidates(recent)).toBe(5);
    expect(computeBaseline(recent, { runs: 20, minRuns: 5 })).toMatchObject({ runs: 5, durationP90Ms: 600_000 });
  });

  it('is absent below minRuns completed runs', () => {
    const recent = [run(0, 10), run(1, 10), run(2, 10), run(3, 10), run(4, 0, 'internal_failure')];
    expect(computeBaseline(recent, { runs: 20, minRuns: 5 })).toBeUndefined();
    expect(computeBaseline(recent, { runs: 20, minRuns: 4 })?.runs).toBe(4);
    expect(computeBaseline([], { runs: 20, minRuns: 1 })).toBeUndefined();
  });

  it('leaves the ops median out when too few runs report opsCompleted', () => {
    const recent = [run(0, 10, 'succeeded', 7), ...[10, 10, 10, 10].map((m, i) => run(i + 1, m))];
    const baseline = computeBaseline(recent, { runs: 20, minRuns: 5 });
    expect(baseline?.runs).toBe(5);
    expect(baseline).not.toHaveProperty('opsMedian');
  });

  it('sees a usual zero: a process that processes nothing has an ops median of 0', () => {
    const recent = [0, 0, 0, 0, 0].map((_, i) => run(i, 1, 'succeeded', 0));
    expect(computeBaseline(recent, { runs: 20, minRuns: 5 })?.opsMedian).toBe(0);
  });
});

describe('consecutiveFailures', () => {
  it('counts the latest runs that did not succeed, up to the first success', () => {
    expect(consecutiveFailures([run(0, 1, 'failed_ops'), run(1, 1, 'internal_failure'), run(2, 1, 'incomplete'), run(3, 1), run(4, 1, 'failed_ops')])).toBe(3);
  });

  it('is 0 after a success (recovery), and skips a run still going', () => {
    expect(consecutiveFailures([run(0, 1), run(1, 1, 'failed_ops')])).toBe(0);
    expect(consecutiveFailures([run(0, 0, 'running'), run(1, 1, 'failed_ops'), run(2, 1)])).toBe(1);
    expect(consecutiveFailures([run(0, 0, 'running'), run(1, 1)])).toBe(0);
  });

  it('counts every kept run when none succeeded', () => {
    expect(consecutiveFailures([run(0, 1, 'failed_ops'), run(1, 1, 'failed_ops')])).toBe(2);
    expect(consecutiveFailures([])).toBe(0);
  });
});
