import { defaultPlan } from '../../../src/guidewire/request-plan.js';
import { describe, expect, it } from 'vitest';
import { targetConfig } from '../../support/harness.js';
import type { GuidewireApi } from '../../../src/guidewire/api.js';
import type { ProcessHistory } from '../../../src/guidewire/types.js';
import { historyDue, HistoryPoller, latestRunKey } from '../../../src/poller/history-poller.js';
import { initialHistoryState } from '../../../src/history/process-history.js';
import type { ProcessView } from '../../../src/model/snapshot.js';

const run = (k: number): ProcessHistory => ({ id: `r${k}`, dateCreated: k * 1000, startDate: k * 1000, dateCompleted: k * 1000 + 500, ranToCompletion: true });
const view = (k: number): ProcessView => ({
  process: { code: 'P', name: 'P', distributed: false, status: { dateCreated: k * 1000, startDate: k * 1000, dateCompleted: k * 1000 + 500 } },
  thresholds: { stallAfterMs: 1 },
  observedAt: 0,
});

describe('HistoryPoller', () => {
  it('does not replay the runs of a process that vanished and came back into its restarted counter', async () => {
    const runs = [run(1), run(2)];
    const api: GuidewireApi = {
      listBatchProcesses: async () => ({ items: [], invalid: [] }),
      getBatchProcess: async () => Promise.reject(new Error('unused')),
      getHistoryPage: async () => ({ items: [...runs].reverse(), invalid: [] }),
      getSystemTime: async () => Promise.reject(new Error('unused')),
      listConsistencyChecks: async () => Promise.reject(new Error('unused')),
      readApiSchema: async () => ({ source: 'none' as const }),
      requestPlan: () => defaultPlan(100),
      close: async () => undefined,
    };
    const poller = new HistoryPoller({ target: targetConfig({ baseUrl: 'http://x/rest' }), api, bounds: [1], startedAt: 0, settings: () => ({ enabled: true, intervalMs: 0 }) });
    let now = 10_000;
    await poller.poll([view(2)], () => now);
    expect(poller.stats().get('P')?.runs['succeeded|scheduled']).toBe(2);
    await poller.poll([], () => now); // the process vanished: its state (and series) are gone
    expect(poller.stats().has('P')).toBe(false);
    runs.push(run(20));
    now = 30_000;
    await poller.poll([view(20)], () => now); // back: runs before its return are history
    expect(poller.stats().get('P')?.runs['succeeded|scheduled']).toBe(0);
    runs.push(run(40));
    now = 50_000;
    await poller.poll([view(40)], () => now);
    expect(poller.stats().get('P')?.runs['succeeded|scheduled']).toBe(1);
  });
});

describe('historyDue', () => {
  const settings = { enabled: true, intervalMs: 300_000 };
  const readAt = (lastReadAt: number, status = view(1).process.status) => ({ ...initialHistoryState([1], 0), lastReadAt, lastRunKey: latestRunKey(status) });

  it('reads a changed run no sooner than the interval allows (less 10 % for poll jitter)', () => {
    const changed = view(2);
    expect(historyDue(changed, readAt(0), settings, 200_000)).toBe(false);
    expect(historyDue(changed, readAt(0), settings, 270_000)).toBe(true);
  });

  it('never reads an unchanged run again, a process that never ran, or with history off', () => {
    expect(historyDue(view(1), readAt(0), settings, 1e9)).toBe(false);
    const never: ProcessView = { ...view(1), process: { ...view(1).process, status: { failureReason: 'never run' } } };
    expect(historyDue(never, undefined, settings, 1e9)).toBe(false);
    expect(historyDue(view(2), undefined, { ...settings, enabled: false }, 1e9)).toBe(false);
    expect(historyDue(view(2), undefined, settings, 0)).toBe(true);
  });
});
