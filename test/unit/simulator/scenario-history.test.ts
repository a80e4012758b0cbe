import { describe, expect, it } from 'vitest';
import { demoProcesses } from '../../../src/simulator/demo-processes.js';
import { HISTORY_MAX_RUNS, scenarioHistories } from '../../../src/simulator/scenario-history.js';
import { createScenarioModel } from '../../../src/simulator/scenario-model.js';
import { HISTORY_MS, type ScenarioProcess } from '../../../src/simulator/scenario-spec.js';
import type { RawProcessHistory } from '../../../src/simulator/types.js';

const EPOCH = Date.UTC(2025, 5, 1, 8, 0, 0);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const codes = demoProcesses.map((p) => p.code);

describe('scenario histories', () => {
  it('ends with a row that agrees with the status of the latest run, in every phase', () => {
    const model = createScenarioModel({ seed: 3, epoch: EPOCH });
    const agree = (code: string, at: number): void => {
      const status = model.get(code, at)?.status ?? {};
      const rows = model.histories(code, at) ?? [];
      if (status['dateCreated'] === undefined) {
        expect(rows, code).toEqual([]); // never ran
        return;
      }
      const where = `${code} at +${at - EPOCH} ms`;
      const latest = rows.at(-1);
      expect(latest?.dateCreated, where).toBe(status['dateCreated']);
      expect(latest?.startDate, where).toBe(status['startDate']);
      expect(latest?.dateCompleted, where).toBe(status['dateCompleted']);
      expect(latest?.opsCompleted, where).toBe(status['opsCompleted']);
      expect(latest?.failedOps, where).toBe(status['failedOps']);
      expect(latest?.serverId, where).toBe(status['serverId']);
      if (status['dateCompleted'] === undefined) expect(latest, where).toMatchObject({ ranToCompletion: false, internalFailure: false });
      else expect(latest?.ranToCompletion, where).toBe(status['failureReason'] === undefined);
    };
    for (const code of codes) {
      for (let t = 0; t <= 10 * 60_000; t += 15_100) agree(code, EPOCH + t);
      // The just-created moment (no startDate yet) is a few ms long: hit it on purpose.
      const created = (model.histories(code, EPOCH + 10 * 60_000) ?? []).slice(-4).map((r) => Date.parse(r.dateCreated));
      for (const at of created) agree(code, at);
    }
  });

  it('includes the unfinished current run while it runs, then shows it finished', () => {
    const model = createScenarioModel({ seed: 1, epoch: EPOCH });
    // DBConsistencyCheck run 0 starts 5 s after the epoch and takes about 2 min.
    const running = model.histories('DBConsistencyCheck', EPOCH + 10_000)?.at(-1);
    expect(running).toMatchObject({ dateCreated: new Date(EPOCH + 5_000).toISOString(), ranToCompletion: false, internalFailure: false });
    expect(running?.dateCompleted).toBeUndefined();
    expect(running?.startDate).toMatch(ISO_MS);
    const later = model.histories('DBConsistencyCheck', EPOCH + 4 * 60_000)?.find((r) => r.id === running?.id);
    expect(later?.dateCompleted).toMatch(ISO_MS);
    expect(later?.ranToCompletion).toBe(true);
    // A run just created has not even a startDate yet.
    const created = model.histories('DBConsistencyCheck', EPOCH + 5_000)?.at(-1);
    expect(created?.dateCreated).toBe(new Date(EPOCH + 5_000).toISOString());
    expect(created?.startDate).toBeUndefined();
  });

  it.each([1, 2, 42])('shows both failure representations and completed runs with failed ops in an hour of demo (seed %i)', (seed) => {
    const model = createScenarioModel({ seed, epoch: EPOCH });
    const rows = codes.flatMap((code) => model.histories(code, EPOCH) ?? []);
    const finished = rows.filter((r) => r.dateCompleted !== undefined);
    expect(finished.some((r) => r.internalFailure && !r.ranToCompletion)).toBe(true);
    expect(finished.some((r) => !r.internalFailure && !r.ranToCompletion)).toBe(true); // stopped or died
    expect(finished.some((r) => r.ranToCompletion && r.failedOps > 0 && !r.internalFailure)).toBe(true);
    expect(rows.some((r) => r.ranToCompletion && r.internalFailure)).toBe(false);
    expect(rows.some((r) => r.scheduled) && rows.some((r) => !r.scheduled)).toBe(true);
  });

  it('serves rows in the documented ProcessHistory shape, oldest first, with unique ids', () => {
    const model = createScenarioModel({ seed: 9, epoch: EPOCH });
    const rows = model.histories('Workflow', EPOCH + 60_000) ?? [];
    expect(rows.length).toBeGreaterThan(100);
    const first = rows[0] as RawProcessHistory;
    expect(Object.keys(first).sort()).toEqual([
      'dateCompleted', 'dateCreated', 'description', 'failedOps', 'id', 'internalFailure', 'leaseId', 'opsCompleted',
      'ranToCompletion', 'scheduled', 'serverId', 'startDate', 'type',
    ]);
    expect(first.type).toEqual({ code: 'Workflow', name: 'Workflow Writer' });
    for (const r of rows) {
      expect(r.dateCreated).toMatch(ISO_MS);
      expect(r.id).toMatch(/^ab:[0-9A-Za-z]{21}$/);
    }
    const created = rows.map((r) => Date.parse(r.dateCreated));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(model.histories('PurgeClusterMembers', EPOCH + 3600_000)).toEqual([]);
    expect(model.histories('workflow', EPOCH)).toBeUndefined();
  });

  it('stays bounded like ProcessHistoryPurge would, but keeps a stalled run however old', () => {
    const model = createScenarioModel({ seed: 4, epoch: EPOCH });
    const now = EPOCH + 2 * 24 * 3600_000;
    const rows = model.histories('Workflow', now) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(Date.parse(rows[0]?.dateCreated ?? '')).toBeGreaterThanOrEqual(now - HISTORY_MS);
    const stalled = model.histories('RecalculateMetrics', now) ?? [];
    expect(stalled).toHaveLength(1);
    expect(stalled[0]).toMatchObject({ ranToCompletion: false, internalFailure: false });
    expect(stalled[0]?.dateCompleted).toBeUndefined();

    const frequent: ScenarioProcess = { code: 'Fast', name: 'Fast', distributed: false, periodMs: 1_000, durationMs: 100, opsPerRun: 1 };
    expect(scenarioHistories(frequent, 1, EPOCH, EPOCH + 3600_000)).toHaveLength(HISTORY_MAX_RUNS);
  });
});
