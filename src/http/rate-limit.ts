/**
 * The token bucket of the web configuration's `rate_limit` (Go's `rate.NewLimiter(rate.Every(interval),
 * burst)`): one token every `intervalMs`, at most `burst` saved up. Pure: the time is passed in.
 */
export interface TokenBucket {
  /** Takes a token at `now` (ms) if there is one. */
  allow(now: number): boolean;
}

export function createTokenBucket(intervalMs: number, burst: number, start: number): TokenBucket {
  let tokens = burst;
  let last = start;
  return {
    allow(now) {
      tokens = Math.min(burst, tokens + Math.max(0, now - last) / intervalMs);
      last = Math.max(last, now);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
