import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/guidewire/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it.each([
    ['120', 120],
    [' 0 ', 0],
    [['7', '9'], 7],
    ['Wed, 01 Jan 2025 12:00:30 GMT', 30],
    ['Wed, 01 Jan 2025 11:00:00 GMT', 0],
  ])('reads %j as %d seconds', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
  it.each([[undefined], [''], ['-5'], ['1.5'], ['soon'], ['12 34']])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
