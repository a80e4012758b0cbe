/**
 * A cadence learned from a process's own scheduled runs, for a process nobody gave a schedule: the median
 * gap between consecutive scheduled starts, when the gaps are regular enough to trust. The method, its
 * thresholds and where it fails are in docs/schedules.md, "Learned cadence". Pure.
 */
import type { RunRecord } from '../history/run-record.js';
import { median, requestedAt } from './runs.js';

export const learning = {
  /** Gaps (consecutive scheduled starts) needed before a cadence is trusted. */
  minGaps: 5,
  /** Starts looked at, newest first (the history keeps `limits.max_kept_runs`). */
  maxStarts: 200,
  /** Share of gaps that must be near the median or near a small multiple of it. */
  regularShare: 0.8,
  /** Gaps near 2×…maxMultiple× the median are missed runs; at most this share of the gaps. */
  multipleShare: 0.1,
  maxMultiple: 5,
  /** A cadence shorter than this is not learned (the scheduler's own granularity is minutes). */
  minIntervalMs: 60_000,
} as const;

export interface LearnedCadence {
  readonly intervalMs: number;
  /** The latest scheduled start: fire times are `anchor + k × intervalMs`. */
  readonly anchor: number;
  /** How far a gap may be from the interval and still be regular; also how early a run may answer a fire time. */
  readonly toleranceMs: number;
}

/**
 * How far a gap may stray from the median: 10 %, but at least a quarter of the interval up to a minute
 * (createdAt jitters by the scheduler's polling, seconds). For a daily cadence 10 % is 2.4 h, which also
 * absorbs the hour a daylight-saving change moves a wall-clock run by.
 */
export const toleranceFor = (intervalMs: number): number => Math.max(intervalMs * 0.1, Math.min(60_000, intervalMs * 0.25));

/** A gap's value as a (rounded) second, or a whole minute when it is within 1 % of one: the `@every` label stays readable. */
function roundInterval(ms: number): number {
  const minute = Math.round(ms / 60_000) * 60_000;
  return minute > 0 && Math.abs(ms - minute) <= ms * 0.01 ? minute : Math.round(ms / 1000) * 1000;
}

/** The cadence of the scheduled runs among `recent`, or undefined ("unknown") when too few or irregular. */
export function learnCadence(recent: readonly RunRecord[]): LearnedCadence | undefined {
  const starts: number[] = [];
  for (const run of recent) {
    if (starts.length >= learning.maxStarts) break;
    const at = run.trigger === 'scheduled' ? requestedAt(run) : undefined;
    if (at !== undefined) starts.push(at);
  }
  const sorted = [...new Set(starts)].sort((a, b) => b - a);
  const gaps = sorted.slice(1).map((at, i) => (sorted[i] ?? at) - at);
  if (gaps.length < learning.minGaps) return undefined;
  const typical = median(gaps);
  if (typical === undefined || typical < learning.minIntervalMs) return undefined;
  const tolerance = toleranceFor(typical);
  let regular = 0;
  let multiples = 0;
  for (const gap of gaps) {
    const k = Math.round(gap / typical);
    if (k === 1 && Math.abs(gap - typical) <= tolerance) regular += 1;
    else if (k >= 2 && k <= learning.maxMultiple && Math.abs(gap - k * typical) <= tolerance * k) multiples += 1;
    // A silence longer than a few intervals (nights, weekends, an outage) is something a fixed interval
    // cannot describe: better unknown than a missed run every interval of every night.
    else if (gap > learning.maxMultiple * typical + tolerance) return undefined;
  }
  if (regular + multiples < gaps.length * learning.regularShare) return undefined;
  if (multiples > Math.floor(gaps.length * learning.multipleShare)) return undefined;
  const intervalMs = roundInterval(typical);
  return { intervalMs, anchor: sorted[0] ?? 0, toleranceMs: toleranceFor(intervalMs) };
}
