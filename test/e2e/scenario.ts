import type { RawBatchProcess, RawProcessHistory, StaticModel } from '../../src/simulator/index.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** A finished run as a history row plus the matching status, as Guidewire keeps them consistent. */
export function finishedRun(code: string, endedAt: number, seconds: number, failedOps = 0): RawProcessHistory {
  const start = endedAt - seconds * 1000;
  return {
    id: `e2e:${code}:${endedAt}`,
    type: { code, name: code },
    description: code,
    dateCreated: iso(start - 5),
    startDate: iso(start),
    dateCompleted: iso(endedAt),
    opsCompleted: 100,
    failedOps,
    ranToCompletion: true,
    internalFailure: false,
    scheduled: true,
    serverId: '55d109613ac9',
    leaseId: '00000000-0000-4000-8000-000000000000',
  };
}

/** Appends runs to a process's history and makes its status show the newest (or `status` when given). */
export function record(model: StaticModel, code: string, distributed: boolean, runs: RawProcessHistory[], status?: Record<string, unknown>): void {
  for (const run of runs) model.addHistory(code, run);
  const latest = runs[runs.length - 1];
  const { dateCreated, startDate, dateCompleted, opsCompleted, failedOps } = latest ?? {};
  const process: RawBatchProcess = {
    type: { code, name: code },
    distributed,
    status: status ?? { dateCreated, startDate, dateCompleted, opsCompleted, failedOps, serverId: '55d109613ac9', type: code },
    ...(distributed ? { workQueueStatus: { numActiveExecutors: 2, numActiveWorkItems: 3, executors: [{ running: true, tasks: { processed: 10, failed: 1, skipped: 0, checkedOut: 2 } }] } } : {}),
  };
  model.set(process);
}

/** A running status: `ops` of 100 done, started `startedAt`. */
export function runningStatus(code: string, startedAt: number, ops: number): Record<string, unknown> {
  return {
    dateCreated: iso(startedAt - 5),
    startDate: iso(startedAt),
    opsCompleted: ops,
    opsExpected: 100,
    failedOps: 0,
    progress: `${ops} out of 100`,
    serverId: '55d109613ac9',
    type: code,
  };
}
