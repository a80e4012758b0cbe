/**
 * Judges a process's runs against its schedule: next and previous fire times, late, missed and skipped
 * fire times (each judged once), and the deadline with its completion forecast. Pure.
 * CONTRACT STUB: implemented by the schedule-engine work (issue 14).
 */
import type { ScheduleInput, ScheduleState, ScheduleView } from './types.js';

/** The state of a process first seen at `now` (exporter start or first sight): earlier fire times are never counted. */
export function initialScheduleState(now: number): ScheduleState {
  return { judgedThrough: now, missedTotal: 0, skippedTotal: 0 };
}

export function evaluateSchedule(state: ScheduleState, input: ScheduleInput): { readonly state: ScheduleState; readonly view: ScheduleView } {
  void input;
  throw new Error(`not implemented (${state.judgedThrough})`);
}
