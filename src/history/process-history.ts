import { defaults } from '../config/types.js';
import type { ItemIssue } from '../guidewire/item-issues.js';
import type { ProcessHistory } from '../guidewire/types.js';
import { classifyRun, type ClassifiedRun } from './outcome.js';
import { readNewRuns, type FetchPage, type ReaderState } from './reader.js';
import { baselineCandidates } from './baseline.js';
import { mergeRecent, ringFilled, toRunRecord } from './recent-runs.js';
import { SeenIds } from './seen-ids.js';
import { accumulate, emptyStats, type HistoryStats } from './stats.js';

/** Everything kept about one process's run history between reads. */
export interface ProcessHistoryState {
  readonly reader: ReaderState;
  readonly stats: HistoryStats;
  /**
   * Runs that ended before this (ms) are history, not events: the exporter's start for processes
   * known from the start, the first sight for processes that appear (or reappear) later, so a
   * process that comes back never replays its runs into a counter that restarted at 0.
   */
  readonly countFrom: number;
  /**
   * When the last read finished (absent before the first read, which sets the last-* times but counts
   * only runs after `countFrom`), and the latest-run key the status showed then.
   */
  readonly lastReadAt?: number;
  readonly lastRunKey?: string;
}

export interface HistoryReadContext {
  /** The exporter's clock (when the read finished: for the read interval). */
  readonly now: number;
  /** Now on Guidewire's clock (to compare with run dates); `now` when the offset is unknown. */
  readonly guidewireNow?: number;
  /** Most runs kept in `stats.recent` (`limits.max_kept_runs`; its default when absent). */
  readonly maxKeptRuns?: number;
  /** The process's latest-run key from its status, remembered to skip reads when nothing changed. */
  readonly runKey: string;
  /**
   * Completed runs the first read looks back for, so that a baseline (`baseline_runs`) exists from the
   * start even for a nightly process; capped at `maxKeptRuns`. Absent or 0: no baseline wanted.
   */
  readonly baselineRuns?: number;
  /** False when `/histories` takes no `pageOffset`/`includeTotal`: pages by `links.next` only (see `ReadOptions`). */
  readonly offsets?: boolean;
}

/** Page caps: a first read looks back for the last success and failure and every countable run; later reads catch up. */
const baselineMaxPages = 8;
const catchUpMaxPages = 20;

export function initialHistoryState(bounds: readonly number[], countFrom: number): ProcessHistoryState {
  return { reader: { seen: new SeenIds() }, stats: emptyStats(bounds), countFrom };
}

const classifyAll = (runs: readonly ProcessHistory[]): ClassifiedRun[] =>
  runs.flatMap((run, index) => classifyRun(run, index > 0) ?? []);

/**
 * The first read may stop once it has seen a success and something else (for the last-* times), has
 * reached runs older than `countFrom` (stopping earlier would leave countable runs unread for good, since
 * later reads stop at the first known run), has filled the recent-runs ring (`max_kept_runs`, or the
 * last 26 hours of runs when there are fewer) and holds the completed runs a baseline wants (`baselineRuns`,
 * at most `max_kept_runs`). The page cap still bounds the read.
 */
function enoughFor(countFrom: number, maxKeptRuns: number, now: number, baselineRuns: number): (runs: readonly ProcessHistory[]) => boolean {
  const wanted = Math.min(baselineRuns, maxKeptRuns);
  return (runs) => {
    const classified = classifyAll(runs);
    const oldest = classified[classified.length - 1];
    return (
      oldest !== undefined &&
      (oldest.endedAt ?? -Infinity) < countFrom &&
      classified.some((r) => r.outcome === 'succeeded') &&
      classified.some((r) => r.outcome !== 'succeeded') &&
      ringFilled(runs, maxKeptRuns, now) &&
      (wanted <= 0 || baselineCandidates(runs.map((run, index) => toRunRecord(run, index > 0))) >= wanted)
    );
  };
}

/** A run a read counted: its history item and its classification (for its run event). */
export interface FinishedRun {
  readonly run: ProcessHistory;
  readonly classified: ClassifiedRun;
}

/**
 * The new runs that count (finished, and ended at or after `countFrom`), newest first: the same runs
 * `accumulate` counts, so each appears in exactly one read and never again after a restart. Pure.
 */
function countedRuns(runs: readonly ProcessHistory[], countFrom: number): FinishedRun[] {
  return runs.flatMap((run, index) => {
    const classified = classifyRun(run, index > 0);
    return classified !== undefined && (classified.endedAt ?? -Infinity) >= countFrom ? [{ run, classified }] : [];
  });
}

/**
 * Reads the runs of one process that are new since the last read and folds them into its stats.
 * Unfinished runs are left for a later read. Returns the new state, how many requests it took and the
 * runs it counted (`finished`, one run event each).
 */
export async function readProcessHistory(
  fetchPage: FetchPage,
  state: ProcessHistoryState,
  context: HistoryReadContext,
): Promise<{ state: ProcessHistoryState; requests: number; invalid: readonly ItemIssue[]; finished: readonly FinishedRun[] }> {
  const baseline = state.lastReadAt === undefined;
  const maxKeptRuns = context.maxKeptRuns ?? defaults.limits.maxKeptRuns;
  const result = await readNewRuns(fetchPage, state.reader, {
    maxPages: baseline ? baselineMaxPages : catchUpMaxPages,
    ...(context.offsets === false ? { offsets: false } : {}),
    ...(baseline ? { enough: enoughFor(state.countFrom, maxKeptRuns, context.guidewireNow ?? context.now, context.baselineRuns ?? 0) } : {}),
  });
  const classified = classifyAll(result.runs);
  const finished = countedRuns(result.runs, state.countFrom);
  const stats = accumulate(
    state.stats,
    // Counted by when they ended, on every read: a read that catches up on old runs never counts them.
    classified.map((run) => ({ run, count: (run.endedAt ?? -Infinity) >= state.countFrom })),
  );
  const seen = state.reader.seen.add(classified.map((run) => run.id).reverse());
  const fresh = result.runs.map((run, index) => toRunRecord(run, index > 0));
  const recent = mergeRecent(state.stats.recent, fresh, maxKeptRuns);
  // Every read makes new stats (at least `recentAsOf` moves); reads happen only when the latest run changed.
  const withRecent = { ...stats, recent, recentAsOf: context.guidewireNow ?? context.now };
  return {
    state: { ...state, reader: { ...result.state, seen }, stats: withRecent, lastReadAt: context.now, lastRunKey: context.runKey },
    requests: result.requests,
    invalid: result.invalid,
    finished,
  };
}
