import { describe, expect, it } from 'vitest';
import type { HistoryPageRequest, ProcessHistory, ProcessHistoryPage } from '../../../src/guidewire/types.js';
import { initialHistoryState, readProcessHistory } from '../../../src/history/process-history.js';
import { keptWindowMs, mergeRecent, toRunRecord } from '../../../src/history/recent-runs.js';
import type { RunRecord } from '../../../src/history/run-record.js';

const minute = 60_000;
const hour = 60 * minute;
const run = (k: number, change: Partial<ProcessHistory> = {}, every = minute): ProcessHistory => ({
  id: `r${k}`,
  dateCreated: k * every,
  startDate: k * every + 100,
  dateCompleted: k * every + 30_100,
  failedOps: 0,
  ranToCompletion: true,
  internalFailure: false,
  scheduled: true,
  ...change,
});

/** A newest-first collection served in pages of `size` with links.next, counting the requests. */
function paged(runs: readonly ProcessHistory[], size: number) {
  const newestFirst = [...runs].reverse();
  const served = { requests: 0 };
  const fetch = async (request: HistoryPageRequest): Promise<ProcessHistoryPage> => {
    served.requests++;
    const offset = request.path === undefined ? 0 : Number(request.path);
    const items = newestFirst.slice(offset, offset + size);
    return { items, invalid: [], ...(offset + size < newestFirst.length ? { nextPath: String(offset + size) } : {}) };
  };
  return { fetch, served };
}

describe('toRunRecord', () => {
  it('keeps the dates, trigger, outcome and failed ops of a run, nothing else', () => {
    expect(toRunRecord(run(2, { failedOps: 3, scheduled: false }), false)).toEqual({
      id: 'r2',
      createdAt: 2 * minute,
      startedAt: 2 * minute + 100,
      endedAt: 2 * minute + 30_100,
      trigger: 'manual',
      outcome: 'failed_ops',
      failedOps: 3,
    });
  });

  it('a run without completion is running while newest, incomplete once superseded', () => {
    const { dateCompleted: _, ...open } = run(5);
    expect(toRunRecord(open, false)).not.toHaveProperty('outcome');
    expect(toRunRecord(open, true).outcome).toBe('incomplete');
  });
});

describe('mergeRecent', () => {
  const record = (k: number, outcome?: RunRecord['outcome']): RunRecord => ({ id: `r${k}`, startedAt: k * minute, trigger: 'scheduled', ...(outcome === undefined ? {} : { outcome }) });

  it('puts fresh runs first, newest first, each id once with the fresh reading, and keeps the newest max', () => {
    const kept = [record(3), record(2, 'succeeded'), record(1, 'succeeded')];
    const merged = mergeRecent(kept, [record(5), record(4, 'succeeded'), record(3, 'failed_ops')], 4);
    expect(merged.map((r) => [r.id, r.outcome])).toEqual([['r5', undefined], ['r4', 'succeeded'], ['r3', 'failed_ops'], ['r2', 'succeeded']]);
  });

  it('orders by start even when a read brings older runs again (after a purge)', () => {
    expect(mergeRecent([record(9), record(8)], [record(7), record(10)], 10).map((r) => r.id)).toEqual(['r10', 'r9', 'r8', 'r7']);
  });

  it('returns the kept ring itself when nothing new came, so the stats keep their identity', () => {
    const kept = [record(1)];
    expect(mergeRecent(kept, [], 5)).toBe(kept);
    expect(mergeRecent(undefined, [], 5)).toEqual([]);
  });
});

describe('the recent-runs ring of a process history', () => {
  it('the first read pages back until the ring is full (max_kept_runs), within the page cap', async () => {
    // Every minute for five hours: 300 runs, all within the kept window, in pages of 25.
    const runs = Array.from({ length: 300 }, (_, k) => run(k + 1, k % 7 === 0 ? { failedOps: 1 } : {}));
    const now = 301 * minute;
    const { fetch, served } = paged(runs, 25);
    const first = await readProcessHistory(fetch, initialHistoryState([60], now), { now, maxKeptRuns: 100, runKey: 'a' });
    expect(first.state.stats.recent?.map((r) => r.id)).toEqual(runs.slice(-100).reverse().map((r) => r.id));
    expect(served.requests).toBe(4);
  });

  it('stops at the kept window when fewer runs are that recent', async () => {
    // Hourly for three days: 26 hours hold 26 runs; the read stops at the first page reaching past them.
    const runs = Array.from({ length: 72 }, (_, k) => run(k + 1, k % 5 === 0 ? { failedOps: 1 } : {}, hour));
    const now = 72 * hour + minute;
    const { fetch, served } = paged(runs, 10);
    const first = await readProcessHistory(fetch, initialHistoryState([60], now), { now, maxKeptRuns: 100, runKey: 'a' });
    const recent = first.state.stats.recent ?? [];
    expect(served.requests).toBe(3);
    expect(recent).toHaveLength(30);
    expect(recent.some((r) => (r.startedAt ?? 0) < now - keptWindowMs)).toBe(true);
  });

  it('compares the kept window with now on Guidewire\'s clock', async () => {
    const runs = Array.from({ length: 72 }, (_, k) => run(k + 1, k % 5 === 0 ? { failedOps: 1 } : {}, hour));
    // The exporter's clock is 10 hours behind the server's: without the offset the runs look 10 h younger.
    const guidewireNow = 72 * hour + minute;
    const { fetch, served } = paged(runs, 10);
    await readProcessHistory(fetch, initialHistoryState([60], guidewireNow), { now: guidewireNow - 10 * hour, guidewireNow, maxKeptRuns: 100, runKey: 'a' });
    expect(served.requests).toBe(3);
  });

  it('later reads add the new runs in front, the finished reading of a run kept as running replacing it', async () => {
    const runs = [run(1), run(2, { failedOps: 1 })];
    const { dateCompleted: _, ...open } = run(3);
    runs.push(open);
    let state = (await readProcessHistory(paged(runs, 25).fetch, initialHistoryState([60], 0), { now: 4 * minute, maxKeptRuns: 3, runKey: 'a' })).state;
    expect(state.stats.recent?.map((r) => [r.id, r.outcome])).toEqual([['r3', undefined], ['r2', 'failed_ops'], ['r1', 'succeeded']]);
    runs[2] = run(3);
    runs.push(run(4));
    state = (await readProcessHistory(paged(runs, 25).fetch, state, { now: 5 * minute, maxKeptRuns: 3, runKey: 'b' })).state;
    expect(state.stats.recent?.map((r) => [r.id, r.outcome])).toEqual([['r4', 'succeeded'], ['r3', 'succeeded'], ['r2', 'failed_ops']]);
    const again = await readProcessHistory(paged(runs, 25).fetch, state, { now: 6 * minute, guidewireNow: 6 * minute + 90_000, maxKeptRuns: 3, runKey: 'c' });
    expect(again.state.stats.recent).toBe(state.stats.recent);
    expect(again.state.stats.recentAsOf).toBe(6 * minute + 90_000);
  });
});
