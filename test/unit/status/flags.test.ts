import { describe, expect, it } from 'vitest';
import { processState } from '../../../src/model/process-state.js';
import { isDeadlineAtRisk, isFailingFlag, isOverdue, isRunningTooLong, processFlags } from '../../../src/status/flags.js';
import type { ProcessView } from '../../../src/model/snapshot.js';
import type { HistoryStats } from '../../../src/history/stats.js';
import { completed, minute, neverRun, now, running, schedule, stats, view } from './fixtures.js';

/** Flags at `now`, the target's latest poll having started 2 s earlier (`'none'`: no poll yet). */
const flagsOf = (v: ProcessView, history?: HistoryStats, poll: number | 'none' = now - 2_000) =>
  processFlags({
    view: v,
    state: v.process.status === undefined ? undefined : processState(v.process.status),
    stats: history,
    pollStartedAt: poll === 'none' ? undefined : poll,
    now,
  });

describe('isOverdue (as GuidewireBatchProcessOverdue judges it)', () => {
  it('needs expect_every and a read history', () => {
    expect(isOverdue(undefined, stats({ lastSuccessAt: now - 999 * minute }), now)).toBe(false);
    expect(isOverdue(10 * minute, undefined, now)).toBe(false);
  });

  it('is overdue when the last success is older than expect_every, or the history holds none', () => {
    expect(isOverdue(10 * minute, stats({ lastSuccessAt: now - 11 * minute }), now)).toBe(true);
    expect(isOverdue(10 * minute, stats({ lastSuccessAt: now - 9 * minute }), now)).toBe(false);
    expect(isOverdue(10 * minute, stats(), now)).toBe(true);
  });
});

describe('isRunningTooLong', () => {
  it('only for a running run older than max_duration', () => {
    expect(isRunningTooLong('running', now - 11 * minute, 10 * minute, now)).toBe(true);
    expect(isRunningTooLong('running', now - 9 * minute, 10 * minute, now)).toBe(false);
    expect(isRunningTooLong('completed', now - 11 * minute, 10 * minute, now)).toBe(false);
    expect(isRunningTooLong('running', now - 11 * minute, undefined, now)).toBe(false);
  });
});

describe('longer than usual (as GuidewireBatchProcessRunningLongerThanUsual judges it)', () => {
  /** Five completed runs of 10 minutes (p90 10 minutes), the newest ending a day ago. */
  const usual = {
    ...stats(),
    recent: Array.from({ length: 5 }, (_, k) => ({
      id: `r${k}`, trigger: 'scheduled' as const, outcome: 'succeeded' as const, startedAt: now - (k + 1) * 1440 * minute, endedAt: now - (k + 1) * 1440 * minute + 10 * minute,
    })),
  };
  const judged = { stallAfterMs: 999 * minute, baseline: { runs: 20, minRuns: 5 }, durationFactor: 3 };

  it('flags a run going longer than k × p90, and not one within it', () => {
    expect(flagsOf(view('Slow', running(31, 5), { thresholds: judged }), usual)).toContain('longer_than_usual');
    expect(flagsOf(view('Fine', running(29, 5), { thresholds: judged }), usual)).not.toContain('longer_than_usual');
  });

  it('never without a baseline: opted out, too few runs, or not running', () => {
    const { baseline: _, ...optedOut } = judged;
    expect(flagsOf(view('Out', running(99, 5), { thresholds: optedOut }), usual)).not.toContain('longer_than_usual');
    expect(flagsOf(view('Few', running(99, 5), { thresholds: { ...judged, baseline: { runs: 20, minRuns: 6 } } }), usual)).not.toContain('longer_than_usual');
    expect(flagsOf(view('Done', completed(1), { thresholds: judged }), usual)).not.toContain('longer_than_usual');
    expect(isFailingFlag('longer_than_usual')).toBe(true);
  });
});

describe('processFlags', () => {
  it('is empty for a clean completed run', () => {
    expect(flagsOf(view('Ok', completed(5)), stats({ lastSuccessAt: now - 5 * minute }))).toEqual([]);
  });

  it('flags failed ops, without also calling the run failed', () => {
    expect(flagsOf(view('Ops', completed(5, 3)), stats({ lastFailureAt: now - 5 * minute }))).toEqual(['failed_ops']);
  });

  it('flags a failed state, and a history whose latest failure is newer than every success', () => {
    expect(flagsOf(view('Failed', completed(5, 0, { failureReason: 'boom' })))).toEqual(['last_run_failed']);
    expect(flagsOf(view('Died', running(1, 5)), stats({ lastSuccessAt: now - 60 * minute, lastFailureAt: now - 30 * minute }))).toEqual(['last_run_failed']);
  });

  it('lets a clean completion in the status outrank an older failure the history has not caught up with', () => {
    expect(flagsOf(view('Recovered', completed(1)), stats({ lastFailureAt: now - 30 * minute }))).toEqual([]);
  });

  it('flags stalled, overdue and running too long in a fixed order', () => {
    const v = view('Stuck', running(90, 5), {
      thresholds: { stallAfterMs: minute, expectEveryMs: 60 * minute, maxDurationMs: 60 * minute },
      progress: { runKey: 'k', fingerprint: 'f', lastChangeAt: now - 80 * minute, stalled: true },
    });
    expect(flagsOf(v, stats({ lastSuccessAt: now - 120 * minute }))).toEqual(['stalled', 'overdue', 'running_too_long']);
  });

  it('notes never-run and stale (last-known) processes without calling them failing', () => {
    expect(flagsOf(view('Never', neverRun))).toEqual(['never_run']);
    expect(flagsOf(view('Old', completed(5), { observedAt: now - 5 * minute }))).toEqual(['stale']);
    expect(flagsOf(view('Old', completed(5), { observedAt: now - 5 * minute }), undefined, 'none')).toEqual([]);
  });
});

describe('schedule flags (GuidewireBatchProcessLate, DeadlineMissed, DeadlineAtRisk)', () => {
  const deadline = (missed: boolean, forecastAt?: number) => ({ label: '06:00', at: now + 60 * minute, missed, ...(forecastAt === undefined ? {} : { forecastAt }) });

  it('flags a late schedule as failing, and an on-time one not', () => {
    expect(flagsOf(view('P', completed(5), { schedule: schedule({ late: true }) }))).toEqual(['late']);
    expect(flagsOf(view('P', completed(5), { schedule: schedule({ late: false }) }))).toEqual([]);
  });

  it('a deadline is at risk only while not missed and forecast after it', () => {
    expect(isDeadlineAtRisk(deadline(false, now + 61 * minute))).toBe(true);
    expect(isDeadlineAtRisk(deadline(false, now + 59 * minute))).toBe(false);
    expect(isDeadlineAtRisk(deadline(false))).toBe(false);
    expect(isDeadlineAtRisk(deadline(true, now + 61 * minute))).toBe(false);
    expect(flagsOf(view('P', completed(5), { schedule: schedule({ late: false, deadline: deadline(true) }) }))).toEqual(['deadline_missed']);
    expect(flagsOf(view('P', running(5, 10), { schedule: schedule({ late: false, deadline: deadline(false, now + 90 * minute) }) }))).toEqual(['deadline_at_risk']);
  });
});

describe('late against a learned cadence', () => {
  it('is a notice, not failing: the cadence is a guess and its alert only informs', () => {
    const flags = flagsOf(view('P', completed(5), { schedule: schedule({ late: true, source: 'learned', label: '@every 1h' }) }));
    expect(flags).toEqual(['late_learned']);
    expect(flags.some(isFailingFlag)).toBe(false);
  });
});
