/**
 * One table row per batch process, derived from a polled `ProcessView` with the mapper's own pure
 * pieces (`processState`, `parseProgress`). Pure: `now` is passed in.
 */
import { parseProgress } from '../guidewire/progress.js';
import type { ProcessStatus } from '../guidewire/types.js';
import { lastDurationMs, processState, type ProcessState } from '../model/process-state.js';
import { isRunningTooLong } from '../status/flags.js';
import type { ProcessView } from '../model/snapshot.js';
import type { ScheduleSource, ScheduleView } from '../schedule/types.js';

/**
 * What one poll can tell about a process. STALLED is absent on purpose: a stall shows only across polls.
 */
export type ProcessFlag = 'FAILED OPS' | 'NEVER RUN' | 'OVERDUE' | 'LATE' | 'DEADLINE MISSED' | 'RUNNING LONG';

/** The schedule as the poll evaluated it (configured or imported; a learned one needs history reads). */
export interface ScheduleCell {
  readonly label: string;
  readonly source: ScheduleSource;
  readonly timezone: string;
  readonly nextAt?: number;
  readonly late: boolean;
}

export interface ProcessRow {
  readonly code: string;
  readonly state: ProcessState | 'unknown';
  /** `7/20 (35%)` for a running process with `"N out of M"` progress. */
  readonly progress?: string;
  readonly opsCompleted?: number;
  readonly failedOps?: number;
  /** Milliseconds since the epoch. */
  readonly startedAt?: number;
  readonly completedAt?: number;
  /** The finished run's duration, or how long the running one has run so far. */
  readonly durationMs?: number;
  /** Absent when the process has no configured or imported schedule (the probe cannot learn one). */
  readonly schedule?: ScheduleCell;
  readonly flags: readonly ProcessFlag[];
}

function scheduleCell(schedule: ScheduleView): ScheduleCell {
  const { label, source, timezone, nextAt, late } = schedule;
  return { label, source, timezone, ...(nextAt === undefined ? {} : { nextAt }), late };
}

/** LATE and DEADLINE MISSED as the poll's schedule evaluation judged them (the alerts' own judgement). */
function scheduleFlags(schedule: ScheduleView | undefined): ProcessFlag[] {
  return [...(schedule?.late === true ? (['LATE'] as const) : []), ...(schedule?.deadline?.missed === true ? (['DEADLINE MISSED'] as const) : [])];
}

/** The row of one process as of `now` (ms, on Guidewire's clock: ours plus the server time offset). */
export function processRow(view: ProcessView, now: number): ProcessRow {
  const { code, status } = view.process;
  const schedule = view.schedule === undefined ? {} : { schedule: scheduleCell(view.schedule) };
  // List items may come without status; the single-type GET always has one.
  if (status === undefined) return { code, state: 'unknown', ...schedule, flags: scheduleFlags(view.schedule) };
  const state = processState(status);
  const durationMs = runDurationMs(status, state, now);
  const progress = state === 'running' ? progressText(status.progress) : undefined;
  return {
    code,
    state,
    ...(progress === undefined ? {} : { progress }),
    ...(status.opsCompleted === undefined ? {} : { opsCompleted: status.opsCompleted }),
    ...(status.failedOps === undefined ? {} : { failedOps: status.failedOps }),
    ...(status.startDate === undefined ? {} : { startedAt: status.startDate }),
    ...(status.dateCompleted === undefined ? {} : { completedAt: status.dateCompleted }),
    ...(durationMs === undefined ? {} : { durationMs }),
    ...schedule,
    flags: processFlags(status, state, view, now),
  };
}

function progressText(text: string | undefined): string | undefined {
  const progress = parseProgress(text);
  if (progress === undefined) return text;
  if (progress.total <= 0) return `${progress.done}/${progress.total}`;
  return `${progress.done}/${progress.total} (${Math.floor((progress.done / progress.total) * 100)}%)`;
}

/** As `guidewire_batch_process_last_duration_seconds`, or the time run so far. */
function runDurationMs(status: ProcessStatus, state: ProcessState, now: number): number | undefined {
  const finished = lastDurationMs(status);
  if (finished !== undefined || status.startDate === undefined) return finished;
  return state === 'running' ? Math.max(0, now - status.startDate) : undefined;
}

/**
 * The flags one poll can justify. OVERDUE uses a lower bound of the time since the last success: the
 * latest run's completion when it succeeded, else its start (any success came before it), so it never
 * flags a process the Overdue alert would not. A never-run process is NEVER RUN only: no history is read
 * for it, so the alert does not fire on it either.
 */
function processFlags(status: ProcessStatus, state: ProcessState, view: ProcessView, now: number): ProcessFlag[] {
  const flags: ProcessFlag[] = [];
  if ((status.failedOps ?? 0) > 0) flags.push('FAILED OPS');
  if (state === 'never_run') flags.push('NEVER RUN');
  const { expectEveryMs, maxDurationMs } = view.thresholds;
  if (expectEveryMs !== undefined) {
    const since = state === 'completed' ? status.dateCompleted : (status.startDate ?? status.dateCreated);
    if (since !== undefined && now - since > expectEveryMs) flags.push('OVERDUE');
  }
  flags.push(...scheduleFlags(view.schedule));
  if (isRunningTooLong(state, status.startDate, maxDurationMs, now)) flags.push('RUNNING LONG');
  return flags;
}
