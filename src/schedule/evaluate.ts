/**
 * Judges a process's runs against its schedule: next and previous fire times, late, missed and skipped
 * fire times (each judged once), and the deadline with its completion forecast. Pure: the caller keeps the
 * state between evaluations. The rules are in docs/schedules.md, "Late, missed and skipped".
 */
import { deadlineView } from './deadline.js';
import { fireTimes, type FireTimes } from './fire-times.js';
import { beganIn, judgedRuns, runningAt, type JudgedRun } from './runs.js';
import type { FireSlot, ScheduleInput, ScheduleState, ScheduleView } from './types.js';

/** The batch-window timeline shows at most this many fire times (the view's contract). */
export const maxWindowFireTimes = 288;
const dayMs = 24 * 3_600_000;

/** The state of a process first seen at `now` (exporter start or first sight): earlier fire times are never counted. */
export function initialScheduleState(now: number): ScheduleState {
  return { judgedThrough: now, missedTotal: 0, skippedTotal: 0 };
}

type Verdict = 'answered' | 'skipped' | 'missed' | 'maintenance' | 'wait';

/** The verdict on one due slot; `wait` while the history may not show the run that answers it yet. */
function judge(slot: FireSlot, end: number | undefined, times: FireTimes, runs: readonly JudgedRun[], input: ScheduleInput): Verdict {
  if (input.inMaintenance(slot.opens) || input.inMaintenance(slot.due)) return 'maintenance';
  const until = end ?? Number.POSITIVE_INFINITY;
  if (beganIn(runs, slot.opens - times.earlyMs, until)) return 'answered';
  const newest = runs[0]?.began;
  const asOf = input.recentAsOf;
  // A run newer than the history read, beyond this slot's span: runs between may be missing from `recent`.
  if (asOf !== undefined && newest !== undefined && newest > asOf && asOf < Math.min(until, input.now) && newest >= until) return 'wait';
  return runningAt(runs, slot.opens) || runningAt(runs, slot.due) ? 'skipped' : 'missed';
}

/** The latest slot due by `cutoff`: a fall-back first pass is due only with its twin. */
function latestDue(times: FireTimes, cutoff: number): FireSlot | undefined {
  let at = cutoff;
  for (let i = 0; i < 4; i += 1) {
    const found = times.latestAtOrBefore(at);
    if (found === undefined) return undefined;
    const slot = times.resolve(found);
    if (slot.due <= cutoff) return slot;
    at = slot.at - 1;
  }
  return undefined;
}

/**
 * One evaluation at `input.now`: judges the fire times that passed their grace since the last one (at
 * most maxKeptFireTimes; older ones are dropped uncounted), and reports late, next/previous fire times and
 * the deadline. Work per call is bounded by the new fire times and the runs given.
 */
export function evaluateSchedule(state: ScheduleState, input: ScheduleInput): { readonly state: ScheduleState; readonly view: ScheduleView } {
  const { schedule, now } = input;
  const times = fireTimes(schedule, state.cache, now);
  const runs = judgedRuns(input.recent, input.latest);
  const cutoff = now - schedule.graceMs;
  let { judgedThrough, missedTotal, skippedTotal } = state;
  const slots = times.slots;
  for (let i = 0; i < slots.length; i += 1) {
    const found = slots[i];
    if (found === undefined || found.at <= judgedThrough) continue;
    const slot = times.resolve(found);
    if (slot.due > cutoff) break;
    const verdict = judge(slot, times.nextAfter(slot.due), times, runs, input);
    if (verdict === 'wait') break;
    if (verdict === 'missed') missedTotal += 1;
    else if (verdict === 'skipped') skippedTotal += 1;
    judgedThrough = slot.at;
  }
  const due = latestDue(times, cutoff);
  const late =
    due !== undefined &&
    !input.inMaintenance(due.opens) &&
    !input.inMaintenance(due.due) &&
    !runs.some((run) => run.began >= due.opens - times.earlyMs) &&
    !runningAt(runs, due.opens) &&
    !runningAt(runs, due.due);
  const windowFireTimes = slots.filter((slot) => slot.at > now - dayMs).map((slot) => slot.at).slice(-maxWindowFireTimes);
  const previousAt = times.latestAtOrBefore(now)?.at;
  const deadline = input.deadline === undefined ? undefined : deadlineView(input.deadline, times, runs, input);
  const view: ScheduleView = {
    source: schedule.source,
    label: schedule.label,
    timezone: schedule.timezone,
    graceMs: schedule.graceMs,
    ...(times.next === undefined ? {} : { nextAt: times.next }),
    ...(previousAt === undefined ? {} : { previousAt }),
    windowFireTimes,
    late,
    missedTotal,
    skippedTotal,
    ...(deadline === undefined ? {} : { deadline }),
  };
  const next: ScheduleState = { judgedThrough, missedTotal, skippedTotal, ...(times.cache === undefined ? {} : { cache: times.cache }) };
  return { state: next, view };
}
