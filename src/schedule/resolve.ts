/**
 * Which schedule a process has: its override's `schedule:`, else its scheduler-config.xml entries, else
 * a cadence learned from its scheduled runs; compiled once per (process, zone). Pure.
 * CONTRACT STUB: implemented by the schedule-engine work (issue 14).
 */
import type { ImportedSchedule, ProcessOverride } from '../config/types.js';
import type { RunRecord } from '../history/run-record.js';
import type { ResolvedDeadline, ResolvedSchedule } from './types.js';

export interface ScheduleContext {
  /** The first override matching the process (the poller matches the globs). */
  readonly override?: ProcessOverride;
  /** The process's entries from `scheduler_config_file`. */
  readonly imported?: readonly ImportedSchedule[];
  /** Target-wide `timezone:`. */
  readonly targetZone?: string;
  /** The zone `/system-time` reported. */
  readonly serverZone?: string;
  /** Target-wide grace (ms). */
  readonly graceMs: number;
  /** Recent runs, newest first, for a learned cadence. */
  readonly recent?: readonly RunRecord[];
}

/** The process's schedule, or undefined when it has none (and no cadence could be learned). */
export function resolveSchedule(context: ScheduleContext): ResolvedSchedule | undefined {
  void context;
  throw new Error('not implemented');
}

/** The process's `complete_by`, compiled in its zone (the deadline's own, else the schedule's). */
export function resolveDeadline(override: ProcessOverride | undefined, scheduleZone: string): ResolvedDeadline | undefined {
  void override;
  void scheduleZone;
  throw new Error('not implemented');
}
