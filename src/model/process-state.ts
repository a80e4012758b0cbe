import type { ProcessStatus } from '../guidewire/types.js';

/** The values of the `state` label of `guidewire_batch_process_state`. */
export const ProcessStates = ['never_run', 'running', 'completed', 'failed'] as const;
export type ProcessState = (typeof ProcessStates)[number];

/**
 * Decides the state of a process's latest run from the documented status shapes:
 * a completion date means it finished (`failed` when Guidewire also gives a `failureReason`),
 * a start or creation date without completion means it runs, and the never-run shape has neither.
 * Pure.
 */
export function processState(status: ProcessStatus): ProcessState {
  if (status.dateCompleted !== undefined) return status.failureReason === undefined ? 'completed' : 'failed';
  if (status.startDate !== undefined || status.dateCreated !== undefined) return 'running';
  return 'never_run';
}

/** The latest run's duration when it finished (never negative, whatever the clocks did), in ms. Pure. */
export function lastDurationMs(status: ProcessStatus | undefined): number | undefined {
  if (status?.dateCompleted === undefined || status.startDate === undefined) return undefined;
  return Math.max(0, status.dateCompleted - status.startDate);
}
