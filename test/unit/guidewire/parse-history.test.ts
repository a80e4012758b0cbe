import { describe, expect, it } from 'vitest';
import { parseHistoryPage } from '../../../src/guidewire/parse-history.js';

const page = (...items: unknown[]): unknown => ({ count: items.length, data: items.map((attributes) => ({ attributes })) });

describe('parseHistoryPage: type', () => {
  it('reads type as the plain string history items carry', () => {
    const parsed = parseHistoryPage(page({ id: 'a', type: 'ActivityEsc', opsCompleted: 3, failedOps: 2 }), '/h');
    expect(parsed.items).toEqual([{ id: 'a', type: 'ActivityEsc', opsCompleted: 3, failedOps: 2 }]);
    expect(parsed.invalid).toEqual([]);
  });

  it('tolerates the {code, name} shape of a batch process type, taking its code', () => {
    const parsed = parseHistoryPage(page({ id: 'a', type: { code: 'Invoice', name: 'Invoice' } }), '/h');
    expect(parsed.items[0]?.type).toBe('Invoice');
  });

  it('leaves an unusable type out without rejecting the run', () => {
    const parsed = parseHistoryPage(
      page({ id: 'a', type: 7 }, { id: 'b', type: { name: 'no code' } }, { id: 'c', type: '' }, { id: 'd', type: 'x'.repeat(300) }),
      '/h',
    );
    expect(parsed.items.map((item) => [item.id, item.type])).toEqual([['a', undefined], ['b', undefined], ['c', undefined], ['d', undefined]]);
    expect(parsed.invalid).toEqual([]);
  });
});
