import { describe, expect, it } from 'vitest';
import { createStaticModel } from '../../../src/simulator/static-model.js';
import type { RawBatchProcess, RawProcessHistory } from '../../../src/simulator/types.js';

const process = (code: string, status: Record<string, unknown> = { type: code }): RawBatchProcess => ({
  type: { code, name: code },
  distributed: false,
  status,
});

const row = (code: string, id: string): RawProcessHistory => ({
  id,
  type: { code, name: code },
  description: code,
  dateCreated: '2025-06-01T12:00:00.000Z',
  startDate: '2025-06-01T12:00:00.010Z',
  dateCompleted: '2025-06-01T12:00:01.000Z',
  opsCompleted: 3,
  failedOps: 0,
  ranToCompletion: true,
  internalFailure: false,
  scheduled: true,
  serverId: '55d109613ac9',
  leaseId: '6a0f6c1e-2b1d-4c3e-9f4a-0123456789ab',
});

describe('createStaticModel', () => {
  it('serves processes in insertion order, by exact code', () => {
    const model = createStaticModel([process('Workflow'), process('ActivityEsc')]);
    expect(model.list(0).map((p) => p.type.code)).toEqual(['Workflow', 'ActivityEsc']);
    expect(model.get('ActivityEsc', 0)?.type.code).toBe('ActivityEsc');
    expect(model.get('activityesc', 0)).toBeUndefined();
  });

  it('replaces in place with set and forgets with remove', () => {
    const model = createStaticModel([process('A'), process('B')]);
    model.set(process('A', { type: 'A', failedOps: 3 }));
    model.set(process('C'));
    expect(model.list(0).map((p) => p.type.code)).toEqual(['A', 'B', 'C']);
    expect(model.get('A', 0)?.status).toEqual({ type: 'A', failedOps: 3 });
    model.remove('B');
    model.remove('missing');
    expect(model.list(0).map((p) => p.type.code)).toEqual(['A', 'C']);
  });

  it('serves no history until set, replaces it with setHistories and appends with addHistory', () => {
    const model = createStaticModel([process('A')]);
    expect(model.histories('A', 0)).toEqual([]);
    expect(model.histories('a', 0)).toBeUndefined();
    const given = [row('A', 'ab:1'), row('A', 'ab:2')];
    model.setHistories('A', given);
    given.pop(); // the model keeps its own copy
    model.addHistory('A', row('A', 'ab:3'));
    expect(model.histories('A', 0)?.map((r) => r.id)).toEqual(['ab:1', 'ab:2', 'ab:3']);
    model.setHistories('A', []);
    expect(model.histories('A', 0)).toEqual([]);
  });

  it('serves histories only while the process exists', () => {
    const model = createStaticModel();
    model.addHistory('B', row('B', 'ab:1'));
    expect(model.histories('B', 0)).toBeUndefined();
    model.set(process('B'));
    expect(model.histories('B', 0)?.map((r) => r.id)).toEqual(['ab:1']);
    model.remove('B');
    expect(model.histories('B', 0)).toBeUndefined();
  });
});
