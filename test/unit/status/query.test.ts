import { describe, expect, it } from 'vitest';
import { defaultRefreshSeconds, matchesQuery, parseStatusQuery, queryString, sortRows } from '../../../src/status/query.js';
import type { ProcessRow } from '../../../src/status/types.js';

const row = (code: string, extra: Partial<ProcessRow> = {}): ProcessRow => ({
  code,
  name: `${code} Name`,
  distributed: false,
  state: 'completed',
  observedAt: 0,
  thresholds: { stallAfterSeconds: 1800 },
  flags: [],
  failing: false,
  visible: true,
  anchor: code,
  ...extra,
});

describe('parseStatusQuery', () => {
  it('defaults to every state, no name filter, failing first, auto-refresh', () => {
    expect(parseStatusQuery(new URLSearchParams())).toEqual({ state: 'all', q: '', sort: 'default', dir: 'asc', refresh: defaultRefreshSeconds });
  });

  it('reads every parameter and falls back on values it does not know', () => {
    expect(parseStatusQuery(new URLSearchParams('state=failing&q=%20Esc%20&sort=ops_failed&dir=desc&refresh=0'))).toEqual({
      state: 'failing', q: 'Esc', sort: 'ops_failed', dir: 'desc', refresh: 0,
    });
    expect(parseStatusQuery(new URLSearchParams('state=bogus&sort=__proto__&dir=up&refresh=-1'))).toEqual(parseStatusQuery(new URLSearchParams()));
  });

  it('round-trips through queryString, leaving defaults out', () => {
    const query = parseStatusQuery(new URLSearchParams('state=running&q=a b&sort=code&dir=desc&refresh=3'));
    expect(parseStatusQuery(new URLSearchParams(queryString(query).slice(1)))).toEqual(query);
    expect(queryString(parseStatusQuery(new URLSearchParams()))).toBe('');
    expect(queryString(query, { sort: 'default', dir: 'asc' })).toBe('?state=running&q=a+b&refresh=3');
  });
});

describe('matchesQuery', () => {
  it('filters by state, by the failing pseudo-state and by a case-insensitive substring of code or name', () => {
    const failing = row('ActivityEsc', { failing: true, state: 'running' });
    expect(matchesQuery(failing, { state: 'failing', q: '' })).toBe(true);
    expect(matchesQuery(row('Ok'), { state: 'failing', q: '' })).toBe(false);
    expect(matchesQuery(failing, { state: 'running', q: 'ACTIVITY' })).toBe(true);
    expect(matchesQuery(failing, { state: 'completed', q: '' })).toBe(false);
    expect(matchesQuery(row('X', { name: 'Invoice Due' }), { state: 'all', q: 'due' })).toBe(true);
    expect(matchesQuery(row('X', { name: 'Invoice Due' }), { state: 'all', q: 'purge' })).toBe(false);
  });
});

describe('sortRows', () => {
  const rows = [row('B'), row('D', { failing: true }), row('A', { opsFailed: 2 }), row('C', { failing: true, opsFailed: 5 })];
  const codes = (sorted: ProcessRow[]) => sorted.map((r) => r.code);

  it('puts failing processes first by default, then by code', () => {
    expect(codes(sortRows(rows, { sort: 'default', dir: 'asc' }))).toEqual(['C', 'D', 'A', 'B']);
  });

  it('sorts by a column either way, processes without a value last', () => {
    expect(codes(sortRows(rows, { sort: 'ops_failed', dir: 'desc' }))).toEqual(['C', 'A', 'B', 'D']);
    expect(codes(sortRows(rows, { sort: 'ops_failed', dir: 'asc' }))).toEqual(['A', 'C', 'B', 'D']);
    expect(codes(sortRows(rows, { sort: 'code', dir: 'desc' }))).toEqual(['D', 'C', 'B', 'A']);
  });

  it('does not change its input', () => {
    sortRows(rows, { sort: 'code', dir: 'desc' });
    expect(codes(rows)).toEqual(['B', 'D', 'A', 'C']);
  });
});
