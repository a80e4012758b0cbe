import { escapeHtml } from './escape.js';

/** `2026-11-28T09:00:05Z`: ISO-8601 UTC to the second, for reading. Pure. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A span of whole seconds in its two largest units: `45 s`, `3 min 20 s`, `2 h 5 min`, `3 d 4 h`. Pure. */
function span(totalSeconds: number): string {
  const s = Math.round(totalSeconds);
  const two = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
    small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
  if (s < 60) return `${s} s`;
  if (s < 3600) return two(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86_400) return two(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return two(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

/** A duration for people: `850 ms`, `5.5 s`, `42 s`, `3 min 20 s`, `2 h 5 min`. Pure. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  return span(seconds);
}

/** A span for the relative times: whole minutes within the first hour. */
const coarseSpan = (seconds: number): string => (seconds < 3600 && seconds >= 60 ? `${Math.floor(seconds / 60)} min` : span(seconds));

/** `3 min ago`, `in 20 s`, `just now`: `ms` relative to `now`, coarse past the first minute. Pure. */
export function relativeTime(ms: number, now: number): string {
  const diff = now - ms;
  const seconds = Math.abs(diff) / 1000;
  if (seconds < 1) return 'just now';
  return diff >= 0 ? `${coarseSpan(seconds)} ago` : `in ${coarseSpan(seconds)}`;
}

/** How long since `from`: `45 s`, `3 min`; a start in the future (a clock ahead of ours) is `0 s`. Pure. */
export function elapsed(from: number, now: number): string {
  return coarseSpan(Math.max(0, now - from) / 1000);
}

/** A `<time>` showing the relative time, with the ISO UTC time below it; `-` when unknown. Pure. */
export function timeHtml(ms: number | undefined, now: number): string {
  if (ms === undefined) return '<span class="none">-</span>';
  const iso = new Date(ms).toISOString();
  return `<time datetime="${iso}" title="${iso}">${escapeHtml(relativeTime(ms, now))}</time><span class="iso">${isoUtc(ms)}</span>`;
}
