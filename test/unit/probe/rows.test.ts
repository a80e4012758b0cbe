import { describe, expect, it } from 'vitest';
import type { ProcessStatus } from '../../../src/guidewire/types.js';
import type { ProcessThresholds, ProcessView } from '../../../src/model/snapshot.js';
import { processRow } from '../../../src/probe/rows.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const min = 60_000;

function view(status: ProcessStatus | undefined, thresholds: Partial<ProcessThresholds> = {}): ProcessView {
  return {
    process: { code: 'ActivityEsc', name: 'Activity Escalation', distributed: true, ...(status === undefined ? {} : { status }) },
    thresholds: { stallAfterMs: 30 * min, ...thresholds },
    observedAt: now,
  };
}

describe('processRow', () => {
  it('derives state, progress and durations as the metrics do', () => {
    const running = processRow(view({ startDate: now - 2 * min, opsCompleted: 1, opsExpected: 3, failedOps: 0, progress: '1 out of 3' }), now);
    expect(running).toMatchObject({ state: 'running', progress: '1/3 (33%)', durationMs: 2 * min, flags: [] });
    const done = processRow(view({ startDate: now - 10 * min, dateCompleted: now - 9 * min, failedOps: 4 }), now);
    expect(done).toMatchObject({ state: 'completed', durationMs: min, completedAt: now - 9 * min, flags: ['FAILED OPS'] });
    expect(processRow(view({ startDate: now - 5, dateCompleted: now - 1, failureReason: 'boom' }), now).state).toBe('failed');
    expect(processRow(view({ failureReason: 'This batch process type has never run' }), now)).toMatchObject({ state: 'never_run', flags: ['NEVER RUN'] });
    expect(processRow(view(undefined), now)).toEqual({ code: 'ActivityEsc', state: 'unknown', flags: [] });
  });

  it('flags OVERDUE only when even the latest possible success is older than expect_every', () => {
    const every = { expectEveryMs: 60 * min };
    // Completed 61 min ago: overdue. Completed 59 min ago: not.
    expect(processRow(view({ startDate: now - 62 * min, dateCompleted: now - 61 * min }, every), now).flags).toEqual(['OVERDUE']);
    expect(processRow(view({ startDate: now - 62 * min, dateCompleted: now - 59 * min }, every), now).flags).toEqual([]);
    // Failed, started 30 min ago: a success may have ended just before, so not overdue; started 61 min ago: overdue.
    expect(processRow(view({ startDate: now - 30 * min, dateCompleted: now - 29 * min, failureReason: 'x' }, every), now).flags).toEqual([]);
    expect(processRow(view({ startDate: now - 61 * min, dateCompleted: now - 1 * min, failureReason: 'x' }, every), now).flags).toEqual(['OVERDUE']);
    expect(processRow(view({ failureReason: 'never' }, every), now).flags).toEqual(['NEVER RUN']);
    expect(processRow(view({ startDate: now - 62 * min, dateCompleted: now - 61 * min }), now).flags).toEqual([]);
  });

  it('flags RUNNING LONG past max_duration, for running processes only', () => {
    const max = { maxDurationMs: 10 * min };
    expect(processRow(view({ startDate: now - 11 * min }, max), now).flags).toEqual(['RUNNING LONG']);
    expect(processRow(view({ startDate: now - 9 * min }, max), now).flags).toEqual([]);
    expect(processRow(view({ startDate: now - 30 * min, dateCompleted: now - 1 }, max), now).flags).toEqual([]);
  });
});

describe('processRow with a schedule', () => {
  const schedule = { source: 'config', label: '0 0 2 * * ?', timezone: 'UTC', graceMs: 300_000, nextAt: now + 3_600_000, previousAt: now - 600_000, windowFireTimes: [], late: true, missedTotal: 1, skippedTotal: 0 } as const;

  it('carries label, source, zone and next run, and flags LATE and DEADLINE MISSED as the poll judged them', () => {
    const row = processRow({ ...view({ startDate: now - 30 * 3_600_000, dateCompleted: now - 29 * 3_600_000 }), schedule: { ...schedule, deadline: { label: '06:00', at: now - 60_000, missed: true } } }, now);
    expect(row.schedule).toEqual({ label: '0 0 2 * * ?', source: 'config', timezone: 'UTC', nextAt: now + 3_600_000, late: true });
    expect(row.flags).toEqual(['LATE', 'DEADLINE MISSED']);
    expect(processRow({ ...view({ startDate: now - 60_000 }), schedule: { ...schedule, late: false } }, now).flags).toEqual([]);
    expect(processRow({ ...view(undefined), schedule }, now)).toMatchObject({ state: 'unknown', flags: ['LATE'] });
  });
});
