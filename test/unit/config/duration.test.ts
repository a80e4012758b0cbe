import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/config/duration.js';

describe('parseDuration', () => {
  test.each([
    ['0', 0],
    ['1ms', 1],
    ['1s', 1_000],
    ['90s', 90_000],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['2h0m', 7_200_000],
    ['1y2w3d4h5m6s7ms', 31_536_000_000 + 2 * 604_800_000 + 3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000 + 6_000 + 7],
    ['0s', 0],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['', 'abc', '1', '10', '1.5h', '-1s', '+1s', '1h 30m', '30m1h', '1s1s', '1H', 'm', '1 s', ' 1s', '1sec', '9999999999999999y'])(
    '%j is rejected',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('formatDuration', () => {
  test.each([
    [0, '0s'],
    [1, '1ms'],
    [1_500, '1s500ms'],
    [60_000, '1m'],
    [5_400_000, '1h30m'],
    [86_400_000, '1d'],
    [8 * 86_400_000, '8d'],
    [14 * 86_400_000, '2w'],
    [31_536_000_000, '1y'],
    [1_800_000, '30m'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test.each(['1ms', '45s', '1h30m', '1d2h', '2w', '1y', '1d1h1m1s1ms'])('round-trips %s', (text) => {
    expect(formatDuration(parseDuration(text) ?? -1)).toBe(text);
  });
});
