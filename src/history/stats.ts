import type { RunRecord } from './run-record.js';
import { RunOutcomes, RunTriggers, type ClassifiedRun, type RunOutcome, type RunTrigger } from './outcome.js';

export type RunKey = `${RunOutcome}|${RunTrigger}`;

/** Every outcome × trigger combination, so each series exists at 0 from the start. */
export const runKeys: readonly RunKey[] = RunOutcomes.flatMap((o) => RunTriggers.map((t): RunKey => `${o}|${t}`));

/** What one process's run history adds up to. Immutable. */
export interface HistoryStats {
  /** Finished runs counted since the exporter started, by outcome and trigger. */
  readonly runs: Readonly<Record<RunKey, number>>;
  /** Bucket upper bounds in seconds (shared by every process of an exporter). */
  readonly bounds: readonly number[];
  /** Observations per bucket, not cumulative; the last entry is above every bound (+Inf). */
  readonly bucketCounts: readonly number[];
  readonly durationSum: number;
  readonly durationCount: number;
  /** Completion of the latest `succeeded` run, history before start-up included (ms). */
  readonly lastSuccessAt?: number;
  /** Completion of the latest run with any other outcome (ms). */
  readonly lastFailureAt?: number;
  /**
   * The most recent runs read, newest first, at most `limits.max_kept_runs` and none older than the kept
   * window (for schedules, forecasts and the batch-window timeline). Absent until the first read.
   */
  readonly recent?: readonly RunRecord[];
  /**
   * When `recent` was last read, on Guidewire's clock (the schedule evaluation's `recentAsOf`: a run the
   * status shows that is newer than this may have answered a fire time the ring does not show yet).
   */
  readonly recentAsOf?: number;
}

/** Stats with every counter at 0. */
export function emptyStats(bounds: readonly number[]): HistoryStats {
  const runs = Object.fromEntries(runKeys.map((key) => [key, 0])) as Record<RunKey, number>;
  return { runs, bounds, bucketCounts: new Array<number>(bounds.length + 1).fill(0), durationSum: 0, durationCount: 0 };
}

/** Index of the first bucket whose bound is >= the value (the +Inf bucket past the last bound). */
export function bucketIndex(bounds: readonly number[], value: number): number {
  const index = bounds.findIndex((bound) => value <= bound);
  return index === -1 ? bounds.length : index;
}

/**
 * Adds classified runs. Every run moves the last-success/last-failure times; only runs marked
 * `count` (finished after the exporter started) increment counters and the duration histogram, so a
 * restart never replays history into rates. Pure.
 */
export function accumulate(stats: HistoryStats, runs: readonly { readonly run: ClassifiedRun; readonly count: boolean }[]): HistoryStats {
  if (runs.length === 0) return stats;
  const counts = { ...stats.runs };
  const bucketCounts = [...stats.bucketCounts];
  let { durationSum, durationCount, lastSuccessAt, lastFailureAt } = stats;
  for (const { run, count } of runs) {
    if (run.endedAt !== undefined) {
      if (run.outcome === 'succeeded') lastSuccessAt = Math.max(lastSuccessAt ?? -Infinity, run.endedAt);
      else lastFailureAt = Math.max(lastFailureAt ?? -Infinity, run.endedAt);
    }
    if (!count) continue;
    counts[`${run.outcome}|${run.trigger}`] += 1;
    if (run.durationSeconds !== undefined) {
      const index = bucketIndex(stats.bounds, run.durationSeconds);
      bucketCounts[index] = (bucketCounts[index] ?? 0) + 1;
      durationSum += run.durationSeconds;
      durationCount += 1;
    }
  }
  return {
    runs: counts,
    bounds: stats.bounds,
    bucketCounts,
    durationSum,
    durationCount,
    ...(lastSuccessAt === undefined ? {} : { lastSuccessAt }),
    ...(lastFailureAt === undefined ? {} : { lastFailureAt }),
  };
}
