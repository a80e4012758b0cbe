import type { ProcessHistory } from '../guidewire/types.js';
import { classifyRun, type ClassifiedRun } from './outcome.js';
import { readNewRuns, type FetchPage, type ReaderState } from './reader.js';
import { SeenIds } from './seen-ids.js';
import { accumulate, emptyStats, type HistoryStats } from './stats.js';

/** Everything kept about one process's run history between reads. */
export interface ProcessHistoryState {
  readonly reader: ReaderState;
  readonly stats: HistoryStats;
  /** False until the first read: that read sets the last-* times but counts only runs after start-up. */
  readonly baselineDone: boolean;
  /** When the last read finished, and the latest-run key the status showed then. */
  readonly lastReadAt?: number;
  readonly lastRunKey?: string;
}

export interface HistoryReadContext {
  /** When the exporter started (ms): runs that ended before it are history, not new events. */
  readonly startedAt: number;
  readonly now: number;
  /** The process's latest-run key from its status, remembered to skip reads when nothing changed. */
  readonly runKey: string;
}

/** Page caps: a first read looks back a little for the last success and failure; later reads catch up. */
export const baselineMaxPages = 4;
export const catchUpMaxPages = 20;

export function initialHistoryState(bounds: readonly number[]): ProcessHistoryState {
  return { reader: { seen: new SeenIds() }, stats: emptyStats(bounds), baselineDone: false };
}

const classifyAll = (runs: readonly ProcessHistory[]): ClassifiedRun[] =>
  runs.flatMap((run, index) => classifyRun(run, index > 0) ?? []);

/** True once the runs include a success and something else: enough for the first read's last-* times. */
function haveBoth(runs: readonly ProcessHistory[]): boolean {
  const classified = classifyAll(runs);
  return classified.some((r) => r.outcome === 'succeeded') && classified.some((r) => r.outcome !== 'succeeded');
}

/**
 * Reads the runs of one process that are new since the last read and folds them into its stats.
 * Unfinished runs are left for a later read. Returns the new state and how many requests it took.
 */
export async function readProcessHistory(
  fetchPage: FetchPage,
  state: ProcessHistoryState,
  context: HistoryReadContext,
): Promise<{ state: ProcessHistoryState; requests: number; invalid: readonly string[] }> {
  const baseline = !state.baselineDone;
  const result = await readNewRuns(fetchPage, state.reader, {
    maxPages: baseline ? baselineMaxPages : catchUpMaxPages,
    ...(baseline ? { enough: haveBoth } : {}),
  });
  const classified = classifyAll(result.runs);
  const stats = accumulate(
    state.stats,
    classified.map((run) => ({ run, count: !baseline || (run.endedAt ?? -Infinity) >= context.startedAt })),
  );
  const seen = state.reader.seen.add(classified.map((run) => run.id).reverse());
  return {
    state: { reader: { ...result.state, seen }, stats, baselineDone: true, lastReadAt: context.now, lastRunKey: context.runKey },
    requests: result.requests,
    invalid: result.invalid,
  };
}
