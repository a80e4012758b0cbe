/** Longest wait between polls of a failing target, unless its interval is longer. */
export const maxBackoffMs = 5 * 60_000;
/** A `Retry-After` beyond this is treated as this: a misconfigured proxy must not silence a target for days. */
export const maxRetryAfterMs = 60 * 60_000;

/**
 * The delay before the next poll after `failures` consecutive failed polls: the interval, doubled per
 * failure up to `max(interval, maxBackoffMs)`, with ±20 % jitter so many targets behind one gateway do
 * not retry in lockstep. No failures: the interval as is (the scheduler adds its own small jitter). Pure.
 */
export function backoffDelay(intervalMs: number, failures: number, random: number): number {
  if (failures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, maxBackoffMs);
  const base = Math.min(cap, intervalMs * 2 ** Math.min(failures, 20));
  return Math.min(cap, Math.round(base * (0.8 + 0.4 * random)));
}

/** When a target may be asked again after a `Retry-After` of `seconds` received at `now` (capped). Pure. */
export function retryNotBefore(now: number, seconds: number): number {
  return now + Math.min(Math.max(0, seconds * 1000), maxRetryAfterMs);
}
