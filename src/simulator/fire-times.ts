import { compileQuartz, type CronSchedule } from '../cron/quartz.js';

/**
 * The fire times of a process with one or more Quartz crons: their union (a process listed several times
 * runs on each; two crons firing at the same instant fire once). Times are ms since the epoch.
 */
export interface FireTimes {
  /** The first fire time strictly after `after`. */
  next(after: number): number | undefined;
  /** The latest fire time strictly before `before`. */
  previous(before: number): number | undefined;
}

/**
 * Results remembered per direction. croner takes about 0.1 ms a step and every request asks for the same
 * neighbouring fire times again, so a small memo makes a poll's worth of requests cheap; when full, the
 * oldest entry goes (Map keeps insertion order).
 */
const MEMO_ENTRIES = 4096;

function memoized(compute: (at: number) => number | undefined): (at: number) => number | undefined {
  const memo = new Map<number, number | undefined>();
  return (at) => {
    if (memo.has(at)) return memo.get(at);
    const value = compute(at);
    if (memo.size >= MEMO_ENTRIES) {
      const oldest = memo.keys().next();
      if (oldest.done !== true) memo.delete(oldest.value);
    }
    memo.set(at, value);
    return value;
  };
}

const earliest = (values: readonly (number | undefined)[]): number | undefined =>
  values.reduce<number | undefined>((best, v) => (v !== undefined && (best === undefined || v < best) ? v : best), undefined);
const latest = (values: readonly (number | undefined)[]): number | undefined =>
  values.reduce<number | undefined>((best, v) => (v !== undefined && (best === undefined || v > best) ? v : best), undefined);

/** Compiles `expressions` (at least one) in `zone`. Throws CronSyntaxError for a bad expression or zone. */
export function compileFireTimes(expressions: readonly string[], zone: string): FireTimes {
  if (expressions.length === 0) throw new RangeError('a cron schedule needs at least one expression');
  const crons: CronSchedule[] = expressions.map((e) => compileQuartz(e, zone));
  return {
    next: memoized((after) => earliest(crons.map((c) => c.next(after)))),
    previous: memoized((before) => latest(crons.map((c) => c.previous(before)))),
  };
}

/**
 * The instants of fire-time numbers `ordinals` (0 = the first fire time at or after `epoch`, -1 = the
 * latest before it), as a map from instant to number. Costs one step per unit of the largest |ordinal|;
 * callers bound the ordinals (MAX_LISTED_RUNS).
 */
export function fireTimesOf(fire: FireTimes, epoch: number, ordinals: Iterable<number>): Map<number, number> {
  const wanted = new Set(ordinals);
  const found = new Map<number, number>();
  const maxAhead = Math.max(-1, ...[...wanted].filter((k) => k >= 0));
  let at = fire.next(epoch - 1);
  for (let k = 0; k <= maxAhead && at !== undefined; k++, at = fire.next(at)) {
    if (wanted.has(k)) found.set(at, k);
  }
  const maxBehind = Math.max(0, ...[...wanted].filter((k) => k < 0).map((k) => -k));
  at = fire.previous(epoch);
  for (let k = -1; -k <= maxBehind && at !== undefined; k--, at = fire.previous(at)) {
    if (wanted.has(k)) found.set(at, k);
  }
  return found;
}
