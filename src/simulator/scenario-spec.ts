/**
 * How one simulated batch process behaves over time. Run `k` starts at `epoch + offsetMs + k * periodMs`;
 * runs already happened during the hour before `epoch`, so there is history from the first request on.
 * A process the model is given a schedule for (Quartz crons, `ScenarioModelOptions.schedules`) runs by
 * those instead (see scenario-cron.ts): `periodMs` and `offsetMs` are then unused, run numbers (`failsRuns`,
 * `stallsAt.run`, `lateRuns`, `missedRuns`) count fire times (0 = the first at or after the epoch), and the
 * fire-time faults below apply.
 */
export interface ScenarioProcess {
  readonly code: string;
  readonly name: string;
  readonly distributed: boolean;
  /** Time between run starts; runs never overlap (durations are clamped below the period). */
  readonly periodMs: number;
  /** Typical run duration; each run varies by ±20 %. */
  readonly durationMs: number;
  /** Typical work items per run (`opsExpected`); each run varies by ±30 %. 0 is allowed. */
  readonly opsPerRun: number;
  /** Shifts the run grid; default 0 (run 0 starts exactly at `epoch`). */
  readonly offsetMs?: number;
  /** Probability that a run has `failedOps > 0`; default 0. */
  readonly failedOpsRate?: number;
  /** Probability that a run ends early with a `failureReason`; default 0. */
  readonly failureRate?: number;
  /** Run indices that always end with a `failureReason`, whatever the seed. */
  readonly failsRuns?: readonly number[];
  /** The type exists but has never run (status carries only `failureReason` and `type`). */
  readonly neverRuns?: boolean;
  /** Run `run` freezes at `fraction` of its work and never completes; no later run starts. */
  readonly stallsAt?: { readonly run: number; readonly fraction: number };
  /** Cron only: probability that the scheduler starts a fire time's run late (`lateByMs` after it); default 0. */
  readonly lateRate?: number;
  /** Cron only: probability that a fire time starts no run at all (missed); default 0. */
  readonly missRate?: number;
  /** Cron only: probability that a run lasts past the next fire time, which the scheduler then skips; default 0. */
  readonly overrunRate?: number;
  /** Cron only: probability that an operator makes up a randomly missed fire time by hand (`scheduled: false`); default 0. */
  readonly makeUpRate?: number;
  /** Cron only: fire times (numbered as runs) whose run always starts late, whatever the seed. */
  readonly lateRuns?: readonly number[];
  /** Cron only: fire times (numbered as runs) that always start no run, whatever the seed. */
  readonly missedRuns?: readonly number[];
  /** Cron only: how long after its fire time a late run is created (±10 %, at most 70 % of the gap to the next); default half that gap. */
  readonly lateByMs?: number;
}

/**
 * Bound on listed run numbers and their count: a cron process finds the fire time of run `k` by stepping
 * `k` fire times from the epoch, once per model.
 */
export const MAX_LISTED_RUNS = 1000;

/** How far back history goes before `epoch`. */
export const HISTORY_MS = 60 * 60_000;

/** Fake cluster member ids, in the form Guidewire shows them (e.g. `55d109613ac9`). */
export const SERVER_IDS = ['55d109613ac9', '7f3e2a91c0b4', 'a81c44d2e6f7'] as const;

/** The documented `failureReason` of a type that has never run. */
export const NEVER_RUN_REASON = 'This batch process type has never run';

function isRate(x: number | undefined): boolean {
  return x === undefined || (Number.isFinite(x) && x >= 0 && x <= 1);
}

/** Throws a `RangeError` naming the first invalid field of `spec`. */
export function validateScenarioProcess(spec: ScenarioProcess): void {
  const fail = (field: string, why: string): never => {
    throw new RangeError(`scenario process ${JSON.stringify(spec.code)}: ${field} ${why}`);
  };
  if (spec.code === '') fail('code', 'must not be empty');
  if (!(Number.isFinite(spec.periodMs) && spec.periodMs > 0)) fail('periodMs', 'must be a positive number');
  if (!(Number.isFinite(spec.durationMs) && spec.durationMs > 0)) fail('durationMs', 'must be a positive number');
  if (!(Number.isInteger(spec.opsPerRun) && spec.opsPerRun >= 0)) fail('opsPerRun', 'must be a non-negative integer');
  if (spec.offsetMs !== undefined && !Number.isFinite(spec.offsetMs)) fail('offsetMs', 'must be finite');
  if (!isRate(spec.failedOpsRate)) fail('failedOpsRate', 'must be within [0, 1]');
  if (!isRate(spec.failureRate)) fail('failureRate', 'must be within [0, 1]');
  for (const field of ['lateRate', 'missRate', 'overrunRate', 'makeUpRate'] as const) {
    if (!isRate(spec[field])) fail(field, 'must be within [0, 1]');
  }
  for (const field of ['failsRuns', 'lateRuns', 'missedRuns'] as const) {
    const runs = spec[field] ?? [];
    if (runs.length > MAX_LISTED_RUNS || runs.some((run) => !(Number.isInteger(run) && Math.abs(run) <= MAX_LISTED_RUNS))) {
      fail(field, `must list at most ${MAX_LISTED_RUNS} integers within ±${MAX_LISTED_RUNS}`);
    }
  }
  if (spec.lateByMs !== undefined && !(Number.isFinite(spec.lateByMs) && spec.lateByMs > 0)) fail('lateByMs', 'must be a positive number');
  const stall = spec.stallsAt;
  if (stall !== undefined) {
    if (!Number.isInteger(stall.run)) fail('stallsAt.run', 'must be an integer');
    if (!(stall.fraction >= 0 && stall.fraction < 1)) fail('stallsAt.fraction', 'must be within [0, 1)');
  }
}
