/**
 * Reads `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as whole seconds from
 * `nowMs` (never negative). `undefined` when absent or unparseable. Pure.
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  // HTTP-dates always name a weekday or month; requiring a letter keeps Date.parse from guessing at numbers.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
