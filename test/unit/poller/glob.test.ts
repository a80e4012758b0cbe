import { describe, expect, it } from 'vitest';
import { createTypeFilter, firstMatcher, isLiteral } from '../../../src/poller/glob.js';

describe('type filter', () => {
  it('treats patterns without * or ? as literal codes', () => {
    expect(isLiteral('ActivityEsc')).toBe(true);
    expect(isLiteral('Purge*')).toBe(false);
    expect(isLiteral('Geo?ode')).toBe(false);
  });

  it('matches case-sensitively, applies excludes after includes', () => {
    const filter = createTypeFilter(['*'], ['Purge*']);
    expect(filter.literalOnly).toBe(false);
    expect(filter.matches('ActivityEsc')).toBe(true);
    expect(filter.matches('PurgeWorkflowLogs')).toBe(false);
    expect(createTypeFilter(['activity*'], []).matches('ActivityEsc')).toBe(false);
  });

  it('does not treat regex characters in codes as special', () => {
    expect(createTypeFilter(['a.b'], []).matches('axb')).toBe(false);
  });

  it('matches line terminators and astral characters like any other character', () => {
    for (const code of ['A\nB', 'A\rB', 'A\u2028B', 'A\u2029B']) {
      expect(createTypeFilter(['*'], []).matches(code)).toBe(true);
      expect(createTypeFilter(['A?B'], []).matches(code)).toBe(true);
      expect(createTypeFilter(['*'], ['A*']).matches(code)).toBe(false);
    }
    expect(createTypeFilter(['A?B'], []).matches('A\u{1F600}B')).toBe(true);
  });

  it('lists literal codes once, minus excluded ones', () => {
    const filter = createTypeFilter(['ActivityEsc', 'Workflow', 'ActivityEsc', 'PurgeWorkflowLogs'], ['Purge*']);
    expect(filter.literalOnly).toBe(true);
    expect(filter.literals).toEqual(['ActivityEsc', 'Workflow']);
  });

  it('finds the first matching override', () => {
    const match = firstMatcher([{ match: 'Activity*', n: 1 }, { match: '*', n: 2 }]);
    expect(match('ActivityEsc')?.n).toBe(1);
    expect(match('Workflow')?.n).toBe(2);
    expect(firstMatcher<{ match: string }>([])('x')).toBeUndefined();
  });
});
