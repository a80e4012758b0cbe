import { describe, expect, it } from 'vitest';
import { observeRun, planRun } from '../../../src/simulator/scenario-runs.js';
import { NEVER_RUN_REASON, SERVER_IDS, type ScenarioProcess } from '../../../src/simulator/scenario-spec.js';
import { statusJson, workQueueStatusJson } from '../../../src/simulator/scenario-status.js';

const EPOCH = Date.UTC(2025, 5, 1);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const spec: ScenarioProcess = {
  code: 'ClaimException', name: 'Claim Exception', distributed: true,
  periodMs: 60_000, durationMs: 30_000, opsPerRun: 600, failedOpsRate: 1,
};
const keys = (o: Record<string, unknown>): string[] => Object.keys(o);

describe('statusJson: the documented shapes', () => {
  const run = planRun(spec, 1, EPOCH, 0);

  it('never run: only failureReason and type', () => {
    expect(statusJson('ClaimException', undefined)).toEqual({ failureReason: NEVER_RUN_REASON, type: 'ClaimException' });
  });

  it('just started: dateCreated, failedOps, opsCompleted, serverId, type', () => {
    const status = statusJson(spec.code, observeRun(run, run.dateCreated));
    expect(keys(status)).toEqual(['dateCreated', 'failedOps', 'opsCompleted', 'serverId', 'type']);
    expect(status).toMatchObject({ failedOps: 0, opsCompleted: 0, type: 'ClaimException' });
  });

  it('running: opsExpected and "N out of M" progress, no dateCompleted', () => {
    const status = statusJson(spec.code, observeRun(run, run.startDate + run.durationMs / 2));
    expect(keys(status)).toEqual([
      'dateCreated', 'failedOps', 'opsCompleted', 'opsExpected', 'progress', 'serverId', 'startDate', 'type',
    ]);
    const processed = Number(status['opsCompleted']) + Number(status['failedOps']);
    expect(status['progress']).toBe(`${processed} out of ${run.opsExpected}`);
    expect(status['opsExpected']).toBe(run.opsExpected);
    expect(SERVER_IDS).toContain(status['serverId']);
    expect(status['startDate']).toMatch(ISO_MS);
    expect(status['dateCreated']).toBe(new Date(run.dateCreated).toISOString());
  });

  it('completed: dateCompleted, no opsExpected, no failureReason', () => {
    const status = statusJson(spec.code, observeRun(run, run.startDate + run.durationMs + 1));
    expect(keys(status)).toEqual(['dateCompleted', 'dateCreated', 'failedOps', 'opsCompleted', 'serverId', 'startDate', 'type']);
    expect(status['dateCompleted']).toMatch(ISO_MS);
    expect(Number(status['failedOps'])).toBeGreaterThan(0); // failedOpsRate 1: completed is not succeeded
    expect(Number(status['opsCompleted']) + Number(status['failedOps'])).toBe(run.opsExpected);
  });

  it('failed: the completed shape plus failureReason', () => {
    const failing = planRun({ ...spec, failsRuns: [0] }, 1, EPOCH, 0);
    const status = statusJson(spec.code, observeRun(failing, failing.startDate + failing.durationMs + 1));
    expect(keys(status)).toContain('dateCompleted');
    expect(keys(status)).not.toContain('opsExpected');
    expect(status['failureReason']).toBe(failing.failureReason);
  });
});

describe('workQueueStatusJson', () => {
  const run = planRun(spec, 1, EPOCH, 0);

  it('shows active executors and checked-out items while running, in the SOAP-like names', () => {
    const o = observeRun(run, run.startDate + run.durationMs / 2);
    const wq = workQueueStatusJson(1, spec.code, o);
    expect(wq['numActiveExecutors']).toBeGreaterThan(0);
    expect(wq['numActiveWorkItems']).toBeGreaterThan(0);
    const executors = wq['executors'] as { serverId: string; running: boolean; tasks: Record<string, number> }[];
    expect(executors).toHaveLength(Number(wq['numActiveExecutors']));
    expect(executors.every((e) => e.running && SERVER_IDS.includes(e.serverId as (typeof SERVER_IDS)[number]))).toBe(true);
    const sum = (k: string): number => executors.reduce((n, e) => n + (e.tasks[k] ?? 0), 0);
    expect(sum('processed')).toBe(o.opsCompleted);
    expect(sum('failed')).toBe(o.failedOps);
    expect(sum('checkedOut')).toBe(wq['numActiveWorkItems']);
    expect(Object.keys(executors[0]?.tasks ?? {})).toEqual(['checkedOut', 'processed', 'failed', 'skipped']);
  });

  it('is idle between runs and before the first', () => {
    const idle = workQueueStatusJson(1, spec.code, observeRun(run, run.startDate + run.durationMs + 1));
    expect(idle).toMatchObject({ numActiveExecutors: 0, numActiveWorkItems: 0 });
    expect(workQueueStatusJson(1, spec.code, undefined)).toMatchObject({ numActiveExecutors: 0, numActiveWorkItems: 0 });
  });
});
