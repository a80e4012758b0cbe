/**
 * The runs a schedule is judged against: the recent history (RunRecord, newest first) plus the latest run
 * from the process status, which a poll sees before the next history read does. Pure.
 */
import type { RunRecord } from '../history/run-record.js';
import type { LatestRun } from './types.js';

/** One run as the judgement needs it: when the start was requested (else started), and when it ended. */
export interface JudgedRun {
  readonly began: number;
  readonly endedAt?: number;
  /** Still going (the latest run, running), so it ends after every time of interest. */
  readonly running: boolean;
  readonly completed: boolean;
  readonly scheduled: boolean;
}

/**
 * When a run answers a fire time: `dateCreated` (the scheduler's request, which is the fire time itself for
 * a scheduled run, however long the start then queues), else `startDate`. The history layer's `runBegan`
 * prefers the start, which is right for durations but would make a queued start look late.
 */
export const requestedAt = (run: { readonly createdAt?: number; readonly startedAt?: number }): number | undefined =>
  run.createdAt ?? run.startedAt;

/** Outcomes that mean the run did its work (failed ops are reported apart but the run ran to the end). */
const completedOutcomes: ReadonlySet<string> = new Set(['succeeded', 'failed_ops']);

/** The runs, newest first, the latest run first when it is newer than the history. Bounded by the inputs. */
export function judgedRuns(recent: readonly RunRecord[], latest: LatestRun | undefined): JudgedRun[] {
  const out: JudgedRun[] = [];
  for (const run of recent) {
    const began = requestedAt(run);
    if (began === undefined) continue;
    out.push({
      began,
      ...(run.endedAt === undefined ? {} : { endedAt: run.endedAt }),
      // A history entry with no end and no outcome is still going; one with an outcome but no end died.
      running: run.endedAt === undefined && run.outcome === undefined,
      completed: run.endedAt !== undefined && run.outcome !== undefined && completedOutcomes.has(run.outcome),
      scheduled: run.trigger === 'scheduled',
    });
  }
  const began = latest === undefined ? undefined : requestedAt(latest);
  if (latest !== undefined && began !== undefined) {
    const known = out.findIndex((run) => run.began === began);
    const history = out[known];
    // The status's view of the latest run is fresher than the history's (it may have ended since); its
    // outcome is the history's when the history has it, else a finished run is taken as completed.
    const ended = !latest.running && latest.endedAt !== undefined;
    const status: JudgedRun = {
      began,
      ...(latest.endedAt === undefined ? {} : { endedAt: latest.endedAt }),
      running: latest.running,
      completed: ended && (history === undefined || history.running || history.completed),
      scheduled: history?.scheduled === true,
    };
    if (known >= 0) out[known] = status;
    else out.unshift(status);
  }
  out.sort((a, b) => b.began - a.began);
  return out;
}

/** True when a run that began before `at` was still going at `at`. */
export function runningAt(runs: readonly JudgedRun[], at: number): boolean {
  return runs.some((run) => run.began < at && (run.running || (run.endedAt !== undefined && run.endedAt > at)));
}

/** True when some run began in [from, until). */
export function beganIn(runs: readonly JudgedRun[], from: number, until: number): boolean {
  return runs.some((run) => run.began >= from && run.began < until);
}

/** The median of some numbers (undefined for none). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
