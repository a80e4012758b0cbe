import { emptyStats, type HistoryStats } from '../../../src/history/stats.js';
import type { ProcessStatus } from '../../../src/guidewire/types.js';
import type { ProcessView, TargetSnapshot } from '../../../src/model/snapshot.js';
import type { TargetStatusInput } from '../../../src/model/target-status.js';
import type { ScheduleView } from '../../../src/schedule/types.js';
import type { StatusInput } from '../../../src/status/view-model.js';

/** 2026-11-28T10:00:00Z: the fixed "now" of the status unit tests. */
export const now = Date.parse('2026-11-28T10:00:00.000Z');
export const minute = 60_000;

/** A process view; `status` is the parsed ProcessStatus (ms timestamps). */
export function view(code: string, status: ProcessStatus | undefined, extra: Partial<ProcessView> & { name?: string } = {}): ProcessView {
  const { name, ...rest } = extra;
  return {
    process: { code, name: name ?? `${code} name`, distributed: false, ...(status === undefined ? {} : { status }) },
    thresholds: { stallAfterMs: 30 * minute },
    observedAt: now - 1_000,
    ...rest,
  };
}

export const completed = (endedMinutesAgo: number, failedOps = 0, extra: Partial<ProcessStatus> = {}): ProcessStatus => ({
  dateCreated: now - endedMinutesAgo * minute - 65_000,
  startDate: now - endedMinutesAgo * minute - 60_000,
  dateCompleted: now - endedMinutesAgo * minute,
  opsCompleted: 10,
  failedOps,
  ...extra,
});

export const running = (startedMinutesAgo: number, done: number, total = 100): ProcessStatus => ({
  dateCreated: now - startedMinutesAgo * minute,
  startDate: now - startedMinutesAgo * minute,
  opsCompleted: done,
  opsExpected: total,
  failedOps: 0,
  progress: `${done} out of ${total}`,
});

export const neverRun: ProcessStatus = { failureReason: 'This batch process type has never run' };

/** History stats with only the last success/failure times set. */
export function stats(times: { lastSuccessAt?: number; lastFailureAt?: number } = {}): HistoryStats {
  return { ...emptyStats([1, 10]), ...times };
}

/** A snapshot polled successfully at `now - 2 s`, with the given processes and history stats. */
export function snapshot(target: string, processes: ProcessView[], history?: Record<string, HistoryStats>, poll: Partial<NonNullable<TargetSnapshot['poll']>> = {}): TargetSnapshot {
  return {
    target,
    pollIntervalSeconds: 60,
    processes,
    ...(history === undefined ? {} : { history: new Map(Object.entries(history)) }),
    poll: { up: true, startedAt: now - 2_000, durationSeconds: 0.25, errors: [], lastSuccessAt: now - 1_750, ...poll },
  };
}

export function input(...targets: TargetStatusInput[]): StatusInput {
  return { version: '1.2.3', startedAt: now - 3 * 3_600_000, now, targets };
}

/** A nightly 02:00 Chicago schedule (08:00 UTC), late since this morning's fire time, with two missed runs. */
export function schedule(extra: Partial<ScheduleView> = {}): ScheduleView {
  return {
    source: 'config',
    label: '0 0 2 * * ? | 0 30 3 ? * SUN',
    timezone: 'America/Chicago',
    graceMs: 5 * minute,
    nextAt: Date.parse('2026-11-29T08:00:00Z'),
    previousAt: Date.parse('2026-11-28T08:00:00Z'),
    windowFireTimes: [Date.parse('2026-11-28T08:00:00Z')],
    late: true,
    missedTotal: 2,
    skippedTotal: 1,
    ...extra,
  };
}
