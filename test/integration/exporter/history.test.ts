import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator, type RawBatchProcess, type RawProcessHistory, type StaticModel } from '../../../src/simulator/index.js';
import { pollerHarness, shiftableClock, targetConfig } from '../../support/harness.js';
import { valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A history row for run `k`, created at `at`, lasting `seconds`; `open` leaves it unfinished. */
function row(k: number, at: number, seconds: number, change: Partial<RawProcessHistory> & { open?: boolean } = {}): RawProcessHistory {
  const { open, ...rest } = change;
  return {
    id: `ab:run${String(k).padStart(4, '0')}`,
    type: { code: 'ActivityEsc', name: 'Activity Escalation' },
    description: 'Activity Escalation',
    dateCreated: iso(at),
    startDate: iso(at + 10),
    ...(open === true ? {} : { dateCompleted: iso(at + 10 + seconds * 1000) }),
    opsCompleted: 5,
    failedOps: 0,
    ranToCompletion: open !== true,
    internalFailure: false,
    scheduled: true,
    serverId: '55d109613ac9',
    leaseId: '00000000-0000-4000-8000-000000000000',
    ...rest,
  };
}

/** The status endpoint's view of the latest row, as Guidewire keeps them consistent. */
function processOf(latest: RawProcessHistory): RawBatchProcess {
  const { dateCreated, startDate, dateCompleted, opsCompleted, failedOps } = latest;
  return {
    type: latest.type,
    distributed: false,
    status: { dateCreated, startDate, opsCompleted, failedOps, serverId: latest.serverId, type: latest.type.code, ...(dateCompleted === undefined ? {} : { dateCompleted }) },
  };
}

function record(model: StaticModel, rows: RawProcessHistory[]): void {
  model.setHistories('ActivityEsc', rows);
  const latest = rows[rows.length - 1];
  if (latest !== undefined) model.set(processOf(latest));
}

describe.each(['newest-first', 'oldest-first'] as const)('run history, served %s', (historyOrder) => {
  async function setUp(rows: RawProcessHistory[], startedAt?: number) {
    const model = createStaticModel();
    record(model, rows);
    const sim = await startSimulator({ model, historyOrder, pageSize: 10 });
    cleanups.push(() => sim.close());
    const clock = shiftableClock();
    const h = await pollerHarness(targetConfig({ baseUrl: sim.baseUrl, historyIntervalMs: 5 * minute }), clock, startedAt);
    cleanups.push(() => h.close());
    const historyRequests = () => [...sim.stats.requests].filter(([path]) => path.endsWith('/histories')).reduce((n, [, c]) => n + c, 0);
    return { model, sim, clock, h, historyRequests };
  }
  const runs = (scrape: Awaited<ReturnType<Awaited<ReturnType<typeof pollerHarness>>['scrape']>>, outcome: string, trigger = 'scheduled') =>
    valueOf(scrape, 'guidewire_batch_process_runs_total', { outcome, trigger });

  it('counts runs that started and finished between two status polls once, with outcome and duration', async () => {
    const t0 = Date.now();
    const rows = [row(1, t0 - 60 * minute, 3), row(2, t0 - 30 * minute, 4, { failedOps: 2 })];
    const { model, clock, h, historyRequests } = await setUp(rows, t0);
    await h.pollAll();
    let scrape = await h.scrape();
    expect(runs(scrape, 'succeeded')).toBe(0);
    expect(runs(scrape, 'failed_ops')).toBe(0);
    expect(valueOf(scrape, 'guidewire_batch_process_last_success_timestamp_seconds')).toBe(Date.parse(rows[0]?.dateCompleted ?? '') / 1000);
    expect(valueOf(scrape, 'guidewire_batch_process_last_failure_timestamp_seconds')).toBe(Date.parse(rows[1]?.dateCompleted ?? '') / 1000);

    // Two short runs come and go between polls; the status shows only the last one.
    rows.push(row(3, t0 + 1 * minute, 0.5), row(4, t0 + 2 * minute, 2, { internalFailure: true, ranToCompletion: true, scheduled: false }));
    record(model, rows);
    clock.shift(5 * minute);
    await h.pollAll();
    scrape = await h.scrape();
    expect(runs(scrape, 'succeeded')).toBe(1);
    expect(runs(scrape, 'internal_failure', 'manual')).toBe(1);
    expect(runs(scrape, 'failed_ops')).toBe(0);
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_count')).toBe(2);
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_sum')).toBeCloseTo(2.5, 6);
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_bucket', { le: '1' })).toBe(1);

    // Nothing new: no history request at all, and nothing counted twice.
    const before = historyRequests();
    clock.shift(5 * minute);
    await h.pollAll();
    expect(historyRequests()).toBe(before);
    expect(runs(await h.scrape(), 'succeeded')).toBe(1);
  });

  it('does not replay history into counters after a restart', async () => {
    const t0 = Date.now();
    const rows = Array.from({ length: 30 }, (_, k) => row(k, t0 - (60 - k) * minute, 1, k % 7 === 0 ? { failedOps: 1 } : {}));
    const { h } = await setUp(rows, t0);
    await h.pollAll();
    const scrape = await h.scrape();
    for (const outcome of ['succeeded', 'failed_ops', 'internal_failure', 'incomplete']) {
      for (const trigger of ['scheduled', 'manual']) expect(runs(scrape, outcome, trigger), `${outcome} ${trigger}`).toBe(0);
    }
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_count')).toBe(0);
    expect(valueOf(scrape, 'guidewire_batch_process_last_success_timestamp_seconds')).toBe(Date.parse(rows[29]?.dateCompleted ?? '') / 1000);
    expect(valueOf(scrape, 'guidewire_batch_process_last_failure_timestamp_seconds')).toBe(Date.parse(rows[28]?.dateCompleted ?? '') / 1000);
  });

  it('stops paging at known runs: one request per read when fewer than a page are new', async () => {
    const t0 = Date.now();
    const rows = Array.from({ length: 45 }, (_, k) => row(k, t0 - (60 - k) * minute, 1));
    const { model, clock, h, historyRequests } = await setUp(rows, t0);
    await h.pollAll();
    const baseline = historyRequests();
    rows.push(row(100, t0 + minute, 1), row(101, t0 + 2 * minute, 1));
    record(model, rows);
    clock.shift(5 * minute);
    await h.pollAll();
    expect(historyRequests() - baseline).toBe(1);
    expect(runs(await h.scrape(), 'succeeded')).toBe(2);
  });

  it('waits for the running run to finish, then counts it once', async () => {
    const t0 = Date.now();
    const rows = [row(1, t0 - 10 * minute, 1), row(2, t0 + minute, 0, { open: true })];
    const { model, clock, h } = await setUp(rows, t0);
    await h.pollAll();
    expect(runs(await h.scrape(), 'incomplete')).toBe(0);
    rows[1] = row(2, t0 + minute, 90, { ranToCompletion: false });
    record(model, rows);
    for (let i = 0; i < 3; i++) {
      clock.shift(5 * minute);
      await h.pollAll();
    }
    const scrape = await h.scrape();
    expect(runs(scrape, 'incomplete')).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_sum')).toBeCloseTo(90, 6);
  });
});

describe('history settings', () => {
  it('history: false (per override) makes no history requests', async () => {
    const model = createStaticModel();
    const t0 = Date.now();
    record(model, [row(1, t0 - minute, 1)]);
    const sim = await startSimulator({ model });
    cleanups.push(() => sim.close());
    const h = await pollerHarness(targetConfig({ baseUrl: sim.baseUrl, overrides: [{ match: 'Activity*', history: false }] }));
    cleanups.push(() => h.close());
    await h.pollAll();
    expect([...sim.stats.requests.keys()].some((path) => path.endsWith('/histories'))).toBe(false);
    expect((await h.scrape()).has('guidewire_batch_process_runs_total')).toBe(false);
  });
});
