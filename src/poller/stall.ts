import type { ProcessStatus } from '../guidewire/types.js';
import { processState } from '../model/process-state.js';
import type { ProgressTrack } from '../model/snapshot.js';

/**
 * Follows a running process across polls. A run that shows no change in `opsCompleted`, `failedOps`
 * or `progress` for `stallAfterMs` counts as stalled. The clock starts when the exporter first sees
 * the run (it cannot know how long the run sat still before that). Pure.
 */
export function trackProgress(
  previous: ProgressTrack | undefined,
  status: ProcessStatus | undefined,
  now: number,
  stallAfterMs: number,
): ProgressTrack | undefined {
  if (status === undefined || processState(status) !== 'running') return undefined;
  const runKey = `${status.dateCreated ?? ''}|${status.startDate ?? ''}`;
  const fingerprint = `${status.opsCompleted ?? ''}|${status.failedOps ?? ''}|${status.progress ?? ''}`;
  if (previous === undefined || previous.runKey !== runKey || previous.fingerprint !== fingerprint) {
    return { runKey, fingerprint, lastChangeAt: now, stalled: false };
  }
  const stalled = now - previous.lastChangeAt >= stallAfterMs;
  return stalled === previous.stalled ? previous : { ...previous, stalled };
}
