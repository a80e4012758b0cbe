/**
 * `complete_by`: whether the current cycle's run completed by its deadline, and when the current or next
 * run is expected to complete (docs/schedules.md, "Deadlines and forecasts"). Pure.
 */
import type { FireTimes } from './fire-times.js';
import { median, type JudgedRun } from './runs.js';
import type { DeadlineView, ResolvedDeadline, ScheduleInput } from './types.js';

/** Durations of at most this many recent completed runs make the median a forecast uses. */
export const forecastRuns = 50;

/** The median duration of the recent completed runs (ms), or undefined without any. */
export function medianDuration(runs: readonly JudgedRun[]): number | undefined {
  const durations: number[] = [];
  for (const run of runs) {
    if (durations.length >= forecastRuns) break;
    if (run.completed && run.endedAt !== undefined && run.endedAt >= run.began) durations.push(run.endedAt - run.began);
  }
  return median(durations);
}

/** Where the cycle of deadline `d` begins: its latest fire time before `d`, or the previous deadline when that is later. */
function cycleStart(deadline: ResolvedDeadline, times: FireTimes, d: number): number {
  const fire = times.latestAtOrBefore(d - 1)?.at;
  const before = deadline.cron.previous(d);
  return Math.max(fire ?? Number.NEGATIVE_INFINITY, before ?? Number.NEGATIVE_INFINITY);
}

/** The run that met deadline `d` (began in its cycle, completed by `d`), newest first. */
function meeting(runs: readonly JudgedRun[], start: number, d: number): JudgedRun | undefined {
  return runs.find((run) => run.completed && run.began >= start - 1000 && run.endedAt !== undefined && run.endedAt <= d);
}

export function deadlineView(deadline: ResolvedDeadline, times: FireTimes, runs: readonly JudgedRun[], input: ScheduleInput): DeadlineView | undefined {
  const now = input.now;
  const previous = deadline.cron.previous(now + 1);
  const next = deadline.cron.next(now);
  // Only the latest passed deadline is looked back at: missed until the next one arrives.
  if (previous !== undefined && meeting(runs, cycleStart(deadline, times, previous), previous) === undefined) {
    const forecastAt = forecast(runs, input, times, undefined);
    return { label: deadline.label, at: previous, missed: true, ...(forecastAt === undefined ? {} : { forecastAt }) };
  }
  if (next === undefined) return undefined;
  const start = cycleStart(deadline, times, next);
  const met = meeting(runs, start, next);
  const forecastAt = met?.endedAt ?? forecast(runs, input, times, next);
  return { label: deadline.label, at: next, missed: false, ...(forecastAt === undefined ? {} : { forecastAt }) };
}

/**
 * When the current run (or, none running, the cycle's next) should complete: from the running run's
 * progress rate, else the median duration of recent runs after its start (or after the next fire time
 * before the deadline, or now when the cycle's run is still to start).
 */
function forecast(runs: readonly JudgedRun[], input: ScheduleInput, times: FireTimes, at: number | undefined): number | undefined {
  const now = input.now;
  const running = runs.find((run) => run.running);
  const progress = input.latest?.running === true ? input.latest.progress : undefined;
  if (running !== undefined && progress !== undefined && progress > 0) return running.began + (now - running.began) / Math.min(progress, 1);
  const typical = medianDuration(runs);
  if (typical === undefined) return undefined;
  if (running !== undefined) return Math.max(now, running.began + typical);
  const fire = times.next;
  const startAt = fire !== undefined && (at === undefined || fire <= at) ? Math.max(now, fire) : now;
  return startAt + typical;
}
