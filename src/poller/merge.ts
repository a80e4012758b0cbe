import type { BatchProcess } from '../guidewire/types.js';
import type { ProcessThresholds, ProcessView } from '../model/snapshot.js';
import { trackProgress } from './stall.js';

/** What one poll learned about a target's processes. */
export interface FetchOutcome {
  /** Processes read successfully in this poll. */
  readonly fresh: readonly BatchProcess[];
  /** Codes whose read failed in this poll: their last-known values may outlive the failure. */
  readonly retain: readonly string[];
}

export interface MergeSettings {
  readonly now: number;
  readonly maxStalenessMs: number;
  /** The thresholds of a process (after per-process overrides). */
  thresholds(code: string): ProcessThresholds;
}

/**
 * Builds the processes of a target's next snapshot. Fresh reads replace what was known (and move
 * stall tracking on); processes whose read failed keep their last-known view until it is older than
 * `maxStalenessMs`; everything else (vanished from Guidewire, or 404) is dropped, so its series
 * disappear from /metrics. Pure; the result is sorted by code.
 */
export function mergeProcesses(
  previous: readonly ProcessView[],
  outcome: FetchOutcome,
  settings: MergeSettings,
): ProcessView[] {
  const before = new Map(previous.map((view) => [view.process.code, view]));
  const next = new Map<string, ProcessView>();
  for (const process of outcome.fresh) {
    const thresholds = settings.thresholds(process.code);
    const progress = trackProgress(before.get(process.code)?.progress, process.status, settings.now, thresholds.stallAfterMs);
    const view = { process, thresholds, observedAt: settings.now };
    next.set(process.code, progress === undefined ? view : { ...view, progress });
  }
  for (const code of outcome.retain) {
    const old = before.get(code);
    if (old !== undefined && !next.has(code) && settings.now - old.observedAt <= settings.maxStalenessMs) next.set(code, old);
  }
  return [...next.values()].sort((a, b) => (a.process.code < b.process.code ? -1 : a.process.code > b.process.code ? 1 : 0));
}
