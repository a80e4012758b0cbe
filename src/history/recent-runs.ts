import type { ProcessHistory } from '../guidewire/types.js';
import { classifyRun } from './outcome.js';
import type { RunRecord } from './run-record.js';

/**
 * How far back the first read of a process looks for its recent runs when fewer than `max_kept_runs`
 * are that recent: a day for the batch-window timeline, plus two hours for a nightly run that started
 * a little earlier the day before.
 */
export const keptWindowMs = 26 * 3_600_000;

/**
 * A run as kept in the recent-runs ring: only the fields the schedule evaluation, the forecasts and the
 * timeline use, so that 5000 processes × 100 runs stay small. A run without a completion date is running
 * while it is the newest (no outcome), and `incomplete` once a newer run superseded it. Pure.
 */
export function toRunRecord(run: ProcessHistory, superseded: boolean): RunRecord {
  const classified = classifyRun(run, superseded);
  const record: { -readonly [K in keyof RunRecord]: RunRecord[K] } = {
    id: run.id,
    trigger: run.scheduled === false ? 'manual' : 'scheduled',
  };
  if (run.dateCreated !== undefined) record.createdAt = run.dateCreated;
  if (run.startDate !== undefined) record.startedAt = run.startDate;
  if (run.dateCompleted !== undefined) record.endedAt = run.dateCompleted;
  if (classified !== undefined) record.outcome = classified.outcome;
  if (run.failedOps !== undefined) record.failedOps = run.failedOps;
  if (run.opsCompleted !== undefined) record.opsCompleted = run.opsCompleted;
  return record;
}

const beganOf = (run: RunRecord): number => run.startedAt ?? run.createdAt ?? run.endedAt ?? -Infinity;

/**
 * The ring after a read: the runs just read and the kept ones, each id once (the fresh reading wins: a
 * run kept as running may have finished since), newest first by when they began (a read that starts over,
 * after a purge, may bring older runs again), and only the newest `max`. Returns `previous` itself when
 * the read brought nothing, so an unchanged ring keeps its identity. Pure.
 */
export function mergeRecent(previous: readonly RunRecord[] | undefined, fresh: readonly RunRecord[], max: number): readonly RunRecord[] {
  if (fresh.length === 0 && previous !== undefined) return previous;
  const byId = new Map<string, RunRecord>();
  for (const run of previous ?? []) byId.set(run.id, run);
  for (const run of fresh) byId.set(run.id, run);
  // A stable sort: runs with the same start keep the reader's order.
  return [...byId.values()].sort((a, b) => beganOf(b) - beganOf(a)).slice(0, max);
}

/**
 * Whether runs read so far (newest first) fill the ring: `max` of them, or the oldest began more than
 * `keptWindowMs` before `now` (Guidewire's clock). Pure.
 */
export function ringFilled(runs: readonly ProcessHistory[], max: number, now: number): boolean {
  if (runs.length >= max) return true;
  const oldest = runs[runs.length - 1];
  const began = oldest?.startDate ?? oldest?.dateCreated ?? oldest?.dateCompleted;
  return began !== undefined && began < now - keptWindowMs;
}
