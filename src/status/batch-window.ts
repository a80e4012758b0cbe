/**
 * Builds the batch window (`/batch-window`) from the same input as the status page: the status view
 * (flags, filter, order, row anchors) plus each process's recent runs and fire times. Pure.
 */
import type { HistoryStats } from '../history/stats.js';
import { runBegan, type RunRecord } from '../history/run-record.js';
import { processState } from '../model/process-state.js';
import type { ProcessView } from '../model/snapshot.js';
import type { TargetStatusInput } from '../model/target-status.js';
import type { BarKind, BatchWindowView, Mark, RunBar, WindowGroup, WindowRow, WindowTarget } from './batch-window-types.js';
import { runSteps, type Steps } from './steps.js';
import { barGeometry, batchWindowRange, hourLines, inWindow, xOf, type TimeWindow } from './timeline.js';
import type { ProcessRow, StatusQuery, TargetRow } from './types.js';
import { statusViewSteps, type StatusInput } from './view-model.js';
import { zoneClock } from './zone-time.js';

/**
 * Bounds of one page, so that 5,000 processes cost a page a browser can show: rows drawn in all (the
 * rest are counted, "refine the filter"), bars per row (the newest; `limits.max_kept_runs` bounds them
 * first) and names listed for processes with nothing in the window.
 */
export const maxDrawnRows = 500;
export const maxBarsPerRow = 200;
export const maxQuietNames = 300;

/** A run's start within a second of another's: the same run seen in the status and in the history. */
const sameStart = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) < 1_000;

/** The bar of one history item; the newest item without an outcome is the running run. */
function historyBar(run: RunRecord, newest: boolean, now: number): Omit<RunBar, 'x' | 'width' | 'clippedStart' | 'clippedEnd'> | undefined {
  const begin = runBegan(run);
  if (begin === undefined) return undefined;
  const running = run.outcome === undefined && run.endedAt === undefined && newest;
  const kind: BarKind = run.outcome ?? (running ? 'running' : 'incomplete');
  const end = run.endedAt ?? (running ? now : begin);
  return { id: run.id, kind, trigger: run.trigger, begin, end, ...(run.failedOps === undefined ? {} : { failedOps: run.failedOps }) };
}

/**
 * The latest run as the status shows it, when the history does not have it yet (the history is read
 * less often than the status): running until now, or finished with the outcome the status implies.
 */
function statusBar(view: ProcessView, recent: readonly RunRecord[], now: number): Omit<RunBar, 'x' | 'width' | 'clippedStart' | 'clippedEnd'> | undefined {
  const status = view.process.status;
  const begin = status?.startDate ?? status?.dateCreated;
  if (status === undefined || begin === undefined || recent.some((run) => sameStart(runBegan(run), begin))) return undefined;
  const state = processState(status);
  if (state === 'running') return { kind: 'running', begin, end: now };
  const kind: BarKind = state === 'failed' ? 'internal_failure' : (status.failedOps ?? 0) > 0 ? 'failed_ops' : 'succeeded';
  return { kind, begin, end: status.dateCompleted ?? begin, ...(status.failedOps === undefined ? {} : { failedOps: status.failedOps }) };
}

/** Every run's bar in the window, oldest first, the newest `maxBarsPerRow` of them. */
export function runBars(view: ProcessView, stats: HistoryStats | undefined, window: TimeWindow, now: number): { bars: RunBar[]; dropped: number } {
  const recent = stats?.recent ?? [];
  const runs = [...recent.map((run, index) => historyBar(run, index === 0, now)), statusBar(view, recent, now)];
  const bars: RunBar[] = [];
  for (const run of runs) {
    if (run === undefined) continue;
    const geometry = barGeometry(run.begin, run.end, window);
    if (geometry !== undefined) bars.push({ ...run, ...geometry });
  }
  bars.sort((a, b) => a.begin - b.begin);
  const dropped = Math.max(0, bars.length - maxBarsPerRow);
  return { bars: bars.slice(dropped), dropped };
}

const mark = (at: number, window: TimeWindow): Mark => ({ at, x: xOf(at, window) });

/**
 * Where a process goes: `attention` when it is failing (late, a deadline, …) or a run in the window did
 * not succeed; `active` when it has runs or fire times in the window; `quiet` otherwise.
 */
export function groupOf(row: Pick<WindowRow, 'failing' | 'bars' | 'fireTimes' | 'next' | 'deadline'>): WindowGroup {
  if (row.failing || row.bars.some((bar) => bar.kind !== 'succeeded' && bar.kind !== 'running')) return 'attention';
  return row.bars.length > 0 || row.fireTimes.length > 0 || row.next !== undefined || row.deadline !== undefined ? 'active' : 'quiet';
}

/** One process's row of the timeline. Pure. */
export function windowRow(row: ProcessRow, view: ProcessView, stats: HistoryStats | undefined, window: TimeWindow, now: number): WindowRow {
  const { bars, dropped } = runBars(view, stats, window, now);
  const schedule = view.schedule;
  const fireTimes = (schedule?.windowFireTimes ?? []).filter((at) => inWindow(at, window)).map((at) => mark(at, window));
  const next = schedule?.nextAt !== undefined && inWindow(schedule.nextAt, window) ? mark(schedule.nextAt, window) : undefined;
  const lateSince = schedule?.late === true && schedule.previousAt !== undefined && inWindow(schedule.previousAt, window) ? mark(schedule.previousAt, window) : undefined;
  const d = row.schedule?.deadline;
  const deadline = d !== undefined && inWindow(d.at, window) ? { ...mark(d.at, window), label: d.label, missed: d.missed, atRisk: d.atRisk } : undefined;
  const running = bars.some((bar) => bar.kind === 'running');
  const forecast = running && d?.forecastAt !== undefined && d.forecastAt > now ? mark(d.forecastAt, window) : undefined;
  const parts = {
    bars,
    fireTimes,
    failing: row.failing,
    ...(next === undefined ? {} : { next }),
    ...(deadline === undefined ? {} : { deadline }),
  };
  return {
    code: row.code,
    name: row.name,
    anchor: row.anchor,
    flags: row.flags,
    group: groupOf(parts),
    barsDropped: dropped,
    ...parts,
    ...(forecast === undefined ? {} : { forecast }),
    ...(lateSince === undefined ? {} : { lateSince }),
    ...(row.schedule === undefined
      ? {}
      : { schedule: { label: row.schedule.label, source: row.schedule.source, timezone: row.schedule.timezone, late: row.schedule.late } }),
  };
}

const emptyGroups = (): Record<WindowGroup, WindowRow[]> => ({ attention: [], active: [], quiet: [] });

/** One target's timeline; `budget` is how many more rows the page may draw. */
function windowTarget(target: TargetRow, input: TargetStatusInput, budget: number): WindowTarget {
  const now = target.serverNow;
  const window = batchWindowRange(now);
  const views = new Map(input.snapshot.processes.map((view) => [view.process.code, view]));
  const all = emptyGroups();
  let hidden = 0;
  for (const row of target.processes) {
    const view = views.get(row.code);
    if (!row.visible || view === undefined) {
      hidden += 1;
      continue;
    }
    const built = windowRow(row, view, input.snapshot.history?.get(row.code), window, now);
    all[built.group].push(built);
  }
  const attention = all.attention.slice(0, budget);
  const active = all.active.slice(0, budget - attention.length);
  return {
    name: target.name,
    anchor: target.anchor,
    now: mark(now, window),
    window,
    zone: target.zone,
    hours: hourLines(window, zoneClock(target.zone)),
    groups: { attention, active, quiet: all.quiet.slice(0, maxQuietNames) },
    counts: { attention: all.attention.length, active: all.active.length, quiet: all.quiet.length },
    notDrawn: all.attention.length + all.active.length - attention.length - active.length,
    hidden,
    maintenance: target.maintenance?.active === true,
  };
}

/** The batch window of every target, a target per step (after the status view's own steps). Pure. */
export function* batchWindowSteps(input: StatusInput, query: StatusQuery): Steps<BatchWindowView> {
  const status = yield* statusViewSteps(input, query);
  const targets: WindowTarget[] = [];
  let drawn = 0;
  for (const [index, target] of status.targets.entries()) {
    const source = input.targets[index];
    if (source === undefined) continue;
    const built = windowTarget(target, source, maxDrawnRows - drawn);
    drawn += built.groups.attention.length + built.groups.active.length;
    targets.push(built);
    yield;
  }
  return { version: input.version, now: input.now, query, targets, drawn };
}

/** `batchWindowSteps` all at once. Pure. */
export function buildBatchWindow(input: StatusInput, query: StatusQuery): BatchWindowView {
  return runSteps(batchWindowSteps(input, query));
}
