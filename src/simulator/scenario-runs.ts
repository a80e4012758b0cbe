import { base62, keyedRandom, pick, randomInt, uuidFrom } from './prng.js';
import { HISTORY_MS, SERVER_IDS, type ScenarioProcess } from './scenario-spec.js';

/**
 * The runs of a scenario process: pure functions of (spec, seed, epoch, index or now).
 * No timers: a run's whole life is planned up front and observed at any instant.
 */

const FAILURE_REASONS = [
  'java.lang.IllegalStateException: Batch process terminated: could not renew lease',
  'com.guidewire.pl.system.exception.DBLockTimeoutException: Lock wait timeout exceeded; try restarting transaction',
  'java.lang.NullPointerException',
  'gw.api.database.QueryException: ORA-01013: user requested cancel of current operation',
  'Batch process was terminated by the server during shutdown',
] as const;

export type RunOutcome = 'completed' | 'failed' | 'stalled';

/** Everything about one run, decided when it is created. */
export interface PlannedRun {
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

/** One run in the shape of a ProcessHistory item, as of `now` (for a future `/histories` endpoint). */
export interface ScenarioRunRecord {
  readonly index: number;
  readonly id: string;
  readonly type: string;
  readonly serverId: string;
  readonly leaseId: string;
  readonly scheduled: boolean;
  readonly dateCreated: number;
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

/** Plans run `index` of `spec`. Randomness comes from a PRNG keyed by (seed, code, index). */
export function planRun(spec: ScenarioProcess, seed: number, epoch: number, index: number): PlannedRun {
  const r = keyedRandom(seed, spec.code, index);
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
  const fails = r() < (spec.failureRate ?? 0) || (spec.failsRuns ?? []).includes(index);
  const failAt = 0.1 + 0.8 * r();
  const failureReason = pick(r, FAILURE_REASONS);
  const hasSkipped = r() < 0.2;
  const skippedShare = r();

  const dateCreated = epoch + (spec.offsetMs ?? 0) + index * spec.periodMs;
  const durationMs = Math.max(1, Math.min(spec.durationMs * durationJitter, spec.periodMs * 0.9 - lagMs));
  const opsExpected = Math.round(spec.opsPerRun * opsJitter);
  const failedOps = hasFailedOps && opsExpected > 0 ? 1 + Math.floor(failedShare * Math.max(1, opsExpected * 0.05)) : 0;
  const skippedOps = hasSkipped && opsExpected > 0 ? 1 + Math.floor(skippedShare * 3) : 0;
  const stalls = spec.stallsAt?.run === index;
  const base = {
    index, id, type: spec.code, serverId, leaseId, scheduled,
    dateCreated, startDate: dateCreated + lagMs, durationMs,
    opsExpected, failedOps: Math.min(failedOps, opsExpected), skippedOps,
  };
  if (stalls) return { ...base, endFraction: spec.stallsAt?.fraction ?? 0, outcome: 'stalled' };
  if (fails) return { ...base, endFraction: failAt, outcome: 'failed', failureReason };
  return { ...base, endFraction: 1, outcome: 'completed' };
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

/** Every run of `spec` created at or before `now`, oldest first, as ProcessHistory-like records. */
export function runsOf(spec: ScenarioProcess, seed: number, epoch: number, now: number): ScenarioRunRecord[] {
  const last = latestRunIndex(spec, epoch, now);
  if (last === undefined) return [];
  const records: ScenarioRunRecord[] = [];
  for (let index = firstRunIndex(spec); index <= last; index++) {
    const o = observeRun(planRun(spec, seed, epoch, index), now);
    const { run } = o;
    const finished = o.phase === 'finished';
    records.push({
      index, id: run.id, type: run.type, serverId: run.serverId, leaseId: run.leaseId, scheduled: run.scheduled,
      dateCreated: run.dateCreated,
      ...(o.phase === 'starting' ? {} : { startDate: run.startDate }),
      ...(o.dateCompleted === undefined ? {} : { dateCompleted: o.dateCompleted }),
      opsCompleted: o.opsCompleted,
      failedOps: o.failedOps,
      ranToCompletion: finished && run.outcome === 'completed',
      internalFailure: finished && run.outcome === 'failed',
      ...(finished && run.failureReason !== undefined ? { failureReason: run.failureReason } : {}),
    });
  }
  return records;
}
