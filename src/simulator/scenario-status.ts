import { keyedRandom, randomInt } from './prng.js';
import type { RunObservation } from './scenario-runs.js';
import { NEVER_RUN_REASON, SERVER_IDS } from './scenario-spec.js';

/** Turns run observations into ProcessStatus and workQueueStatus JSON, in the documented shapes. */

const iso = (ms: number): string => new Date(ms).toISOString();

/** Keys sorted alphabetically, as in Guidewire's documented examples. */
function sorted(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The `status` object for a type whose latest run is `observation` (or that never ran, when `undefined`):
 * never run, just started, running or completed (with `failureReason` when that run failed).
 */
export function statusJson(code: string, observation: RunObservation | undefined): Record<string, unknown> {
  if (observation === undefined) return { failureReason: NEVER_RUN_REASON, type: code };
  const { run } = observation;
  const common = {
    dateCreated: iso(run.dateCreated),
    failedOps: observation.failedOps,
    opsCompleted: observation.opsCompleted,
    serverId: run.serverId,
    type: code,
  };
  switch (observation.phase) {
    case 'starting':
      return sorted(common);
    case 'running':
      return sorted({
        ...common,
        startDate: iso(run.startDate),
        opsExpected: run.opsExpected,
        progress: `${observation.processed} out of ${run.opsExpected}`,
      });
    case 'finished':
      return sorted({
        ...common,
        startDate: iso(run.startDate),
        dateCompleted: iso(observation.dateCompleted ?? run.startDate),
        ...(run.failureReason === undefined ? {} : { failureReason: run.failureReason }),
      });
  }
}

/** Splits `total` over `parts` as evenly as possible (earlier parts get the remainder). */
function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

/**
 * `workQueueStatus` of a distributed process, in the older SOAP-like names (the Cloud API's names are
 * undocumented): `numActiveExecutors`, `numActiveWorkItems` and `executors[].tasks`. Worker counts are
 * stable per (seed, code); task counts describe the latest run.
 */
export function workQueueStatusJson(
  seed: number,
  code: string,
  observation: RunObservation | undefined,
): Record<string, unknown> {
  const r = keyedRandom(seed, code, 'executors');
  const count = randomInt(r, 1, SERVER_IDS.length);
  const first = randomInt(r, 0, SERVER_IDS.length - 1);
  const active = observation !== undefined && observation.phase !== 'finished';
  const remaining = observation === undefined ? 0 : observation.run.opsExpected - observation.processed;
  // Each worker checks out a small batch of items at a time; a stalled run keeps its items checked out.
  const inFlight = active ? Math.min(remaining, count * 10) : 0;
  const executors = Array.from({ length: count }, (_, i) => ({
    serverId: SERVER_IDS[(first + i) % SERVER_IDS.length] ?? SERVER_IDS[0],
    running: active,
    tasks: {
      checkedOut: share(inFlight, count, i),
      processed: share(observation?.opsCompleted ?? 0, count, i),
      failed: share(observation?.failedOps ?? 0, count, i),
      skipped: share(observation?.skippedOps ?? 0, count, i),
    },
  }));
  return { numActiveExecutors: active ? count : 0, numActiveWorkItems: inFlight, executors };
}
