import { describe, expect, it } from 'vitest';
import { elapsed, formatDuration, isoUtc, relativeTime, timeHtml } from '../../../src/status/html/time.js';

const now = Date.parse('2026-11-28T10:00:00.000Z');

describe('status page times', () => {
  it.each([
    [now - 400, 'just now'],
    [now - 42_000, '42 s ago'],
    [now - 3 * 60_000 - 20_000, '3 min ago'],
    [now - 2 * 3_600_000 - 5 * 60_000, '2 h 5 min ago'],
    [now - 3 * 86_400_000, '3 d ago'],
    [now + 20_000, 'in 20 s'],
    [now + 90 * 60_000, 'in 1 h 30 min'],
  ])('relativeTime(%s) is %s', (ms, text) => expect(relativeTime(ms, now)).toBe(text));

  it.each([
    [0.25, '250 ms'],
    [5.54, '5.5 s'],
    [42, '42 s'],
    [200, '3 min 20 s'],
    [7_500, '2 h 5 min'],
    [90_000, '1 d 1 h'],
  ])('formatDuration(%s) is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it('shows ISO UTC to the second next to the relative time, in a <time> element', () => {
    expect(isoUtc(now + 123)).toBe('2026-11-28T10:00:00Z');
    expect(timeHtml(now - 180_000, now)).toBe(
      '<time datetime="2026-11-28T09:57:00.000Z" title="2026-11-28T09:57:00.000Z">3 min ago</time><span class="iso">2026-11-28T09:57:00Z</span>',
    );
    expect(timeHtml(undefined, now)).toContain('-');
  });

  it('elapsed: time since a start, never negative when the start is ahead of our clock', () => {
    expect(elapsed(now - 3 * 60_000 - 20_000, now)).toBe('3 min');
    expect(elapsed(now - 42_000, now)).toBe('42 s');
    expect(elapsed(now + 5_000, now)).toBe('0 s');
  });
});
