/**
 * The cost of judging schedules (issue 14): a target of N processes evaluated by the poller's
 * ScheduleTracker, as a poll does it, on the real engine and croner. Two estates: every process under one
 * override's schedule (shared: compiled once), and every process with its own imported expression
 * (distinct: N compiled crons, the worst case a scheduler-config.xml can give). Measures the first poll
 * (fire times of the last day computed), the steady polls after it, the heap the schedules keep, and the
 * longest event-loop block while a poll evaluates (the tracker yields every 50 processes).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ImportedSchedule, ProcessOverride, TargetConfig } from '../src/config/types.js';
import { defaults } from '../src/config/types.js';
import type { ProcessView } from '../src/model/snapshot.js';
import { ScheduleTracker } from '../src/poller/schedules.js';
import { silentLogger } from '../src/logger.js';

export interface ScheduleBenchResult {
  readonly estate: 'shared' | 'distinct';
  readonly processes: number;
  readonly firstPollMs: number;
  readonly steadyPollMs: number;
  readonly heapMiB: number;
  readonly maxBlockMs: number;
  /** Processes that came out of the last poll with a schedule view (all of them, or the bench measured nothing). */
  readonly judged: number;
}

const minute = 60_000;

function target(processes: number, estate: 'shared' | 'distinct'): { target: TargetConfig; override: (code: string) => ProcessOverride | undefined } {
  const shared: ProcessOverride = { match: '*', schedule: ['0 0/15 * * * ?'], timezone: 'America/Chicago' };
  const imported = new Map<string, readonly ImportedSchedule[]>();
  if (estate === 'distinct') {
    for (let i = 0; i < processes; i += 1) {
      // Distinct expressions: second, minute and hour vary, so no two processes share a compiled cron.
      imported.set(`P${i}`, [{ expression: `${i % 60} ${Math.floor(i / 60) % 60} ${i % 24} * * ?`, source: `bench.xml:${i + 1}` }]);
    }
  }
  const config: TargetConfig = {
    name: 'bench',
    baseUrl: 'http://127.0.0.1:1/rest',
    auth: { kind: 'none' },
    tls: { insecureSkipVerify: false },
    pollIntervalMs: minute,
    requestTimeoutMs: 10_000,
    concurrency: 4,
    listPageSize: 100,
    stallAfterMs: defaults.stallAfterMs,
    maxStalenessMs: defaults.maxStalenessMs,
    historyIntervalMs: defaults.historyIntervalMs,
    history: true,
    include: ['*'],
    exclude: [],
    overrides: estate === 'shared' ? [shared] : [],
    limits: { ...defaults.limits },
    timezone: 'America/Chicago',
    graceMs: defaults.graceMs,
    ...(estate === 'distinct' ? { schedulerImport: { file: 'bench.xml', processes: imported } } : {}),
    maintenance: [],
  };
  return { target: config, override: () => (estate === 'shared' ? shared : undefined) };
}

function views(processes: number, now: number): ProcessView[] {
  return Array.from({ length: processes }, (_, i) => ({
    process: {
      code: `P${i}`,
      name: `Process ${i}`,
      distributed: false,
      status: { dateCreated: now - 10 * minute, startDate: now - 10 * minute + 500, dateCompleted: now - 9 * minute, opsCompleted: 10, failedOps: 0 },
    },
    thresholds: { stallAfterMs: defaults.stallAfterMs },
    observedAt: now,
  }));
}

const heap = (): number => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};

/** One estate: a first poll, then `polls` polls a minute apart. Run with --expose-gc for the heap figure. */
export async function runScheduleBench(estate: 'shared' | 'distinct', processes: number, polls: number): Promise<ScheduleBenchResult> {
  const { target: config, override } = target(processes, estate);
  const before = heap();
  const tracker = new ScheduleTracker({ target: config, log: silentLogger(), override, failed: () => undefined });
  let now = Date.parse('2026-12-07T09:03:00Z');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let started = performance.now();
  await tracker.evaluate(views(processes, now), undefined, 'America/Chicago', now);
  const firstPollMs = performance.now() - started;
  let steady = 0;
  let judged = 0;
  for (let i = 0; i < polls; i += 1) {
    now += minute;
    const input = views(processes, now);
    started = performance.now();
    const out = await tracker.evaluate(input, undefined, 'America/Chicago', now);
    steady += performance.now() - started;
    judged = out.filter((view) => view.schedule !== undefined).length;
  }
  delay.disable();
  const heapMiB = (heap() - before) / 1024 / 1024;
  // After the heap reading, so the tracker (and what it keeps) is alive when the heap is read.
  if (tracker.tracked !== processes) throw new Error(`tracked ${tracker.tracked} of ${processes} processes`);
  return { estate, processes, firstPollMs, steadyPollMs: steady / polls, heapMiB, maxBlockMs: delay.max / 1e6, judged };
}
