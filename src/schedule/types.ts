/**
 * The schedule evaluation's inputs and outputs (pure data). The evaluation itself is in `evaluate.ts`;
 * see docs/schedules.md for what each value means.
 */
import type { CronSchedule } from '../cron/quartz.js';
import type { ZoneClock } from '../cron/zone-clock.js';
import type { RunRecord } from '../history/run-record.js';

/** Where a process's schedule comes from: an override's `schedule:`, scheduler-config.xml, or its own history. */
export const ScheduleSources = ['config', 'scheduler_config', 'learned'] as const;
export type ScheduleSource = (typeof ScheduleSources)[number];

/** A process's schedule, resolved and compiled (one or more crons, or a learned interval). */
export interface ResolvedSchedule {
  readonly source: ScheduleSource;
  /** The Quartz expressions, or `@every 30m` for a learned cadence: the `schedule` label. */
  readonly label: string;
  readonly timezone: string;
  readonly graceMs: number;
  /** Compiled crons (empty for a learned cadence). */
  readonly crons: readonly CronSchedule[];
  /**
   * Learned cadence: fire times are `anchor + k × intervalMs`; a run up to `toleranceMs` early still
   * answers one (the cadence is an estimate).
   */
  readonly interval?: { readonly anchor: number; readonly intervalMs: number; readonly toleranceMs?: number };
  /** The zone's clock (twins in a fall-back hour) for a learned cadence; crons carry their own. */
  readonly clock?: ZoneClock;
}

/** A compiled `complete_by`. */
export interface ResolvedDeadline {
  readonly label: string;
  readonly cron: CronSchedule;
}

/** The latest run as the process status shows it, on Guidewire's clock. */
export interface LatestRun {
  readonly createdAt?: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly running: boolean;
  /** Fraction done from `opsCompleted / opsExpected` or the `N out of M` progress text, 0-1. */
  readonly progress?: number;
}

/** Whether a time falls in a maintenance window (of the target or global). */
export type MaintenanceTest = (at: number) => boolean;

export interface ScheduleInput {
  readonly schedule: ResolvedSchedule;
  readonly deadline?: ResolvedDeadline;
  /** Absent for a process that has never run. */
  readonly latest?: LatestRun;
  /** Recent runs, newest first (from the history reads; may be empty). */
  readonly recent: readonly RunRecord[];
  readonly inMaintenance: MaintenanceTest;
  /** Now on Guidewire's clock: the exporter's clock plus the server time offset. */
  readonly now: number;
  /**
   * When `recent` was read (Guidewire's clock). With it, a fire time with no answering run is not judged
   * while a run newer than that read exists (the history may not show a run that answered it yet).
   */
  readonly recentAsOf?: number;
}

/** What is carried from one evaluation of a process to the next, so each fire time is judged once. */
export interface ScheduleState {
  /** Fire times at or before this have been judged (the exporter's start for a new process). */
  readonly judgedThrough: number;
  readonly missedTotal: number;
  /** Fire times that came while the previous run was still running (Guidewire skips them). */
  readonly skippedTotal: number;
  /** The cron schedule's recent fire times, so that an evaluation computes only the new ones (fire-cache.ts). */
  readonly cache?: FireCache;
}

/** One fire time, and the span a run may answer it in: `opens` to `due` differ only in a fall-back hour. */
export interface FireSlot {
  readonly at: number;
  /** The earlier of the fire time and its wall-clock twin. */
  readonly opens: number;
  /** The later of the two: the slot is judged once this is past grace. */
  readonly due: number;
}

/** Fire times in (from, coveredThrough], oldest first, and the first one after (undefined: none). */
export interface FireCache {
  readonly key: string;
  readonly slots: readonly FireSlot[];
  readonly coveredThrough: number;
  readonly following: number | undefined;
  /** False while older fire times of the last day are still to be filled in (a few per evaluation). */
  readonly complete: boolean;
}

/** The evaluated schedule of one process, as metrics, the status page and the probe show it. */
export interface ScheduleView {
  readonly source: ScheduleSource;
  readonly label: string;
  readonly timezone: string;
  readonly graceMs: number;
  /** Next fire time after now; absent when there is none (a past year). */
  readonly nextAt?: number;
  /** Latest fire time at or before now. */
  readonly previousAt?: number;
  /**
   * Fire times in the last 24 hours up to now, oldest first, at most 288 (the batch-window timeline's
   * ticks; a schedule firing more often shows its latest 288).
   */
  readonly windowFireTimes: readonly number[];
  /** True while the latest due fire time is past its grace with no run started (outside maintenance). */
  readonly late: boolean;
  readonly missedTotal: number;
  readonly skippedTotal: number;
  /** Present with `complete_by`. */
  readonly deadline?: DeadlineView;
}

export interface DeadlineView {
  readonly label: string;
  /** The deadline of the current cycle: the earliest one not yet met (the latest passed one while it is missed). */
  readonly at: number;
  /** True when `at` has passed without a completed run in its cycle. */
  readonly missed: boolean;
  /** When the current or next run is expected to complete; absent without progress or past durations. */
  readonly forecastAt?: number;
}

/** Whether a `maintenance:` window is open for a target now. */
export interface MaintenanceView {
  readonly active: boolean;
  /** The open window's `name`, when it has one. */
  readonly name?: string;
  /** When the open window closes (ms), or when the next one opens while none is open. */
  readonly until?: number;
  readonly nextFrom?: number;
}
