/**
 * Which schedule a process has: its override's `schedule:`, else its scheduler-config.xml entries, else
 * a cadence learned from its scheduled runs. Pure, but compiling costs: the caller keeps the result per
 * (process, zone) while the configuration and the zone stay the same, and re-resolves a learned cadence
 * when the history changes.
 */
import { formatDuration } from '../config/duration.js';
import type { ImportedSchedule, ProcessOverride } from '../config/types.js';
import { compileQuartz, isTimeZone } from '../cron/quartz.js';
import { zoneClock } from '../cron/zone-clock.js';
import type { RunRecord } from '../history/run-record.js';
import { learnCadence } from './learn.js';
import type { ResolvedDeadline, ResolvedSchedule, ScheduleSource } from './types.js';

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

/** The zone a process's schedule is read in: its own, the target's, the server's (when Intl knows it), else UTC. */
export function scheduleZone(context: ScheduleContext): string {
  const server = context.serverZone !== undefined && isTimeZone(context.serverZone) ? context.serverZone : undefined;
  return context.override?.timezone ?? context.targetZone ?? server ?? 'UTC';
}

/** Several expressions are one schedule: the process runs on each, so its fire times are their union. */
const joined = (expressions: readonly string[]): string => expressions.join(' | ');

function compiled(source: ScheduleSource, expressions: readonly string[], timezone: string, graceMs: number): ResolvedSchedule {
  // Duplicates (an entry in the file twice) are one schedule; the config layer has checked each expression.
  const unique = [...new Set(expressions.map((expression) => expression.trim()))];
  return { source, label: joined(unique), timezone, graceMs, crons: unique.map((expression) => compileQuartz(expression, timezone)) };
}

/**
 * The process's schedule, or undefined when it has none (and no cadence could be learned). Throws
 * CronSyntaxError only for an expression the config layer did not check (it checks them all at load).
 */
export function resolveSchedule(context: ScheduleContext): ResolvedSchedule | undefined {
  const timezone = scheduleZone(context);
  const graceMs = context.override?.graceMs ?? context.graceMs;
  const own = context.override?.schedule;
  if (own !== undefined && own.length > 0) return compiled('config', own, timezone, graceMs);
  const imported = context.imported;
  if (imported !== undefined && imported.length > 0) {
    return compiled(
      'scheduler_config',
      imported.map((entry) => entry.expression),
      timezone,
      graceMs,
    );
  }
  const cadence = context.recent === undefined ? undefined : learnCadence(context.recent);
  if (cadence === undefined) return undefined;
  return {
    source: 'learned',
    label: `@every ${formatDuration(cadence.intervalMs)}`,
    timezone,
    // An estimate deserves the slack of its own jitter: a tenth of the interval unless the grace is longer.
    graceMs: context.override?.graceMs ?? Math.max(context.graceMs, cadence.intervalMs * 0.1),
    crons: [],
    interval: { anchor: cadence.anchor, intervalMs: cadence.intervalMs, toleranceMs: cadence.toleranceMs },
    clock: zoneClock(timezone),
  };
}

/** The process's `complete_by`, compiled in its zone (the deadline's own, else the schedule's). */
export function resolveDeadline(override: ProcessOverride | undefined, scheduleZone: string): ResolvedDeadline | undefined {
  const config = override?.completeBy;
  if (config === undefined) return undefined;
  return { label: config.text, cron: compileQuartz(config.expression, config.timezone ?? scheduleZone) };
}
