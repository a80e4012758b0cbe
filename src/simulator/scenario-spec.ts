/**
 * How one simulated batch process behaves over time. Run `k` starts at `epoch + offsetMs + k * periodMs`;
 * runs already happened during the hour before `epoch`, so there is history from the first request on.
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
}

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
  const stall = spec.stallsAt;
  if (stall !== undefined) {
    if (!Number.isInteger(stall.run)) fail('stallsAt.run', 'must be an integer');
    if (!(stall.fraction >= 0 && stall.fraction < 1)) fail('stallsAt.fraction', 'must be within [0, 1)');
  }
}
