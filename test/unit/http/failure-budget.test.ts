import { describe, expect, it } from 'vitest';
import { createFailureBudget } from '../../../src/http/failure-budget.js';

const limits = { burst: 2, intervalMs: 1_000, maxClients: 2 };

describe('createFailureBudget', () => {
  it('allows burst checks, then one per interval; a refund gives a unit back', () => {
    const budget = createFailureBudget();
    expect([budget.take('a', 0, limits), budget.take('a', 0, limits), budget.take('a', 0, limits)]).toEqual([true, true, false]);
    expect(budget.take('a', 999, limits)).toBe(false);
    expect(budget.take('a', 1_000, limits)).toBe(true);
    budget.refund('a', limits);
    expect(budget.take('a', 1_000, limits)).toBe(true);
    expect(budget.take('a', 1_000, limits)).toBe(false);
  });

  it('keeps clients apart and remembers at most maxClients of them', () => {
    const budget = createFailureBudget();
    for (const client of ['a', 'a', 'b', 'c']) budget.take(client, 0, limits);
    expect(budget.size).toBe(2);
    // 'a' was forgotten first, so it starts afresh.
    expect(budget.take('a', 0, limits)).toBe(true);
  });

  it('is off with an interval of 0', () => {
    const budget = createFailureBudget();
    const off = { ...limits, intervalMs: 0 };
    expect(Array.from({ length: 10 }, () => budget.take('a', 0, off))).not.toContain(false);
    expect(budget.size).toBe(0);
  });
});
