/**
 * A process's fire times around now, as slots (fire time, and the span a run may answer it in). Crons are
 * costly to step (tens of µs per fire time, through Intl), so their fire times are cached in the schedule
 * state and each evaluation computes only the new ones; a learned cadence is arithmetic. Pure.
 */
import type { CronSchedule } from '../cron/quartz.js';
import type { FireCache, FireSlot, ResolvedSchedule } from './types.js';

/** At most this many fire times are kept and judged per evaluation (docs/schedules.md, "Limits"). */
export const maxKeptFireTimes = 1000;
/** Fire times are kept this far back: the batch-window timeline's day, plus the grace of the latest. */
export const keptSpanMs = 24 * 3_600_000;
/**
 * Fire times filled in backwards per evaluation: croner takes 50-150 µs a step, so building a day of
 * 5-minute fire times for 5,000 processes at once would stall the first poll for tens of seconds. Judging
 * needs only the fire times since the exporter started (which come forwards); the batch-window timeline's
 * older ticks fill in over the next polls (measured: docs/schedules.md, "Limits").
 */
export const backStepsPerEvaluation = 2;

export interface FireTimes {
  /** Fire times in (from, now], oldest first: the latest `maxKeptFireTimes` at most. */
  readonly slots: readonly FireSlot[];
  /** The first fire time after now. */
  readonly next: number | undefined;
  /** The slot of the latest fire time at or before `at` (at most now), or undefined. */
  latestAtOrBefore(at: number): FireSlot | undefined;
  /** The first fire time after `at` (the end of the span a run answers the slot at `at` in). */
  nextAfter(at: number): number | undefined;
  /** The slot with its fall-back twin (a learned grid looks twins up only for the slots it judges). */
  resolve(slot: FireSlot): FireSlot;
  /** How early a run may begin and still answer a slot. */
  readonly earlyMs: number;
  /** The state's cache after this evaluation (crons only). */
  readonly cache: FireCache | undefined;
}

const cronKey = (schedule: ResolvedSchedule): string => `${schedule.timezone}\n${schedule.label}`;

/** The earliest of the crons' next fire times after `after`. */
function unionNext(crons: readonly CronSchedule[], after: number): number | undefined {
  let best: number | undefined;
  for (const cron of crons) {
    const at = cron.next(after);
    if (at !== undefined && (best === undefined || at < best)) best = at;
  }
  return best;
}

/** The latest of the crons' fire times strictly before `before`. */
function unionPrevious(crons: readonly CronSchedule[], before: number): number | undefined {
  let best: number | undefined;
  for (const cron of crons) {
    const at = cron.previous(before);
    if (at !== undefined && (best === undefined || at > best)) best = at;
  }
  return best;
}

/**
 * The slot of a cron fire time, or undefined when it is the second pass of a fall-back hour whose first pass
 * is a fire time too (an interval schedule): the two are one wall-clock fire time, judged once.
 */
function cronSlot(crons: readonly CronSchedule[], at: number): FireSlot | undefined {
  const twin = crons[0]?.twin(at);
  if (twin === undefined) return { at, opens: at, due: at };
  if (twin > at) return { at, opens: at, due: twin };
  return unionNext(crons, twin - 1) === twin ? undefined : { at, opens: twin, due: at };
}

/** Steps the cache forward to now; undefined when it does not fit (another schedule, a clock that went back, a long backlog). */
function stepForward(crons: readonly CronSchedule[], cache: FireCache, key: string, low: number, now: number) {
  if (cache.key !== key || cache.coveredThrough > now) return undefined;
  const newest = cache.slots[cache.slots.length - 1];
  // The newest fire time is kept however old, so that previousAt and late work for a weekly schedule.
  const slots = cache.slots.filter((slot) => slot.at > low || slot === newest);
  let following = cache.following;
  for (let steps = 0; following !== undefined && following <= now; steps += 1) {
    if (steps >= maxKeptFireTimes) return undefined;
    const slot = cronSlot(crons, following);
    if (slot !== undefined) slots.push(slot);
    following = unionNext(crons, following);
  }
  return { slots, following, complete: cache.complete };
}

/** A new cache: the newest fire time at or before now (however old) and the first after. */
function begin(crons: readonly CronSchedule[], now: number) {
  const latest = unionPrevious(crons, now + 1);
  const slot = latest === undefined ? undefined : cronSlot(crons, latest);
  const slots: FireSlot[] = slot === undefined ? [] : [slot];
  // A second pass whose first pass is the fire time: start from the first pass.
  if (slot === undefined && latest !== undefined) {
    const first = crons[0]?.twin(latest);
    if (first !== undefined) slots.push(cronSlot(crons, first) ?? { at: first, opens: first, due: latest });
  }
  return { slots, following: unionNext(crons, now), complete: latest === undefined };
}

/** Fills in up to backStepsPerEvaluation older fire times, down to `low`. */
function fillBack(crons: readonly CronSchedule[], found: { slots: FireSlot[]; complete: boolean }, low: number): boolean {
  if (found.complete) return true;
  const older: FireSlot[] = [];
  let at = found.slots[0] === undefined ? undefined : unionPrevious(crons, found.slots[0].at);
  for (let steps = 0; steps < backStepsPerEvaluation; steps += 1) {
    if (at === undefined || at <= low || older.length + found.slots.length >= maxKeptFireTimes) {
      found.slots.unshift(...older.reverse());
      return true;
    }
    const slot = cronSlot(crons, at);
    if (slot !== undefined) older.push(slot);
    at = unionPrevious(crons, at);
  }
  found.slots.unshift(...older.reverse());
  return at === undefined || at <= low;
}

function cronFireTimes(schedule: ResolvedSchedule, cache: FireCache | undefined, now: number): FireTimes {
  const crons = schedule.crons;
  const key = cronKey(schedule);
  const low = now - keptSpanMs - schedule.graceMs;
  const found = (cache === undefined ? undefined : stepForward(crons, cache, key, low, now)) ?? begin(crons, now);
  const complete = fillBack(crons, found, low);
  const slots = found.slots.length > maxKeptFireTimes ? found.slots.slice(-maxKeptFireTimes) : found.slots;
  const following = found.following;
  return {
    slots,
    next: following,
    latestAtOrBefore(at) {
      for (let i = slots.length - 1; i >= 0; i -= 1) {
        const slot = slots[i];
        if (slot !== undefined && slot.at <= at) return slot;
      }
      return undefined;
    },
    nextAfter: (at) => slots.find((slot) => slot.at > at)?.at ?? following,
    resolve: (slot) => slot,
    earlyMs: 1000,
    cache: { key, slots, coveredThrough: now, following, complete },
  };
}

function gridFireTimes(schedule: ResolvedSchedule, interval: NonNullable<ResolvedSchedule['interval']>, now: number): FireTimes {
  const { anchor, intervalMs } = interval;
  const low = now - keptSpanMs - schedule.graceMs;
  const latestK = Math.floor((now - anchor) / intervalMs);
  const count = Math.min(maxKeptFireTimes, Math.max(1, Math.floor((now - low) / intervalMs) + 1));
  const slots: FireSlot[] = [];
  for (let k = latestK - count + 1; k <= latestK; k += 1) {
    const at = anchor + k * intervalMs;
    if (at > low || k === latestK) slots.push({ at, opens: at, due: at });
  }
  return {
    slots,
    next: anchor + (latestK + 1) * intervalMs,
    latestAtOrBefore(at) {
      const k = Math.floor((Math.min(at, now) - anchor) / intervalMs);
      const fire = anchor + k * intervalMs;
      return { at: fire, opens: fire, due: fire };
    },
    nextAfter: (at) => anchor + (Math.floor((at - anchor) / intervalMs) + 1) * intervalMs,
    // Twins are looked up only for the slots judged: Intl is the cost, and a grid has no cache.
    resolve(slot) {
      const twin = schedule.clock?.twin(slot.at);
      return twin === undefined ? slot : { at: slot.at, opens: Math.min(slot.at, twin), due: Math.max(slot.at, twin) };
    },
    earlyMs: Math.max(1000, interval.toleranceMs ?? 0),
    cache: undefined,
  };
}

/** The fire times of a schedule around `now`, reusing and returning the state's cache. */
export function fireTimes(schedule: ResolvedSchedule, cache: FireCache | undefined, now: number): FireTimes {
  if (schedule.interval !== undefined && schedule.interval.intervalMs > 0) return gridFireTimes(schedule, schedule.interval, now);
  return cronFireTimes(schedule, cache, now);
}

