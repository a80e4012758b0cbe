import type { ProcessHistory } from '../guidewire/types.js';

/** The values of the `outcome` label of `guidewire_batch_process_runs_total`. */
export const RunOutcomes = ['succeeded', 'failed_ops', 'internal_failure', 'incomplete'] as const;
export type RunOutcome = (typeof RunOutcomes)[number];

/** The values of the `trigger` label: started by the scheduler, or on demand. */
export const RunTriggers = ['scheduled', 'manual'] as const;
export type RunTrigger = (typeof RunTriggers)[number];

/** A finished run, classified. */
export interface ClassifiedRun {
  readonly id: string;
  readonly outcome: RunOutcome;
  readonly trigger: RunTrigger;
  /** When the run ended; for a run that died without a completion date, its start. */
  readonly endedAt: number | undefined;
  /** Seconds from start to completion; absent when either is unknown. */
  readonly durationSeconds: number | undefined;
}

/**
 * Classifies a run as exactly one outcome: an internal failure wins, then a run that did not run to
 * completion (stopped or died), then failed ops, else success. Returns undefined for a run still going:
 * one without `dateCompleted` that is still the newest run (`superseded` false). A run without a
 * completion date that a newer run has superseded died: it counts as `incomplete`. Pure.
 */
export function classifyRun(run: ProcessHistory, superseded: boolean): ClassifiedRun | undefined {
  const finished = run.dateCompleted !== undefined;
  if (!finished && !superseded) return undefined;
  let outcome: RunOutcome;
  if (run.internalFailure === true) outcome = 'internal_failure';
  else if (run.ranToCompletion === false || !finished) outcome = 'incomplete';
  else if ((run.failedOps ?? 0) > 0) outcome = 'failed_ops';
  else outcome = 'succeeded';
  const started = run.startDate ?? run.dateCreated;
  const durationSeconds =
    run.dateCompleted !== undefined && started !== undefined ? Math.max(0, (run.dateCompleted - started) / 1000) : undefined;
  return {
    id: run.id,
    outcome,
    // The docs define `scheduled` as "started by the scheduler"; when absent, assume the common case.
    trigger: run.scheduled === false ? 'manual' : 'scheduled',
    endedAt: run.dateCompleted ?? started,
    durationSeconds,
  };
}
