import { describe, expect, it } from 'vitest';
import {
  currentRun,
  firstRunIndex,
  latestRunIndex,
  observeRun,
  planRun,
  runsOf,
} from '../../../src/simulator/scenario-runs.js';
import { HISTORY_MS, validateScenarioProcess, type ScenarioProcess } from '../../../src/simulator/scenario-spec.js';

const EPOCH = Date.UTC(2025, 5, 1, 12, 0, 0);
const spec: ScenarioProcess = {
  code: 'Workflow',
  name: 'Workflow Writer',
  distributed: true,
  periodMs: 60_000,
  durationMs: 20_000,
  opsPerRun: 1000,
  offsetMs: 5_000,
  failedOpsRate: 0.5,
  failureRate: 0.2,
};

describe('run grid', () => {
  it('starts run k at epoch + offset + k * period, with an hour of history before the epoch', () => {
    const first = firstRunIndex(spec);
    expect(first).toBeLessThan(0);
    const firstStart = planRun(spec, 1, EPOCH, first).dateCreated;
    expect(firstStart).toBeGreaterThanOrEqual(EPOCH - HISTORY_MS);
    expect(firstStart - spec.periodMs).toBeLessThan(EPOCH - HISTORY_MS);
    expect(planRun(spec, 1, EPOCH, 3).dateCreated).toBe(EPOCH + 5_000 + 3 * 60_000);
    expect(latestRunIndex(spec, EPOCH, EPOCH)).toBe(-1);
    expect(latestRunIndex(spec, EPOCH, EPOCH + 5_000)).toBe(0);
    expect(latestRunIndex(spec, EPOCH, EPOCH - 2 * HISTORY_MS)).toBeUndefined();
  });

  it('is deterministic for a seed and varies between seeds', () => {
    const a = runsOf(spec, 42, EPOCH, EPOCH + 10 * 60_000);
    expect(runsOf(spec, 42, EPOCH, EPOCH + 10 * 60_000)).toEqual(a);
    const b = runsOf(spec, 43, EPOCH, EPOCH + 10 * 60_000);
    expect(b.map((r) => r.id)).not.toEqual(a.map((r) => r.id));
    expect(b.map((r) => r.opsCompleted)).not.toEqual(a.map((r) => r.opsCompleted));
  });

  it('never overlaps runs: each ends before the next is created', () => {
    const tight = { ...spec, periodMs: 10_000, durationMs: 10_000 };
    for (let k = -20; k < 20; k++) {
      const o = observeRun(planRun(tight, 9, EPOCH, k), Number.MAX_SAFE_INTEGER);
      expect(o.dateCompleted).toBeLessThan(planRun(tight, 9, EPOCH, k + 1).dateCreated);
    }
  });
});

describe('observeRun', () => {
  const run = planRun({ ...spec, failureRate: 0, failedOpsRate: 0 }, 5, EPOCH, 0);

  it('is just started, then grows linearly, then finishes with every op done', () => {
    expect(observeRun(run, run.dateCreated).phase).toBe('starting');
    const quarter = observeRun(run, run.startDate + run.durationMs / 4);
    const half = observeRun(run, run.startDate + run.durationMs / 2);
    expect(quarter.phase).toBe('running');
    expect(half.processed).toBe(Math.floor(run.opsExpected / 2));
    expect(quarter.processed).toBe(Math.floor(run.opsExpected / 4));
    const done = observeRun(run, run.startDate + run.durationMs + 1);
    expect(done).toMatchObject({ phase: 'finished', opsCompleted: run.opsExpected, failedOps: 0 });
    expect(done.dateCompleted).toBe(Math.round(run.startDate + run.durationMs));
  });

  it('ends a failing run early with its failureReason', () => {
    const failing = planRun({ ...spec, failsRuns: [2] }, 5, EPOCH, 2);
    expect(failing.outcome).toBe('failed');
    expect(failing.failureReason).toEqual(expect.any(String));
    const end = observeRun(failing, Number.MAX_SAFE_INTEGER);
    expect(end.phase).toBe('finished');
    expect(end.processed).toBeLessThan(failing.opsExpected);
  });
});

describe('stallsAt', () => {
  const stalling: ScenarioProcess = { ...spec, failureRate: 0, stallsAt: { run: 1, fraction: 0.4 } };

  it('freezes progress at the fraction forever and starts no later run', () => {
    const run = planRun(stalling, 3, EPOCH, 1);
    const frozenAt = run.startDate + run.durationMs * 0.4;
    const before = currentRun(stalling, 3, EPOCH, frozenAt - run.durationMs * 0.2);
    const at = currentRun(stalling, 3, EPOCH, frozenAt + 1);
    const muchLater = currentRun(stalling, 3, EPOCH, EPOCH + 24 * 3600_000);
    expect(before?.processed).toBeLessThan(at?.processed ?? 0);
    expect(at).toMatchObject({ phase: 'running', processed: Math.floor(run.opsExpected * 0.4) });
    expect(muchLater).toEqual(at);
    expect(latestRunIndex(stalling, EPOCH, EPOCH + 24 * 3600_000)).toBe(1);
  });
});

describe('runsOf', () => {
  it('lists every run created so far, oldest first, as ProcessHistory-like records', () => {
    const now = EPOCH + 5_000 + 10_000; // run 0 is half-way through
    const runs = runsOf(spec, 11, EPOCH, now);
    expect(runs[0]?.index).toBe(firstRunIndex(spec));
    expect(runs.at(-1)?.index).toBe(0);
    expect(runs.map((r) => r.index)).toEqual(runs.map((_, i) => firstRunIndex(spec) + i));
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    for (const r of runs) {
      expect(r.id).toMatch(/^ab:[0-9A-Za-z]{21}$/);
      expect(r.leaseId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const current = runs.at(-1);
    expect(current).toMatchObject({ ranToCompletion: false, internalFailure: false });
    expect(current?.dateCompleted).toBeUndefined();
    for (const r of runs.slice(0, -1)) {
      expect(r.dateCompleted).toEqual(expect.any(Number));
      expect(r.ranToCompletion).toBe(r.failureReason === undefined);
      if (r.ranToCompletion) expect(r.internalFailure).toBe(false);
    }
    // With these rates, an hour of history has runs that threw, runs that were stopped, and runs with failed ops.
    const failed = runs.filter((r) => r.failureReason !== undefined);
    expect(failed.some((r) => r.internalFailure)).toBe(true);
    expect(failed.some((r) => !r.internalFailure)).toBe(true);
    expect(runs.some((r) => r.ranToCompletion && r.failedOps > 0)).toBe(true);
  });

  it('marks each failed run as an internal failure or as stopped, with a matching reason, per seed', () => {
    const kinds = new Set<string>();
    for (let k = -60; k < 60; k++) {
      const run = planRun({ ...spec, failureRate: 1 }, 11, EPOCH, k);
      expect(run.outcome).toBe('failed');
      expect(planRun({ ...spec, failureRate: 1 }, 11, EPOCH, k).failureKind).toBe(run.failureKind);
      kinds.add(run.failureKind ?? 'none');
      if (run.failureKind === 'stopped') expect(run.failureReason).toMatch(/terminated/);
    }
    expect([...kinds].sort()).toEqual(['internal', 'stopped']);
    expect(planRun({ ...spec, failureRate: 0 }, 11, EPOCH, 0).failureKind).toBeUndefined();
  });

  it('keeps only the runs of a window, always including the latest', () => {
    const now = EPOCH + 3 * 3600_000 + 30_000;
    const all = runsOf(spec, 11, EPOCH, now);
    expect(all[0]?.index).toBe(firstRunIndex(spec));
    const recent = runsOf(spec, 11, EPOCH, now, { since: now - 10 * 60_000 });
    expect(recent.map((r) => r.index)).toEqual(all.filter((r) => r.dateCreated >= now - 10 * 60_000).map((r) => r.index));
    expect(recent).toEqual(all.slice(-recent.length));
    expect(runsOf(spec, 11, EPOCH, now, { maxRuns: 3 })).toEqual(all.slice(-3));
    // A window that ends before the latest run still keeps it (a stalled run can be older than the window).
    expect(runsOf(spec, 11, EPOCH, now, { since: now + 3600_000 })).toEqual(all.slice(-1));
  });

  it('is empty for a process that never runs', () => {
    expect(runsOf({ ...spec, neverRuns: true }, 1, EPOCH, EPOCH + 3600_000)).toEqual([]);
    expect(currentRun({ ...spec, neverRuns: true }, 1, EPOCH, EPOCH)).toBeUndefined();
  });
});

describe('validateScenarioProcess', () => {
  it.each([
    [{ periodMs: 0 }, 'periodMs'],
    [{ durationMs: -1 }, 'durationMs'],
    [{ opsPerRun: 1.5 }, 'opsPerRun'],
    [{ failureRate: 2 }, 'failureRate'],
    [{ stallsAt: { run: 0, fraction: 1 } }, 'stallsAt.fraction'],
  ])('rejects %o', (patch, field) => {
    expect(() => validateScenarioProcess({ ...spec, ...patch })).toThrow(field);
  });
});
