import { compileQuartz } from '../../../src/cron/quartz.js';
import type { RunRecord } from '../../../src/history/run-record.js';
import { initialScheduleState, evaluateSchedule } from '../../../src/schedule/evaluate.js';
import type { LatestRun, ResolvedSchedule, ScheduleInput, ScheduleState, ScheduleView } from '../../../src/schedule/types.js';

export const at = (iso: string): number => Date.parse(iso);
export const minute = 60_000;

/** A cron schedule as resolveSchedule makes it (source config). */
export function cronSchedule(expressions: string[], zone = 'UTC', graceMs = 5 * minute): ResolvedSchedule {
  return { source: 'config', label: expressions.join(' | '), timezone: zone, graceMs, crons: expressions.map((e) => compileQuartz(e, zone)) };
}

let ids = 0;
/** A finished scheduled run requested at `created` (ISO), lasting `minutes`. */
export function run(created: string, minutes = 5, extra: Partial<RunRecord> = {}): RunRecord {
  ids += 1;
  const createdAt = at(created);
  return { id: `pr:${ids}`, createdAt, startedAt: createdAt + 1000, endedAt: createdAt + minutes * minute, trigger: 'scheduled', outcome: 'succeeded', ...extra };
}

/** Runs an evaluation sequence: each step's input on top of the defaults; returns the final state and views. */
export function evaluateAt(
  schedule: ResolvedSchedule,
  steps: { now: string; recent?: RunRecord[]; latest?: LatestRun; inMaintenance?: (t: number) => boolean; recentAsOf?: number }[],
  start?: ScheduleState,
) {
  let state = start ?? initialScheduleState(at(steps[0]?.now ?? '1970-01-01T00:00:00Z') - 1);
  const views: ScheduleView[] = [];
  for (const step of steps) {
    const input: ScheduleInput = {
      schedule,
      recent: step.recent ?? [],
      inMaintenance: step.inMaintenance ?? (() => false),
      now: at(step.now),
      ...(step.latest === undefined ? {} : { latest: step.latest }),
      ...(step.recentAsOf === undefined ? {} : { recentAsOf: step.recentAsOf }),
    };
    const out = evaluateSchedule(state, input);
    state = out.state;
    views.push(out.view);
  }
  const view = views[views.length - 1];
  if (view === undefined) throw new Error('no steps');
  return { state, views, view };
}
