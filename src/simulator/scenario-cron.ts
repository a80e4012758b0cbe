import { fireTimesOf, type FireTimes } from './fire-times.js';
import { keyedRandom } from './prng.js';
import { assembleRun, drawRun, type PlannedRun } from './scenario-runs.js';
import type { ScenarioProcess } from './scenario-spec.js';

/**
 * Runs started by a scheduler, as Guidewire's does it: a run at each fire time of the process's crons,
 * created at the fire time and started a moment later; a fire time that comes while the previous run
 * still runs is skipped. Seeded faults: a fire time may start late or not at all (missed, sometimes made
 * up by hand later), or its run may overrun the next fire time, which is then skipped.
 *
 * Pure and local: what happens at fire time f depends only on f, its two neighbours on each side and
 * per-fire-time draws keyed by (seed, code, f), so any instant can be observed without replaying the
 * past. To keep it local, runs end before the next fire time (10 % of the gap to spare) except an
 * overrun, which ends between the next and the one after, and a run may overrun only when the fire time
 * before it did not draw an overrun; so a skipped fire time never has a run of its own to overrun with.
 */

/** What the scheduler did at one fire time. */
export type FireFate = 'run' | 'overrun' | 'late' | 'missed' | 'skipped' | 'stalled';

/** A process's schedule with everything decided once per model. */
export interface CronPlan {
  readonly spec: ScenarioProcess;
  readonly seed: number;
  readonly fire: FireTimes;
  /** Fire time instants of the listed runs (`lateRuns`, `missedRuns`, `failsRuns`). */
  readonly late: ReadonlySet<number>;
  readonly missed: ReadonlySet<number>;
  readonly fails: ReadonlySet<number>;
  /** The fire time whose run stalls (`stallsAt.run`); every later fire time is skipped. */
  readonly stallAt?: number;
}

/** Fire times walked back from an instant to find its latest run (a longer run of missed fire times reads as never run). */
export const MAX_WALK = 64;

export function createCronPlan(spec: ScenarioProcess, seed: number, epoch: number, fire: FireTimes): CronPlan {
  const ordinals = [...(spec.lateRuns ?? []), ...(spec.missedRuns ?? []), ...(spec.failsRuns ?? []), ...(spec.stallsAt === undefined ? [] : [spec.stallsAt.run])];
  const instants = [...fireTimesOf(fire, epoch, ordinals)];
  const at = (runs: readonly number[] | undefined): Set<number> => new Set(instants.filter(([, k]) => (runs ?? []).includes(k)).map(([t]) => t));
  const stallAt = instants.find(([, k]) => k === spec.stallsAt?.run)?.[0];
  return { spec, seed, fire, late: at(spec.lateRuns), missed: at(spec.missedRuns), fails: at(spec.failsRuns), ...(stallAt === undefined ? {} : { stallAt }) };
}

/** The draws of one fire time, in a fixed order (one option never shifts another's randomness). */
function drawsAt(plan: CronPlan, f: number) {
  const r = keyedRandom(plan.seed, plan.spec.code, 'fire', f);
  return {
    missRoll: r(), lateRoll: r(), overrunRoll: r(), makeUpRoll: r(),
    lateJitter: 0.9 + 0.2 * r(),
    startDelayMs: r() < 0.1 ? 2000 + 2000 * r() : 50 + 750 * r(),
    overrunShare: 0.2 + 0.4 * r(),
  };
}

/** The fate of `f` before looking at its neighbours: stalled, missed, late, or a run. */
function ownFate(plan: CronPlan, f: number): 'run' | 'late' | 'missed' | 'stalled' {
  const { spec } = plan;
  if (plan.stallAt !== undefined && f > plan.stallAt) return 'stalled';
  if (spec.neverRuns === true || plan.missed.has(f)) return 'missed';
  if (plan.late.has(f)) return 'late';
  if (f === plan.stallAt || plan.fails.has(f)) return 'run';
  const d = drawsAt(plan, f);
  if (d.missRoll < (spec.missRate ?? 0)) return 'missed';
  return d.lateRoll < (spec.lateRate ?? 0) ? 'late' : 'run';
}

const drewOverrun = (plan: CronPlan, f: number | undefined): boolean =>
  f !== undefined && drawsAt(plan, f).overrunRoll < (plan.spec.overrunRate ?? 0);

/** Whether the run of `f` (whose previous fire time is `p`, next `n`) lasts past `n`. */
function overruns(plan: CronPlan, f: number, p: number | undefined, n: number | undefined): boolean {
  // A stalling run or one listed to fail keeps the part it was given.
  if (n === undefined || f === plan.stallAt || plan.fails.has(f)) return false;
  return ownFate(plan, f) === 'run' && drewOverrun(plan, f) && !drewOverrun(plan, p);
}

/** The neighbours of fire time `f`. */
interface Around {
  readonly pp: number | undefined;
  readonly p: number | undefined;
  readonly f: number;
  readonly n: number | undefined;
  readonly nn: number | undefined;
}

function around(plan: CronPlan, f: number): Around {
  const { fire } = plan;
  const p = fire.previous(f);
  const n = fire.next(f);
  return { pp: p === undefined ? undefined : fire.previous(p), p, f, n, nn: n === undefined ? undefined : fire.next(n) };
}

function fateOf(plan: CronPlan, a: Around): FireFate {
  const own = ownFate(plan, a.f);
  if (own === 'stalled') return own;
  if (a.p !== undefined && overruns(plan, a.p, a.pp, a.f)) return 'skipped';
  return own === 'run' && overruns(plan, a.f, a.p, a.n) ? 'overrun' : own;
}

/** What the scheduler did at fire time `f`. */
export function fateAt(plan: CronPlan, f: number): FireFate {
  return fateOf(plan, around(plan, f));
}

/** The runs fire time `f` led to (none, its scheduled run, or a make-up run started by hand), oldest first. */
export function runsAt(plan: CronPlan, f: number): PlannedRun[] {
  const { spec, seed } = plan;
  const a = around(plan, f);
  const fate = fateOf(plan, a);
  const d = drawsAt(plan, f);
  // Without a next fire time (a cron's last year), the gap is the process's nominal period.
  const gap = a.n === undefined ? spec.periodMs : a.n - f;
  const deadline = f + 0.9 * gap;
  const planned = (key: string, index: number, scheduled: boolean, createdAfterMs: number, overrun: boolean): PlannedRun => {
    const draws = drawRun(keyedRandom(seed, spec.code, key, f), spec, scheduled && plan.fails.has(f));
    const dateCreated = f + createdAfterMs;
    const startDate = dateCreated + Math.min(d.startDelayMs, 0.1 * gap);
    const end = overrun && a.n !== undefined
      ? a.n + d.overrunShare * ((a.nn ?? a.n + gap) - a.n)
      : Math.min(startDate + spec.durationMs * draws.durationJitter, deadline);
    return assembleRun(spec, draws, {
      index, scheduled, dateCreated, startDate, durationMs: Math.max(1, end - startDate),
      stalls: f === plan.stallAt, mayFail: !overrun,
    });
  };
  switch (fate) {
    case 'run':
    case 'overrun':
      return [planned('run', f, true, 0, fate === 'overrun')];
    case 'late': {
      const lateBy = Math.min((spec.lateByMs ?? 0.5 * gap) * d.lateJitter, 0.7 * gap);
      return [planned('run', f, true, lateBy, false)];
    }
    case 'missed':
      // Only a random miss is made up: a listed one stays missed for the demo to show.
      if (spec.neverRuns === true || plan.missed.has(f) || d.makeUpRoll >= (spec.makeUpRate ?? 0)) return [];
      return [planned('manual', f + 1, false, 0.5 * gap, false)];
    case 'skipped':
    case 'stalled':
      return [];
  }
}

/** The latest fire time at or before `now` that can have a run (the stalled one, once it has come). */
function lastFireAtOrBefore(plan: CronPlan, now: number): number | undefined {
  const f = plan.fire.previous(now + 1);
  return plan.stallAt !== undefined && f !== undefined && f > plan.stallAt ? plan.stallAt : f;
}

/** The latest run created at or before `now`; `undefined` when none is within `MAX_WALK` fire times. */
export function latestCronRun(plan: CronPlan, now: number): PlannedRun | undefined {
  if (plan.spec.neverRuns === true) return undefined;
  let f = lastFireAtOrBefore(plan, now);
  for (let i = 0; i < MAX_WALK && f !== undefined; i++, f = plan.fire.previous(f)) {
    const created = runsAt(plan, f).filter((run) => run.dateCreated <= now);
    const last = created.at(-1);
    if (last !== undefined) return last;
  }
  return undefined;
}

/** Fire times walked back for one history; with a 20 s cadence this is more than a day. */
export const MAX_HISTORY_STEPS = 5000;

/**
 * Runs created in [since, now] (at most `maxRuns`, the latest ones), oldest first; the latest run is kept
 * however old it is, so the history agrees with the status.
 */
export function cronRunsOf(plan: CronPlan, now: number, since: number, maxRuns: number): PlannedRun[] {
  const latest = latestCronRun(plan, now);
  if (latest === undefined) return [];
  const newestFirst: PlannedRun[] = [];
  let f = lastFireAtOrBefore(plan, now);
  let next = Number.POSITIVE_INFINITY;
  for (let i = 0; i < MAX_HISTORY_STEPS && f !== undefined && newestFirst.length < maxRuns; i++) {
    // Every run of f is created before the next fire time: once that is before `since`, nothing older is kept.
    if (next < since) break;
    newestFirst.push(...runsAt(plan, f).filter((run) => run.dateCreated <= now && run.dateCreated >= since).reverse());
    next = f;
    f = plan.fire.previous(f);
  }
  return newestFirst.length === 0 ? [latest] : newestFirst.slice(0, maxRuns).reverse();
}
