import type { RunOutcome, RunTrigger } from './outcome.js';

/**
 * One run of a process as the schedule evaluation, the batch-window timeline and the forecasts need it:
 * small and flat, since up to `limits.max_kept_runs` of them are kept per process. Times in ms since the
 * epoch, on Guidewire's clock (as the API reports them).
 */
export interface RunRecord {
  readonly id: string;
  /** `dateCreated`: when the start was requested (the scheduler's fire time, for a scheduled run). */
  readonly createdAt?: number;
  /** `startDate`. */
  readonly startedAt?: number;
  /** `dateCompleted`; absent while running or for a run that died. */
  readonly endedAt?: number;
  readonly trigger: RunTrigger;
  /** Absent while the run is still going. */
  readonly outcome?: RunOutcome;
  readonly failedOps?: number;
  /** `opsCompleted` as the history reports it (for the ops baseline). */
  readonly opsCompleted?: number;
}

/** When a run began: its start, else when the start was requested. */
export const runBegan = (run: RunRecord): number | undefined => run.startedAt ?? run.createdAt;

/** Start (else the requested start) to completion in ms; absent while running or for a run that died. */
export function runDurationMs(run: RunRecord): number | undefined {
  const began = runBegan(run);
  return run.endedAt === undefined || began === undefined ? undefined : Math.max(0, run.endedAt - began);
}
