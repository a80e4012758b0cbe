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
