import { describe, expect, it } from 'vitest';
import { base62, keyedRandom, mulberry32, pick, randomInt, uuidFrom } from '../../../src/simulator/prng.js';

const take = (r: () => number, n: number): number[] => Array.from({ length: n }, () => r());

describe('prng', () => {
  it('repeats the same sequence for the same key and differs for another', () => {
    expect(take(keyedRandom(7, 'ActivityEsc', -3), 5)).toEqual(take(keyedRandom(7, 'ActivityEsc', -3), 5));
    expect(take(keyedRandom(7, 'ActivityEsc', -3), 5)).not.toEqual(take(keyedRandom(7, 'ActivityEsc', -2), 5));
    expect(take(keyedRandom(7, 'ActivityEsc', 1), 5)).not.toEqual(take(keyedRandom(8, 'ActivityEsc', 1), 5));
    // Key parts are separated, so ('a1', 2) and ('a', 12) are different keys.
    expect(take(keyedRandom(1, 'a1', 2), 3)).not.toEqual(take(keyedRandom(1, 'a', 12), 3));
  });

  it('draws uniformly-ish from [0, 1)', () => {
    const values = take(mulberry32(42), 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('derives integers, picks, base62 strings and UUIDs', () => {
    const r = mulberry32(3);
    const ints = Array.from({ length: 500 }, () => randomInt(r, 2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    expect(['x', 'y']).toContain(pick(r, ['x', 'y']));
    expect(base62(r, 21)).toMatch(/^[0-9A-Za-z]{21}$/);
    expect(uuidFrom(r)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
