import { base62, keyedRandom, pick, randomInt, uuidFrom, type Random } from './prng.js';
import { HISTORY_MS, SERVER_IDS, type ScenarioProcess } from './scenario-spec.js';

/**
 * The runs of a scenario process: pure functions of (spec, seed, epoch, index or now).
 * No timers: a run's whole life is planned up front and observed at any instant.
 */

/** Reasons of a run that threw (`internalFailure: true` in its history). */
const INTERNAL_FAILURE_REASONS = [
  'com.guidewire.pl.system.exception.DBLockTimeoutException: Lock wait timeout exceeded; try restarting transaction',
  'java.lang.NullPointerException',
  'gw.api.database.QueryException: ORA-01013: user requested cancel of current operation',
] as const;

/** Reasons of a run that was stopped or died with its server (`ranToCompletion: false`, `internalFailure: false`). */
const STOPPED_REASONS = [
  'java.lang.IllegalStateException: Batch process terminated: could not renew lease',
  'Batch process was terminated by the server during shutdown',
] as const;

export type RunOutcome = 'completed' | 'failed' | 'stalled';

/**
 * How a failed run ended, as its ProcessHistory row tells: `internal` threw (`internalFailure: true`),
 * `stopped` was stopped or died with its server (`ranToCompletion: false`, `internalFailure: false`).
 */
export type FailureKind = 'internal' | 'stopped';

/** Which runs `runsOf` returns, like a ProcessHistoryPurge would leave them. */
export interface RunWindow {
  /** Only runs created at or after this instant (ms since the epoch); the latest run is always kept. */
  readonly since?: number;
  /** At most this many runs, the latest ones. */
  readonly maxRuns?: number;
}

/** Everything about one run, decided when it is created. */
export interface PlannedRun {
  /**
   * Unique among the process's runs and increasing with `dateCreated`: the run number on a run grid; for
   * a run started by a cron, the fire time (ms) it belongs to (+1 for a run made up by hand).
   */
  readonly index: number;
  /** Opaque history id, e.g. `ab:Swdab0ToBSDtgSnHcTZZW`. */
  readonly id: string;
  readonly type: string;
  readonly serverId: string;
  readonly leaseId: string;
  /** Started by the scheduler rather than on demand. */
  readonly scheduled: boolean;
  readonly dateCreated: number;
  /** A few ms after `dateCreated`: in between, the run shows the just-started status shape. */
  readonly startDate: number;
  /** Time the whole run's work would take. */
  readonly durationMs: number;
  readonly opsExpected: number;
  /** Items that fail over the whole run (never more than `opsExpected`). */
  readonly failedOps: number;
  readonly skippedOps: number;
  /** Fraction of the work done when the run ends (1 when it completes) or freezes (when it stalls). */
  readonly endFraction: number;
  readonly outcome: RunOutcome;
  /** Set when `outcome` is `failed`. */
  readonly failureKind?: FailureKind;
  readonly failureReason?: string;
}

/** A run as seen at one instant. */
export interface RunObservation {
  readonly run: PlannedRun;
  readonly phase: 'starting' | 'running' | 'finished';
  /** Items handled so far, failed ones included: the `N` of `"N out of M"`. */
  readonly processed: number;
  readonly opsCompleted: number;
  readonly failedOps: number;
  readonly skippedOps: number;
  /** Set once the run has finished (completed or failed). */
  readonly dateCompleted?: number;
}

/** One run in the shape of a ProcessHistory item, as of `now` (what `/histories` serves). */
export interface ScenarioRunRecord extends Pick<PlannedRun, 'index' | 'id' | 'type' | 'serverId' | 'leaseId' | 'scheduled' | 'dateCreated'> {
  readonly startDate?: number;
  readonly dateCompleted?: number;
  readonly opsCompleted: number;
  readonly failedOps: number;
  readonly ranToCompletion: boolean;
  readonly internalFailure: boolean;
  readonly failureReason?: string;
}

/** The first run index: the earliest run that starts within `HISTORY_MS` before `epoch`. */
export function firstRunIndex(spec: ScenarioProcess): number {
  return Math.ceil((-HISTORY_MS - (spec.offsetMs ?? 0)) / spec.periodMs);
}

/** The index of the latest run created at or before `now`, or `undefined` when none has been. */
export function latestRunIndex(spec: ScenarioProcess, epoch: number, now: number): number | undefined {
  if (spec.neverRuns === true) return undefined;
  const byTime = Math.floor((now - epoch - (spec.offsetMs ?? 0)) / spec.periodMs);
  // A stalled run never ends, so the scheduler never starts the next one.
  const last = spec.stallsAt === undefined ? byTime : Math.min(byTime, spec.stallsAt.run);
  return last < firstRunIndex(spec) ? undefined : last;
}

/** The parts of a run drawn from its PRNG, whatever starts it (the run grid or a cron). */
export interface RunDraws {
  readonly id: string;
  readonly leaseId: string;
  readonly serverId: string;
  readonly scheduled: boolean;
  readonly lagMs: number;
  readonly durationJitter: number;
  readonly opsExpected: number;
  readonly failedOps: number;
  readonly skippedOps: number;
  readonly fails: boolean;
  readonly failAt: number;
  readonly failureKind: FailureKind;
  readonly failureReason: string;
}

/** Draws a run's parts from `r`, in a fixed order; `listedFailure` makes it fail whatever the draw. */
export function drawRun(r: Random, spec: ScenarioProcess, listedFailure: boolean): RunDraws {
  // Draw every value unconditionally so one option never shifts another's randomness.
  const id = `ab:${base62(r, 21)}`;
  const leaseId = uuidFrom(r);
  const serverId = pick(r, SERVER_IDS);
  const scheduled = r() < 0.9;
  const lagMs = randomInt(r, 3, 15);
  const durationJitter = 0.8 + 0.4 * r();
  const opsJitter = 0.7 + 0.6 * r();
  const hasFailedOps = r() < (spec.failedOpsRate ?? 0);
  const failedShare = r();
  const fails = r() < (spec.failureRate ?? 0) || listedFailure;
  const failAt = 0.1 + 0.8 * r();
  const reasonRoll = r();
  const hasSkipped = r() < 0.2;
  const skippedShare = r();
  // Drawn last so that adding it shifted no earlier value.
  const failureKind: FailureKind = r() < 0.5 ? 'internal' : 'stopped';
  const reasons = failureKind === 'internal' ? INTERNAL_FAILURE_REASONS : STOPPED_REASONS;
  const failureReason = reasons[Math.floor(reasonRoll * reasons.length)] ?? reasons[0];
  const opsExpected = Math.round(spec.opsPerRun * opsJitter);
  const failedOps = hasFailedOps && opsExpected > 0 ? 1 + Math.floor(failedShare * Math.max(1, opsExpected * 0.05)) : 0;
  const skippedOps = hasSkipped && opsExpected > 0 ? 1 + Math.floor(skippedShare * 3) : 0;
  return {
    id, leaseId, serverId, scheduled, lagMs, durationJitter, opsExpected,
    failedOps: Math.min(failedOps, opsExpected), skippedOps, fails, failAt, failureKind, failureReason,
  };
}

/** The timing of a run, decided by whatever started it. */
export interface RunTiming {
  readonly index: number;
  readonly scheduled: boolean;
  readonly dateCreated: number;
  readonly startDate: number;
  readonly durationMs: number;
  /** Whether it freezes (at `spec.stallsAt.fraction`) instead of ending. */
  readonly stalls: boolean;
  /** Whether it may end early with a failure (a run that must outlast a fire time may not). */
  readonly mayFail: boolean;
}

/** A planned run from its draws and timing. */
export function assembleRun(spec: ScenarioProcess, d: RunDraws, t: RunTiming): PlannedRun {
  const base = {
    index: t.index, id: d.id, type: spec.code, serverId: d.serverId, leaseId: d.leaseId, scheduled: t.scheduled,
    dateCreated: t.dateCreated, startDate: t.startDate, durationMs: t.durationMs,
    opsExpected: d.opsExpected, failedOps: d.failedOps, skippedOps: d.skippedOps,
  };
  if (t.stalls) return { ...base, endFraction: spec.stallsAt?.fraction ?? 0, outcome: 'stalled' };
  if (d.fails && t.mayFail) return { ...base, endFraction: d.failAt, outcome: 'failed', failureKind: d.failureKind, failureReason: d.failureReason };
  return { ...base, endFraction: 1, outcome: 'completed' };
}

/** Plans run `index` of `spec`. Randomness comes from a PRNG keyed by (seed, code, index). */
export function planRun(spec: ScenarioProcess, seed: number, epoch: number, index: number): PlannedRun {
  const d = drawRun(keyedRandom(seed, spec.code, index), spec, (spec.failsRuns ?? []).includes(index));
  const dateCreated = epoch + (spec.offsetMs ?? 0) + index * spec.periodMs;
  const durationMs = Math.max(1, Math.min(spec.durationMs * d.durationJitter, spec.periodMs * 0.9 - d.lagMs));
  return assembleRun(spec, d, {
    index, scheduled: d.scheduled, dateCreated, startDate: dateCreated + d.lagMs, durationMs,
    stalls: spec.stallsAt?.run === index, mayFail: true,
  });
}

/** Observes `run` at `now` (which must not precede `run.dateCreated`). */
export function observeRun(run: PlannedRun, now: number): RunObservation {
  const elapsed = (now - run.startDate) / run.durationMs;
  const fraction = Math.max(0, Math.min(elapsed, run.endFraction));
  const processed = Math.floor(run.opsExpected * fraction);
  const failedOps = Math.min(processed, Math.floor(run.failedOps * fraction));
  const skippedOps = Math.floor(run.skippedOps * fraction);
  const counts = { run, processed, opsCompleted: processed - failedOps, failedOps, skippedOps };
  if (now < run.startDate) return { ...counts, phase: 'starting' };
  const dateCompleted = Math.round(run.startDate + run.durationMs * run.endFraction);
  if (run.outcome === 'stalled' || now < dateCompleted) return { ...counts, phase: 'running' };
  return { ...counts, phase: 'finished', dateCompleted };
}

/** The latest run of `spec` as of `now`, observed; `undefined` when it has never run. */
export function currentRun(spec: ScenarioProcess, seed: number, epoch: number, now: number): RunObservation | undefined {
  const index = latestRunIndex(spec, epoch, now);
  return index === undefined ? undefined : observeRun(planRun(spec, seed, epoch, index), now);
}

/** The first run index `window` keeps, when the latest run is `last`. */
function windowStart(spec: ScenarioProcess, epoch: number, last: number, window: RunWindow): number {
  let first = firstRunIndex(spec);
  if (window.since !== undefined) first = Math.max(first, Math.ceil((window.since - epoch - (spec.offsetMs ?? 0)) / spec.periodMs));
  if (window.maxRuns !== undefined) first = Math.max(first, last - window.maxRuns + 1);
  return Math.min(first, last);
}

/** `run` as a ProcessHistory-like record, as of `now` (which must not precede its `dateCreated`). */
export function recordOf(run: PlannedRun, now: number): ScenarioRunRecord {
  const o = observeRun(run, now);
  const finished = o.phase === 'finished';
  return {
    index: run.index, id: run.id, type: run.type, serverId: run.serverId, leaseId: run.leaseId, scheduled: run.scheduled,
    dateCreated: run.dateCreated,
    ...(o.phase === 'starting' ? {} : { startDate: run.startDate }),
    ...(o.dateCompleted === undefined ? {} : { dateCompleted: o.dateCompleted }),
    opsCompleted: o.opsCompleted,
    failedOps: o.failedOps,
    ranToCompletion: finished && run.outcome === 'completed',
    internalFailure: finished && run.outcome === 'failed' && run.failureKind === 'internal',
    ...(finished && run.failureReason !== undefined ? { failureReason: run.failureReason } : {}),
  };
}

/**
 * Every run of `spec` created at or before `now` (and within `window`, which always keeps the latest run),
 * oldest first, as ProcessHistory-like records. The latest one may be unfinished.
 */
export function runsOf(spec: ScenarioProcess, seed: number, epoch: number, now: number, window: RunWindow = {}): ScenarioRunRecord[] {
  const last = latestRunIndex(spec, epoch, now);
  if (last === undefined) return [];
  const records: ScenarioRunRecord[] = [];
  for (let index = windowStart(spec, epoch, last, window); index <= last; index++) records.push(recordOf(planRun(spec, seed, epoch, index), now));
  return records;
}
