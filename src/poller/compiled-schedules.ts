import type { ProcessOverride } from '../config/types.js';
import type { ZoneClock } from '../cron/zone-clock.js';
import { resolveDeadline, resolveSchedule, scheduleZone, type ScheduleContext } from '../schedule/resolve.js';
import type { ResolvedDeadline, ResolvedSchedule } from '../schedule/types.js';
import { memoCron } from './memo-cron.js';

/**
 * What a configured or imported schedule is compiled from (its source, zone, grace and expressions, as
 * `resolveSchedule` reads them), so that equal ones are compiled once; undefined for a learned cadence,
 * which depends on the process's own runs.
 */
function compiledKey(context: ScheduleContext): string | undefined {
  const own = context.override?.schedule;
  const expressions = own !== undefined && own.length > 0 ? own : context.imported?.map((entry) => entry.expression);
  if (expressions === undefined || expressions.length === 0) return undefined;
  const source = expressions === own ? 'config' : 'scheduler_config';
  return `${source}|${scheduleZone(context)}|${context.override?.graceMs ?? context.graceMs}|${expressions.join('\n')}`;
}

/**
 * The compiled schedules of one target, shared by every process compiled from the same inputs: an
 * override's glob matching 2000 processes compiles once, and its crons remember their answers (`memoCron`),
 * so the 2000 evaluations of a poll ask croner once. A compiled cron holds an Intl formatter (about 80 KiB),
 * so sharing is what keeps 5000 scheduled processes at tens of MB rather than 800. Bounded by the
 * configuration (its overrides, imported entries and the zones in use), not by type codes. `clear()` when
 * the server's zone changes.
 */
export class CompiledSchedules {
  readonly #schedules = new Map<string, ResolvedSchedule>();
  readonly #deadlines = new Map<string, ResolvedDeadline>();
  /** Zone clocks of learned cadences, one per zone. */
  readonly #clocks = new Map<string, ZoneClock>();

  clear(): void {
    this.#schedules.clear();
    this.#deadlines.clear();
  }

  /** `resolveSchedule(context)`, compiled once per key; a learned cadence gets the zone's shared clock. */
  schedule(context: ScheduleContext): ResolvedSchedule | undefined {
    const key = compiledKey(context);
    const kept = key === undefined ? undefined : this.#schedules.get(key);
    if (kept !== undefined) return kept;
    const schedule = resolveSchedule(context);
    if (schedule === undefined) return undefined;
    if (key !== undefined) {
      const shared = { ...schedule, crons: schedule.crons.map(memoCron) };
      this.#schedules.set(key, shared);
      return shared;
    }
    // A learned cadence brings a zone clock of its own, made anew at each history change: keep one per zone.
    return schedule.clock === undefined ? schedule : { ...schedule, clock: this.#clockOf(schedule.clock) };
  }

  /** `resolveDeadline(override, zone)`, compiled once per (zone, expression). */
  deadline(override: ProcessOverride | undefined, zone: string): ResolvedDeadline | undefined {
    const config = override?.completeBy;
    if (config === undefined) return undefined;
    const key = `${config.timezone ?? zone}|${config.expression}|${config.text}`;
    const kept = this.#deadlines.get(key);
    if (kept !== undefined) return kept;
    const deadline = resolveDeadline(override, zone);
    if (deadline === undefined) return undefined;
    const shared = { ...deadline, cron: memoCron(deadline.cron) };
    this.#deadlines.set(key, shared);
    return shared;
  }

  #clockOf(clock: ZoneClock): ZoneClock {
    const kept = this.#clocks.get(clock.zone);
    if (kept !== undefined) return kept;
    this.#clocks.set(clock.zone, clock);
    return clock;
  }
}
