import type { ProcessStatus } from '../guidewire/types.js';
import { parseProgress } from '../guidewire/progress.js';
import { processState } from '../model/process-state.js';
import type { LatestRun } from '../schedule/types.js';

/**
 * The fraction done of a running run: `opsCompleted / opsExpected` when Guidewire reports both (work
 * queues), else the `N out of M` progress text; clamped to 0-1 (Guidewire may report more done than it
 * expected). Undefined when neither gives a ratio. Pure.
 */
export function progressFraction(status: ProcessStatus): number | undefined {
  const parsed = parseProgress(status.progress);
  const [done, total] =
    status.opsExpected !== undefined && status.opsExpected > 0 && status.opsCompleted !== undefined
      ? [status.opsCompleted, status.opsExpected]
      : parsed !== undefined && parsed.total > 0
        ? [parsed.done, parsed.total]
        : [undefined, undefined];
  return done === undefined || total === undefined ? undefined : Math.min(1, Math.max(0, done / total));
}

/** The latest run as the schedule evaluation reads it from a process's status; undefined for one that never ran. Pure. */
export function latestRunOf(status: ProcessStatus | undefined): LatestRun | undefined {
  if (status === undefined) return undefined;
  const state = processState(status);
  if (state === 'never_run') return undefined;
  const running = state === 'running';
  const progress = running ? progressFraction(status) : undefined;
  return {
    running,
    ...(status.dateCreated === undefined ? {} : { createdAt: status.dateCreated }),
    ...(status.startDate === undefined ? {} : { startedAt: status.startDate }),
    ...(status.dateCompleted === undefined ? {} : { endedAt: status.dateCompleted }),
    ...(progress === undefined ? {} : { progress }),
  };
}
