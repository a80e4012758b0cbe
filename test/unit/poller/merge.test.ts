import { describe, expect, it } from 'vitest';
import type { BatchProcess } from '../../../src/guidewire/types.js';
import { mergeProcesses } from '../../../src/poller/merge.js';
import type { ProcessView } from '../../../src/model/snapshot.js';

const completed = (code: string, ops = 1): BatchProcess => ({
  code,
  name: code,
  distributed: false,
  status: { dateCreated: 1, startDate: 2, dateCompleted: 3, opsCompleted: ops, failedOps: 0 },
});
const thresholds = { stallAfterMs: 60_000 };
const view = (code: string, observedAt: number): ProcessView => ({ process: completed(code), thresholds, observedAt });
const settings = (now: number) => ({ now, maxStalenessMs: 300_000, thresholds: () => thresholds });

describe('mergeProcesses', () => {
  it('replaces known processes with fresh reads, sorted by code', () => {
    const next = mergeProcesses([view('B', 0)], { fresh: [completed('B', 7), completed('A')], retain: [] }, settings(10));
    expect(next.map((v) => [v.process.code, v.observedAt, v.process.status?.opsCompleted])).toEqual([
      ['A', 10, 1],
      ['B', 10, 7],
    ]);
  });

  it('drops processes that vanished from Guidewire', () => {
    expect(mergeProcesses([view('Gone', 0)], { fresh: [completed('A')], retain: [] }, settings(10)).map((v) => v.process.code)).toEqual(['A']);
  });

  it('keeps last-known values of failed reads until max_staleness, then drops them', () => {
    const old = view('Flaky', 0);
    expect(mergeProcesses([old], { fresh: [], retain: ['Flaky'] }, settings(300_000))).toEqual([old]);
    expect(mergeProcesses([old], { fresh: [], retain: ['Flaky'] }, settings(300_001))).toEqual([]);
  });

  it('tracks progress only for running processes', () => {
    const run: BatchProcess = { code: 'R', name: 'R', distributed: true, status: { dateCreated: 1, startDate: 2, opsCompleted: 0, failedOps: 0 } };
    const [first] = mergeProcesses([], { fresh: [run], retain: [] }, settings(0));
    expect(first?.progress).toEqual({ runKey: '1|2', fingerprint: '0|0|', lastChangeAt: 0, stalled: false });
    const [later] = mergeProcesses(first === undefined ? [] : [first], { fresh: [run], retain: [] }, settings(60_000));
    expect(later?.progress?.stalled).toBe(true);
  });
});
