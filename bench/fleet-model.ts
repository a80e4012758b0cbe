/**
 * The batch processes the benchmark serves: a deterministic, realistic mix per index (never run, running
 * work queues, completed, failed) with a few history rows each, so that every metric family — the run
 * counters and the duration histogram included — has series. Pure: time comes in as `now` and `tick`.
 */
import type { RawBatchProcess, RawProcessHistory, StaticModel } from '../src/simulator/index.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const minute = 60_000;
const lease = '00000000-0000-4000-8000-000000000000';

/** History rows kept per process when churning (a real installation purges old runs too). */
export const HISTORY_ROWS_KEPT = 10;

/** Every tenth process starts a new run every `CHURN_PERIOD` ticks while churning. */
export const CHURN_PERIOD = 20;

/** `Bench0042`: codes sort and read like Guidewire's. */
export const processCode = (index: number): string => `Bench${String(index).padStart(4, '0')}`;

type Kind = 'never_run' | 'running' | 'completed' | 'failed';

/** 5 % never ran, 20 % run right now, 10 % failed last time, the rest completed. */
function kindOf(index: number): Kind {
  const slot = index % 20;
  if (slot === 0) return 'never_run';
  if (slot <= 4) return 'running';
  if (slot <= 6) return 'failed';
  return 'completed';
}

function workQueue(index: number, running: boolean): Record<string, unknown> {
  return {
    numActiveExecutors: running ? 2 : 0,
    numActiveWorkItems: running ? 5 + (index % 7) : 0,
    executors: [
      { running, tasks: { processed: 100 + index, failed: index % 3, skipped: 0, checkedOut: running ? 2 : 0 } },
      { running: false, tasks: { processed: 50, failed: 0, skipped: 1, checkedOut: 0 } },
    ],
  };
}

/** One history row: a run of `seconds` that finished at `endedAt` (`ops` failed when `failedOps` > 0). */
export function historyRow(code: string, runId: string, endedAt: number, seconds: number, failedOps: number, internalFailure = false): RawProcessHistory {
  const start = endedAt - seconds * 1000;
  return {
    id: `bench:${code}:${runId}`,
    type: { code, name: `${code} name` },
    description: code,
    dateCreated: iso(start - 5),
    startDate: iso(start),
    dateCompleted: iso(endedAt),
    opsCompleted: 100,
    failedOps,
    ranToCompletion: !internalFailure,
    internalFailure,
    scheduled: !code.endsWith('7'),
    serverId: 'bench',
    leaseId: lease,
  };
}

/** The three runs before `now` of a process that has run: a success, one with failed ops, the latest. */
function pastRuns(index: number, now: number): RawProcessHistory[] {
  const code = processCode(index);
  const kind = kindOf(index);
  return [
    historyRow(code, 'a', now - 180 * minute, 40 + (index % 50), 0),
    historyRow(code, 'b', now - 120 * minute, 400 + index, 3),
    historyRow(code, 'c', now - 60 * minute, 5 + (index % 30), 0, kind === 'failed'),
  ];
}

/** The status the API reports for process `index` at `now` before any churn. */
export function initialProcess(index: number, now: number): RawBatchProcess {
  const code = processCode(index);
  const kind = kindOf(index);
  const distributed = index % 2 === 1;
  const type = { code, name: `${code} name` };
  if (kind === 'never_run') return { type, distributed, status: { failureReason: 'This batch process type has never run', type: code } };
  if (kind === 'running') {
    const done = (index * 7) % 100;
    const start = now - 10 * minute;
    return {
      type,
      distributed: true,
      status: { dateCreated: iso(start - 5), startDate: iso(start), opsCompleted: done, opsExpected: 100, failedOps: 0, progress: `${done} out of 100`, serverId: 'bench', type: code },
      workQueueStatus: workQueue(index, true),
    };
  }
  const latest = pastRuns(index, now)[2] as RawProcessHistory;
  const status: Record<string, unknown> = {
    dateCreated: latest.dateCreated,
    startDate: latest.startDate,
    dateCompleted: latest.dateCompleted,
    opsCompleted: latest.opsCompleted,
    failedOps: latest.failedOps,
    serverId: 'bench',
    type: code,
    ...(kind === 'failed' ? { failureReason: 'java.lang.IllegalStateException: lock not acquired' } : {}),
  };
  return { type, distributed, status, ...(distributed ? { workQueueStatus: workQueue(index, false) } : {}) };
}

/** Fills `model` with `count` processes and their past runs. */
export function populate(model: StaticModel, count: number, now: number): void {
  for (let index = 0; index < count; index++) {
    const process = initialProcess(index, now);
    model.set(process);
    if (kindOf(index) !== 'never_run') model.setHistories(process.type.code, pastRuns(index, now));
  }
}

/**
 * One second of life: every tenth process (those that completed) runs again every `CHURN_PERIOD` ticks,
 * showing progress while it runs and adding a history row when it finishes. Every 10 ticks one process
 * vanishes and a new one appears, so series come and go while the count stays the same.
 */
export function churn(model: StaticModel, codes: string[], tick: number, now: number): void {
  codes.forEach((code, index) => {
    if (index % 10 !== 7) return;
    const phase = (tick + index) % CHURN_PERIOD;
    const run = Math.floor((tick + index) / CHURN_PERIOD);
    const started = now - phase * 1000;
    const type = { code, name: `${code} name` };
    if (phase < 5) {
      const done = phase * 20;
      model.set({
        type,
        distributed: true,
        status: { dateCreated: iso(started - 5), startDate: iso(started), opsCompleted: done, opsExpected: 100, failedOps: 0, progress: `${done} out of 100`, serverId: 'bench', type: code },
        workQueueStatus: workQueue(index, true),
      });
      return;
    }
    const row = historyRow(code, `run${run}`, now - (phase - 5) * 1000, 5, run % 4 === 0 ? 1 : 0);
    const { dateCreated, startDate, dateCompleted, opsCompleted, failedOps } = row;
    model.set({ type, distributed: true, status: { dateCreated, startDate, dateCompleted, opsCompleted, failedOps, serverId: 'bench', type: code }, workQueueStatus: workQueue(index, false) });
    const rows = model.histories(code, now) ?? [];
    if (!rows.some((r) => r.id === row.id)) model.setHistories(code, [...rows, row].slice(-HISTORY_ROWS_KEPT));
  });
  if (tick % 10 === 0 && codes.length > 0) {
    const slot = (tick / 10) % codes.length;
    const gone = codes[slot];
    if (gone !== undefined) model.remove(gone);
    const fresh = `Churned${tick}`;
    codes[slot] = fresh;
    const like = initialProcess(slot, now);
    model.set({ ...like, type: { code: fresh, name: `${fresh} name` }, status: { ...like.status, type: fresh } });
  }
}
