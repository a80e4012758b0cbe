import { describe, expect, it } from 'vitest';
import type { HistoryPageRequest, ProcessHistory, ProcessHistoryPage } from '../../../src/guidewire/types.js';
import { initialHistoryState, readProcessHistory } from '../../../src/history/process-history.js';

const minute = 60_000;
const run = (k: number, change: Partial<ProcessHistory> = {}): ProcessHistory => ({
  id: `r${k}`,
  dateCreated: k * minute,
  startDate: k * minute + 100,
  dateCompleted: k * minute + 30_100,
  failedOps: 0,
  ranToCompletion: true,
  internalFailure: false,
  scheduled: true,
  ...change,
});

/** Newest-first, one page. */
const serve = (runs: ProcessHistory[]) => async (_: HistoryPageRequest): Promise<ProcessHistoryPage> => ({ items: [...runs].reverse(), invalid: [] });

describe('readProcessHistory', () => {
  it('does not count runs that ended before start-up, but takes last-* times from them', async () => {
    const runs = [run(1), run(2, { failedOps: 1 }), run(3)];
    const first = await readProcessHistory(serve(runs), initialHistoryState([60], 4 * minute), { now: 4 * minute, runKey: 'a' });
    expect(first.state.stats.runs['succeeded|scheduled']).toBe(0);
    expect(first.state.stats.runs['failed_ops|scheduled']).toBe(0);
    expect(first.state.stats.lastSuccessAt).toBe(run(3).dateCompleted);
    expect(first.state.stats.lastFailureAt).toBe(run(2).dateCompleted);
    // Run 3 ended after start-up (3 min + 30.1 s > 3 min): counted although the first read found it.
    const afterStart = await readProcessHistory(serve(runs), initialHistoryState([60], 3 * minute), { now: 4 * minute, runKey: 'a' });
    expect(afterStart.state.stats.runs['succeeded|scheduled']).toBe(1);
  });

  it('counts each new run once across reads, and an unfinished run only once it finished', async () => {
    const runs = [run(1)];
    let state = (await readProcessHistory(serve(runs), initialHistoryState([60], 10 * minute), { now: 10 * minute, runKey: 'a' })).state;
    const { dateCompleted: _, ...open } = run(11);
    runs.push(run(10, { scheduled: false }), { ...open, ranToCompletion: false });
    state = (await readProcessHistory(serve(runs), state, { now: 12 * minute, runKey: 'b' })).state;
    expect(state.stats.runs['succeeded|manual']).toBe(1);
    expect(state.stats.durationCount).toBe(1);
    runs[2] = run(11, { internalFailure: true });
    state = (await readProcessHistory(serve(runs), state, { now: 13 * minute, runKey: 'c' })).state;
    state = (await readProcessHistory(serve(runs), state, { now: 14 * minute, runKey: 'd' })).state;
    expect(state.stats.runs['internal_failure|scheduled']).toBe(1);
    expect(state.stats.runs['succeeded|manual']).toBe(1);
    expect(state.stats.durationCount).toBe(2);
    expect(state.lastRunKey).toBe('d');
  });

  it('returns as finished exactly the runs it counted: each once, none from before countFrom, none still running', async () => {
    const ids = (result: Awaited<ReturnType<typeof readProcessHistory>>) => result.finished.map((f) => [f.run.id, f.classified.outcome]);
    const runs = [run(1), run(2)];
    let result = await readProcessHistory(serve(runs), initialHistoryState([60], 2 * minute), { now: 3 * minute, runKey: 'a' });
    // Run 1 ended before countFrom: history, not an event; run 2 ended after it.
    expect(ids(result)).toEqual([['r2', 'succeeded']]);
    const { dateCompleted: _, ...open } = run(4);
    runs.push(run(3, { failedOps: 2 }), { ...open, ranToCompletion: false });
    result = await readProcessHistory(serve(runs), result.state, { now: 5 * minute, runKey: 'b' });
    expect(ids(result)).toEqual([['r3', 'failed_ops']]);
    runs[3] = run(4);
    result = await readProcessHistory(serve(runs), result.state, { now: 6 * minute, runKey: 'c' });
    expect(ids(result)).toEqual([['r4', 'succeeded']]);
    result = await readProcessHistory(serve(runs), result.state, { now: 7 * minute, runKey: 'd' });
    expect(ids(result)).toEqual([]);
    expect(result.state.stats.runs['succeeded|scheduled'] + result.state.stats.runs['failed_ops|scheduled']).toBe(3);
  });
});

describe('readProcessHistory: the first read and baselines', () => {
  const day = 24 * 60 * minute;
  /** A nightly process: run k began k days after day 0; 40 days of runs, newest first in pages of 5. */
  const nightly = Array.from({ length: 40 }, (_, k) => run(0, { id: `n${k}`, dateCreated: k * day, startDate: k * day + 100, dateCompleted: k * day + 3_600_000, failedOps: k === 39 ? 1 : 0 }));
  const paged = (runs: readonly ProcessHistory[], size: number) => {
    const newestFirst = [...runs].reverse();
    let requests = 0;
    const fetch = async (request: HistoryPageRequest): Promise<ProcessHistoryPage> => {
      requests++;
      const offset = request.path === undefined ? (request.offset ?? 0) : Number(request.path.split('=')[1]);
      const items = newestFirst.slice(offset, offset + size);
      return { items, invalid: [], ...(offset + size < newestFirst.length ? { nextPath: `/h?offset=${offset + size}` } : {}) };
    };
    return { fetch, requests: () => requests };
  };
  const now = 40 * day;

  it('looks back for baseline_runs completed runs, so that a nightly process has its baseline from the start', async () => {
    const server = paged(nightly, 5);
    const read = await readProcessHistory(server.fetch, initialHistoryState([60], now), { now, runKey: 'a', baselineRuns: 20 });
    expect(read.state.stats.recent).toHaveLength(20);
    expect(server.requests()).toBe(4);
  });

  it('without a baseline wanted, stops once the last 26 hours are read (as before)', async () => {
    const server = paged(nightly, 5);
    const read = await readProcessHistory(server.fetch, initialHistoryState([60], now), { now, runKey: 'a' });
    expect(server.requests()).toBe(1);
    expect(read.state.stats.recent).toHaveLength(5);
  });

  it('never looks back for more runs than the ring keeps, nor past the page cap', async () => {
    const capped = paged(nightly, 5);
    const read = await readProcessHistory(capped.fetch, initialHistoryState([60], now), { now, runKey: 'a', baselineRuns: 20, maxKeptRuns: 8 });
    expect(capped.requests()).toBe(2);
    expect(read.state.stats.recent).toHaveLength(8);
    const tiny = paged(nightly, 1);
    await readProcessHistory(tiny.fetch, initialHistoryState([60], now), { now, runKey: 'a', baselineRuns: 20 });
    expect(tiny.requests()).toBe(8);
  });

  it('keeps opsCompleted in the recent runs (for the ops baseline)', async () => {
    const read = await readProcessHistory(serve([run(1, { opsCompleted: 42 })]), initialHistoryState([60], 0), { now: 2 * minute, runKey: 'a' });
    expect(read.state.stats.recent?.[0]?.opsCompleted).toBe(42);
  });
});
