import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../../src/http/rate-limit.js';

describe('createTokenBucket', () => {
  it('allows a burst, then one request per interval', () => {
    const bucket = createTokenBucket(1_000, 2, 0);
    expect([bucket.allow(0), bucket.allow(0), bucket.allow(0)]).toEqual([true, true, false]);
    expect(bucket.allow(500)).toBe(false);
    expect(bucket.allow(1_000)).toBe(true);
    expect(bucket.allow(1_000)).toBe(false);
    // A long pause saves up no more than the burst.
    expect([bucket.allow(60_000), bucket.allow(60_000), bucket.allow(60_000)]).toEqual([true, true, false]);
  });
});
