import { describe, expect, it } from 'vitest';
import { boundValue, defaultLogBounds } from '../../../src/log-bounds.js';

const bounds = { ...defaultLogBounds, maxValueLength: 16 };

describe('boundValue', () => {
  it('returns fields with nothing to cut as they are, without copying', () => {
    const fields = { target: 'pc', nested: { codes: ['A', 'B'], count: 3 } };
    expect(boundValue(fields, bounds)).toBe(fields);
  });

  it('copies only the path to a value it cuts, and leaves the caller\'s object alone', () => {
    const long = 'x'.repeat(40);
    const sibling = { kept: true };
    const fields = { sibling, nested: { code: long, list: ['ok', long] } };
    const out = boundValue(fields, bounds) as typeof fields;
    expect(out).not.toBe(fields);
    expect(out.sibling).toBe(sibling);
    expect(out.nested.code).toBe(`${'x'.repeat(16)}…(40 chars)`);
    expect(out.nested.list).toEqual(['ok', `${'x'.repeat(16)}…(40 chars)`]);
    expect(fields.nested.code).toBe(long);
  });

  it('keeps the first items of a long array and says how many there were', () => {
    const many = Array.from({ length: 60 }, (_, i) => i);
    expect(boundValue(many, bounds)).toEqual([...many.slice(0, 50), '…(60 items)']);
  });
});
