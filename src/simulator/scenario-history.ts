import { runsOf, type ScenarioRunRecord } from './scenario-runs.js';
import { HISTORY_MS, type ScenarioProcess } from './scenario-spec.js';
import type { RawProcessHistory } from './types.js';

/** ProcessHistory rows of a scenario process: its runs, bounded like ProcessHistoryPurge would leave them. */

/** At most this many rows per type, whatever the period (the latest ones). */
export const HISTORY_MAX_RUNS = 500;

const iso = (ms: number): string => new Date(ms).toISOString();

/** One run as the `attributes` of a `/histories` item. */
function historyJson(spec: ScenarioProcess, record: ScenarioRunRecord): RawProcessHistory {
  return {
    id: record.id,
    type: { code: spec.code, name: spec.name },
    description: spec.name,
    dateCreated: iso(record.dateCreated),
    ...(record.startDate === undefined ? {} : { startDate: iso(record.startDate) }),
    ...(record.dateCompleted === undefined ? {} : { dateCompleted: iso(record.dateCompleted) }),
    opsCompleted: record.opsCompleted,
    failedOps: record.failedOps,
    ranToCompletion: record.ranToCompletion,
    internalFailure: record.internalFailure,
    scheduled: record.scheduled,
    serverId: record.serverId,
    leaseId: record.leaseId,
  };
}

/**
 * The history of `spec` at `now`, oldest first: every run created within `HISTORY_MS` before `now` (at most
 * `HISTORY_MAX_RUNS`), including the current, maybe unfinished, run, which is kept however old it is.
 * The latest row agrees with the status at `now` (dates, ops).
 */
export function scenarioHistories(spec: ScenarioProcess, seed: number, epoch: number, now: number): RawProcessHistory[] {
  return historyRows(spec, runsOf(spec, seed, epoch, now, { since: now - HISTORY_MS, maxRuns: HISTORY_MAX_RUNS }));
}

/** `records` (oldest first) as `/histories` rows. */
export function historyRows(spec: ScenarioProcess, records: readonly ScenarioRunRecord[]): RawProcessHistory[] {
  return records.map((r) => historyJson(spec, r));
}
