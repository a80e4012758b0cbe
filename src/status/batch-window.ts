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
 * Bounds of one page, so that 5,000 processes cost a page a browser can show (~0.3 KB of HTML a bar):
 * rows and bars drawn in all (the rest are counted, "refine the filter"; the trouble is drawn first),
 * bars per row (the newest; `limits.max_kept_runs` bounds them first) and names listed for processes
 * with nothing in the window.
 */
export const maxDrawnRows = 500;
export const maxDrawnBars = 10_000;
export const maxBarsPerRow = 200;
export const maxQuietNames = 300;

/** A run's start within a second of another's: the same run seen in the status and in the history. */
const sameStart = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) < 1_000;

/** A run's extent and outcome, before it is placed on the timeline. */
type RunSpan = Omit<RunBar, 'x' | 'width' | 'clippedStart' | 'clippedEnd'>;

/** The span of one history item; the newest item without an outcome is the running run. */
function historySpan(run: RunRecord, newest: boolean, now: number): RunSpan | undefined {
  const begin = runBegan(run);
  if (begin === undefined) return undefined;
  const running = run.outcome === undefined && run.endedAt === undefined && newest;
  const kind: BarKind = run.outcome ?? (running ? 'running' : 'incomplete');
  const end = run.endedAt ?? (running ? now : begin);
  return run.failedOps === undefined ? { id: run.id, kind, trigger: run.trigger, begin, end } : { id: run.id, kind, trigger: run.trigger, begin, end, failedOps: run.failedOps };
}

/**
 * The latest run as the status shows it, when the history does not have it yet (the history is read
 * less often than the status): running until now, or finished with the outcome the status implies.
 */
function statusSpan(view: ProcessView, recent: readonly RunRecord[], now: number): RunSpan | undefined {
  const status = view.process.status;
  const begin = status?.startDate ?? status?.dateCreated;
  if (status === undefined || begin === undefined || recent.some((run) => sameStart(runBegan(run), begin))) return undefined;
  const state = processState(status);
  if (state === 'running') return { kind: 'running', begin, end: now };
  const kind: BarKind = state === 'failed' ? 'internal_failure' : (status.failedOps ?? 0) > 0 ? 'failed_ops' : 'succeeded';
  const end = status.dateCompleted ?? begin;
  return status.failedOps === undefined ? { kind, begin, end } : { kind, begin, end, failedOps: status.failedOps };
}

/** Every run of a process that overlaps the window, unordered. */
function spansIn(view: ProcessView, stats: HistoryStats | undefined, window: TimeWindow, now: number): RunSpan[] {
  const recent = stats?.recent ?? [];
  const spans: RunSpan[] = [];
  const add = (span: RunSpan | undefined): void => {
    if (span !== undefined && Math.max(span.begin, span.end) >= window.from && span.begin <= window.to) spans.push(span);
  };
  for (const [index, run] of recent.entries()) add(historySpan(run, index === 0, now));
  add(statusSpan(view, recent, now));
  return spans;
}

/** The spans' bars, oldest first, the newest `maxBarsPerRow` of them. */
function barsOf(spans: readonly RunSpan[], window: TimeWindow): { bars: RunBar[]; dropped: number } {
  const sorted = [...spans].sort((a, b) => a.begin - b.begin);
  const dropped = Math.max(0, sorted.length - maxBarsPerRow);
  const bars: RunBar[] = [];
  for (const span of sorted.slice(dropped)) {
    const geometry = barGeometry(span.begin, span.end, window);
    if (geometry !== undefined) bars.push({ ...span, ...geometry });
  }
  return { bars, dropped };
}

/** Every run's bar in the window, oldest first, the newest `maxBarsPerRow` of them. */
export function runBars(view: ProcessView, stats: HistoryStats | undefined, window: TimeWindow, now: number): { bars: RunBar[]; dropped: number } {
  return barsOf(spansIn(view, stats, window, now), window);
}

const mark = (at: number, window: TimeWindow): Mark => ({ at, x: xOf(at, window) });

/**
 * Where a process goes: `attention` when it is failing (late, a deadline, …) or a run in the window did
 * not succeed; `active` when it has runs or fire times in the window; `quiet` otherwise.
 */
export function groupOf(row: { readonly failing: boolean; readonly bars: readonly Pick<RunBar, 'kind'>[]; readonly fireTimes: readonly unknown[]; readonly next?: unknown; readonly deadline?: unknown }): WindowGroup {
  if (row.failing || row.bars.some((bar) => bar.kind !== 'succeeded' && bar.kind !== 'running')) return 'attention';
  return row.bars.length > 0 || row.fireTimes.length > 0 || row.next !== undefined || row.deadline !== undefined ? 'active' : 'quiet';
}

/** Where a process goes, judged without drawing it (most of 5,000 are not drawn). */
function groupOfProcess(row: ProcessRow, view: ProcessView, stats: HistoryStats | undefined, window: TimeWindow, now: number): WindowGroup {
  if (row.failing) return 'attention';
  const fireTimes = (view.schedule?.windowFireTimes ?? []).filter((at) => inWindow(at, window));
  const next = view.schedule?.nextAt !== undefined && inWindow(view.schedule.nextAt, window) ? view.schedule.nextAt : undefined;
  const deadline = row.schedule?.deadline !== undefined && inWindow(row.schedule.deadline.at, window) ? row.schedule.deadline : undefined;
  return groupOf({ failing: false, bars: spansIn(view, stats, window, now), fireTimes, ...(next === undefined ? {} : { next }), ...(deadline === undefined ? {} : { deadline }) });
}

/** One process's row of the timeline. Pure. */
export function windowRow(row: ProcessRow, view: ProcessView, stats: HistoryStats | undefined, window: TimeWindow, now: number): WindowRow {
  const spans = spansIn(view, stats, window, now);
  const { bars, dropped } = barsOf(spans, window);
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
    // From every run in the window, as `groupOfProcess` judges it, not only the drawn ones.
    group: groupOf({ ...parts, bars: spans }),
    barsDropped: dropped,
    ...parts,
    ...(forecast === undefined ? {} : { forecast }),
    ...(lateSince === undefined ? {} : { lateSince }),
    ...(row.schedule === undefined
      ? {}
      : { schedule: { label: row.schedule.label, source: row.schedule.source, timezone: row.schedule.timezone, late: row.schedule.late } }),
  };
}

interface Candidate {
  readonly row: ProcessRow;
  readonly view: ProcessView;
  readonly stats: HistoryStats | undefined;
}

/** What a page may still draw. */
interface Budget {
  rows: number;
  bars: number;
}

/** Draws candidates in order while the budget lasts (a row has at most `maxBarsPerRow`, far below the page's bars). */
function draw(candidates: readonly Candidate[], budget: Budget, window: TimeWindow, now: number): WindowRow[] {
  const rows: WindowRow[] = [];
  for (const { row, view, stats } of candidates) {
    if (budget.rows <= 0) break;
    const built = windowRow(row, view, stats, window, now);
    if (built.bars.length > budget.bars) break;
    budget.rows -= 1;
    budget.bars -= built.bars.length;
    rows.push(built);
  }
  return rows;
}

/** One target's timeline, drawing what `budget` still allows (and taking it from the budget). */
function windowTarget(target: TargetRow, input: TargetStatusInput, budget: Budget): WindowTarget {
  const now = target.serverNow;
  const window = batchWindowRange(now);
  const views = new Map(input.snapshot.processes.map((view) => [view.process.code, view]));
  const all: Record<WindowGroup, Candidate[]> = { attention: [], active: [], quiet: [] };
  let hidden = 0;
  for (const row of target.processes) {
    const view = views.get(row.code);
    if (!row.visible || view === undefined) {
      hidden += 1;
      continue;
    }
    const stats = input.snapshot.history?.get(row.code);
    all[groupOfProcess(row, view, stats, window, now)].push({ row, view, stats });
  }
  const attention = draw(all.attention, budget, window, now);
  // Once a row did not fit, none after it is drawn: the page stops at one place, "N more".
  const active = attention.length < all.attention.length ? [] : draw(all.active, budget, window, now);
  return {
    name: target.name,
    anchor: target.anchor,
    now: mark(now, window),
    window,
    zone: target.zone,
    hours: hourLines(window, zoneClock(target.zone)),
    groups: { attention, active, quiet: all.quiet.slice(0, maxQuietNames).map(({ row, view, stats }) => windowRow(row, view, stats, window, now)) },
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
  const budget: Budget = { rows: maxDrawnRows, bars: maxDrawnBars };
  for (const [index, target] of status.targets.entries()) {
    const source = input.targets[index];
    if (source === undefined) continue;
    targets.push(windowTarget(target, source, budget));
    yield;
  }
  return { version: input.version, now: input.now, query, targets, drawn: maxDrawnRows - budget.rows };
}

/** `batchWindowSteps` all at once. Pure. */
export function buildBatchWindow(input: StatusInput, query: StatusQuery): BatchWindowView {
  return runSteps(batchWindowSteps(input, query));
}
