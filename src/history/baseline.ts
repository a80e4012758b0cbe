import type { RunOutcome } from './outcome.js';
import { runDurationMs, type RunRecord } from './run-record.js';

/** How a process's baseline is drawn from its recent runs (`baseline_runs`, `baseline_min_runs`). */
export interface BaselineSettings {
  /** The last this many completed runs make the baseline. */
  readonly runs: number;
  /** Fewer completed runs than this: no baseline (nothing is judged). */
  readonly minRuns: number;
}

/** What a process's recent completed runs usually look like. Durations in ms. */
export interface Baseline {
  /** How many runs it is drawn from (`minRuns` ≤ runs ≤ `settings.runs`). */
  readonly runs: number;
  readonly durationP50Ms: number;
  readonly durationP90Ms: number;
  /** Median `opsCompleted`; absent when fewer than `minRuns` of the runs report it. */
  readonly opsMedian?: number;
}

/**
 * Outcomes that make a baseline: runs that went to the end. An internal failure or a run that was
 * stopped or died says nothing about how long or how much a run usually takes.
 */
const completed: ReadonlySet<RunOutcome | undefined> = new Set<RunOutcome | undefined>(['succeeded', 'failed_ops']);

/**
 * The nearest-rank quantile of ascending `sorted` (non-empty): the smallest value with at least
 * `q` of the values at or below it. An observed value, never an interpolation. Pure.
 */
export function nearestRank(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/**
 * The baseline of a process from its recent runs (newest first): the last `settings.runs` completed
 * runs (succeeded or failed_ops) that have a duration, their duration median and p90 (nearest rank) and
 * the median of their `opsCompleted`. Undefined below `settings.minRuns` such runs. Pure.
 */
export function computeBaseline(recent: readonly RunRecord[], settings: BaselineSettings): Baseline | undefined {
  const durations: number[] = [];
  const ops: number[] = [];
  for (const run of recent) {
    if (durations.length >= settings.runs) break;
    if (!completed.has(run.outcome)) continue;
    const duration = runDurationMs(run);
    if (duration === undefined) continue;
    durations.push(duration);
    if (run.opsCompleted !== undefined) ops.push(run.opsCompleted);
  }
  if (durations.length === 0 || durations.length < settings.minRuns) return undefined;
  const sorted = ascending(durations);
  return {
    runs: durations.length,
    durationP50Ms: nearestRank(sorted, 0.5),
    durationP90Ms: nearestRank(sorted, 0.9),
    ...(ops.length === 0 || ops.length < settings.minRuns ? {} : { opsMedian: nearestRank(ascending(ops), 0.5) }),
  };
}

/**
 * How many of the latest finished runs (newest first) did not succeed, in a row: 0 when the latest
 * finished run succeeded. A run still going is skipped; the count is bounded by the runs kept. Pure.
 */
export function consecutiveFailures(recent: readonly RunRecord[]): number {
  let failures = 0;
  for (const run of recent) {
    if (run.outcome === undefined) continue;
    if (run.outcome === 'succeeded') break;
    failures++;
  }
  return failures;
}

/** How many of the recent runs would make a baseline (completed, with a duration). Pure. */
export function baselineCandidates(recent: readonly RunRecord[]): number {
  return recent.filter((run) => completed.has(run.outcome) && runDurationMs(run) !== undefined).length;
}
