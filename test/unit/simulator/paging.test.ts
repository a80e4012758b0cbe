import { describe, expect, it } from 'vitest';
import { pageLinks, parsePaging, type Paging } from '../../../src/simulator/paging.js';

const q = (s: string): URLSearchParams => new URLSearchParams(s);
const PATH = '/systemtools/v1/batch-processes';

describe('parsePaging', () => {
  it('applies defaults and reads pageSize, pageOffset and includeTotal', () => {
    expect(parsePaging(q(''), 25, 100)).toEqual({ ok: true, paging: { pageSize: 25, pageOffset: 0, includeTotal: false } });
    expect(parsePaging(q('pageSize=100&pageOffset=7&includeTotal=true'), 25, 100)).toEqual({
      ok: true,
      paging: { pageSize: 100, pageOffset: 7, includeTotal: true },
    });
  });

  it.each(['pageSize=101', 'pageSize=0', 'pageSize=-1', 'pageSize=ten', 'pageSize=2.5', 'pageOffset=-1', 'pageOffset=x'])(
    'rejects %s',
    (query) => {
      const result = parsePaging(q(query), 25, 100);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(query.split('=')[0]);
    },
  );
});

describe('pageLinks', () => {
  const paging = (pageOffset: number, includeTotal = false): Paging => ({ pageSize: 10, pageOffset, includeTotal });

  it('links first and next from the first page, with hrefs relative to /rest', () => {
    expect(pageLinks(PATH, paging(0), 25)).toEqual({
      self: { href: `${PATH}?pageSize=10` },
      first: { href: `${PATH}?pageSize=10` },
      next: { href: `${PATH}?pageOffset=10&pageSize=10` },
    });
  });

  it('links prev and no next from the last page, keeping includeTotal', () => {
    expect(pageLinks(PATH, paging(20, true), 25)).toEqual({
      self: { href: `${PATH}?pageOffset=20&pageSize=10&includeTotal=true` },
      first: { href: `${PATH}?pageSize=10&includeTotal=true` },
      prev: { href: `${PATH}?pageOffset=10&pageSize=10&includeTotal=true` },
    });
  });

  it('has no next when the page ends exactly at the total', () => {
    expect(pageLinks(PATH, paging(10), 20)['next']).toBeUndefined();
  });
});
