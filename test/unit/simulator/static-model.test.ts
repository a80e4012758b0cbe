import { describe, expect, it } from 'vitest';
import { createStaticModel } from '../../../src/simulator/static-model.js';
import type { RawBatchProcess } from '../../../src/simulator/types.js';

const process = (code: string, status: Record<string, unknown> = { type: code }): RawBatchProcess => ({
  type: { code, name: code },
  distributed: false,
  status,
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
});
