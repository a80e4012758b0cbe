import { defaults } from '../config/types.js';
import { computeBaseline } from '../history/baseline.js';
import type { HistoryStats } from '../history/stats.js';
import type { ProcessView } from '../model/snapshot.js';
import type { ProcessState } from '../model/process-state.js';
import type { DeadlineView } from '../schedule/types.js';
import { FailingFlags, type ProcessFlag } from './types.js';

/** What the flags of one process are judged from. */
export interface FlagInput {
  readonly view: ProcessView;
  /** `processState` of its status, undefined without status. */
  readonly state: ProcessState | undefined;
  readonly stats: HistoryStats | undefined;
  /** Start of the target's latest poll: values observed before it are last-known, not fresh. */
  readonly pollStartedAt: number | undefined;
  /** Now on Guidewire's clock (the exporter's plus the server time offset), as the run times are. */
  readonly now: number;
}

/**
 * No success within `expect_every`, as the `GuidewireBatchProcessOverdue` alert judges it: the latest
 * success is older than the interval, or the history has been read and holds no success. Without
 * `expect_every` or before the history is read, never overdue. Pure.
 */
export function isOverdue(expectEveryMs: number | undefined, stats: HistoryStats | undefined, now: number): boolean {
  if (expectEveryMs === undefined || stats === undefined) return false;
  return stats.lastSuccessAt === undefined || now - stats.lastSuccessAt > expectEveryMs;
}

/** A running run that started longer than `max_duration` ago (`GuidewireBatchProcessRunningTooLong`). Pure. */
export function isRunningTooLong(state: ProcessState | undefined, startDate: number | undefined, maxDurationMs: number | undefined, now: number): boolean {
  return state === 'running' && startDate !== undefined && maxDurationMs !== undefined && now - startDate > maxDurationMs;
}

/**
 * A running run that started more than `duration_factor` × the p90 of its baseline ago, as the
 * `GuidewireBatchProcessRunningLongerThanUsual` alert judges it; never without a baseline. Pure.
 */
export function isLongerThanUsual(state: ProcessState | undefined, view: ProcessView, stats: HistoryStats | undefined, now: number): boolean {
  const startDate = view.process.status?.startDate;
  const settings = view.thresholds.baseline;
  if (state !== 'running' || startDate === undefined || settings === undefined || stats?.recent === undefined) return false;
  const baseline = computeBaseline(stats.recent, settings);
  return baseline !== undefined && now - startDate > (view.thresholds.durationFactor ?? defaults.durationFactor) * baseline.durationP90Ms;
}

/**
 * The latest finished run failed: the status says `failed` (completed with a `failureReason`), or the run
 * history's latest failure is newer than every success, the status's own clean completion included (the
 * history is read less often than the status). Failed ops of the latest status are `failed_ops`, not this.
 */
function lastRunFailed(input: FlagInput): boolean {
  const status = input.view.process.status;
  if (input.state === 'failed') return true;
  if ((status?.failedOps ?? 0) > 0) return false;
  const failureAt = input.stats?.lastFailureAt;
  if (failureAt === undefined) return false;
  const cleanCompletion = input.state === 'completed' ? status?.dateCompleted : undefined;
  return failureAt > Math.max(input.stats?.lastSuccessAt ?? -Infinity, cleanCompletion ?? -Infinity);
}

/**
 * The deadline is not missed yet but its completion forecast is after it, as the
 * `GuidewireBatchProcessDeadlineAtRisk` alert judges it. Pure.
 */
export function isDeadlineAtRisk(deadline: DeadlineView): boolean {
  return !deadline.missed && deadline.forecastAt !== undefined && deadline.forecastAt > deadline.at;
}

/** Every flag of one process: failing ones in `FailingFlags` order, then notices. Pure. */
export function processFlags(input: FlagInput): ProcessFlag[] {
  const { view, state, stats, now } = input;
  const status = view.process.status;
  const set = new Set<ProcessFlag>();
  if ((status?.failedOps ?? 0) > 0) set.add('failed_ops');
  if (lastRunFailed(input)) set.add('last_run_failed');
  if (view.progress?.stalled === true) set.add('stalled');
  if (isOverdue(view.thresholds.expectEveryMs, stats, now)) set.add('overdue');
  const schedule = view.schedule;
  if (schedule?.late === true && schedule.source !== 'learned') set.add('late');
  if (schedule?.deadline?.missed === true) set.add('deadline_missed');
  if (schedule?.deadline !== undefined && isDeadlineAtRisk(schedule.deadline)) set.add('deadline_at_risk');
  if (isRunningTooLong(state, status?.startDate, view.thresholds.maxDurationMs, now)) set.add('running_too_long');
  if (isLongerThanUsual(state, view, stats, now)) set.add('longer_than_usual');
  const flags: ProcessFlag[] = FailingFlags.filter((flag) => set.has(flag));
  if (schedule?.late === true && schedule.source === 'learned') flags.push('late_learned');
  if (state === 'never_run') flags.push('never_run');
  if (input.pollStartedAt !== undefined && view.observedAt < input.pollStartedAt) flags.push('stale');
  return flags;
}

/** True for the flags that make a process failing (the notices do not). */
export function isFailingFlag(flag: ProcessFlag): boolean {
  return (FailingFlags as readonly string[]).includes(flag);
}
