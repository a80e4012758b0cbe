import { describe, expect, it } from 'vitest';
import { barGeometry, batchWindowRange, hourLines, minBarWidth, timelineWidth, windowAheadMs, windowBackMs, xOf } from '../../../src/status/timeline.js';
import { zoneClock } from '../../../src/status/zone-time.js';

const hour = 3_600_000;
const now = Date.parse('2026-11-28T12:00:00Z');
const window = batchWindowRange(now);
/** Timeline units per hour: 1000 over the 30-hour window. */
const perHour = timelineWidth / ((windowBackMs + windowAheadMs) / hour);

describe('the batch window geometry', () => {
  it('spans the last 24 hours and the next 6; now sits at 24/30 of the width', () => {
    expect(window).toEqual({ from: now - 24 * hour, to: now + 6 * hour });
    expect(xOf(now, window)).toBe(800);
    expect(xOf(window.from, window)).toBe(0);
    expect(xOf(window.to, window)).toBe(timelineWidth);
  });

  it('clamps times outside the window to its edges', () => {
    expect(xOf(window.from - hour, window)).toBe(0);
    expect(xOf(window.to + hour, window)).toBe(timelineWidth);
  });

  it('places a run from its begin to its end', () => {
    const bar = barGeometry(now - 2 * hour, now - hour, window);
    expect(bar).toMatchObject({ x: Math.round(22 * perHour * 10) / 10, clippedStart: false, clippedEnd: false });
    expect(bar?.width).toBeCloseTo(perHour, 0);
  });

  it('clips a run that crosses the window start to the edge, and says so', () => {
    const bar = barGeometry(window.from - 3 * hour, window.from + hour, window);
    expect(bar).toMatchObject({ x: 0, clippedStart: true, clippedEnd: false });
    expect(bar?.width).toBeCloseTo(perHour, 0);
  });

  it('leaves out a run wholly before or after the window; keeps one that ends exactly at its start', () => {
    expect(barGeometry(window.from - 3 * hour, window.from - hour, window)).toBeUndefined();
    expect(barGeometry(window.to + 1, window.to + hour, window)).toBeUndefined();
    expect(barGeometry(window.from - hour, window.from, window)).toMatchObject({ x: 0, width: minBarWidth, clippedStart: true });
  });

  it('gives a run of a few seconds a visible minimum width, kept inside the window', () => {
    expect(barGeometry(now, now + 3_000, window)).toMatchObject({ x: 800, width: minBarWidth });
    expect(barGeometry(window.to - 1_000, window.to, window)).toMatchObject({ x: timelineWidth - minBarWidth, width: minBarWidth });
  });
});

describe('hourLines (in the target zone)', () => {
  it('draws every local hour, labels midnight with the day; UTC hours for UTC', () => {
    const lines = hourLines(window, zoneClock('UTC'));
    expect(lines).toHaveLength(31);
    expect(lines[0]).toEqual({ at: window.from, x: 0, hour: 12, label: '12:00', midnight: false });
    const midnight = lines.find((line) => line.midnight);
    expect(midnight).toMatchObject({ at: Date.parse('2026-11-28T00:00:00Z'), label: 'Sat 28', hour: 0 });
  });

  it('puts the hours of a half-hour zone at :30 UTC', () => {
    const lines = hourLines(window, zoneClock('Asia/Kolkata'));
    expect(lines.every((line) => new Date(line.at).getUTCMinutes() === 30)).toBe(true);
    expect(lines.find((line) => line.midnight)?.at).toBe(Date.parse('2026-11-27T18:30:00Z'));
  });

  it('labels the wall clock across daylight-saving nights: spring-forward skips 02:00, fall-back repeats 01:00', () => {
    const spring = batchWindowRange(Date.parse('2026-03-08T12:00:00Z'));
    const fall = batchWindowRange(Date.parse('2026-11-01T12:00:00Z'));
    const chicago = zoneClock('America/Chicago');
    const springLabels = hourLines(spring, chicago).map((line) => line.label);
    expect(springLabels).toHaveLength(31);
    expect(springLabels.slice(springLabels.indexOf('Sun 8'), springLabels.indexOf('Sun 8') + 3)).toEqual(['Sun 8', '01:00', '03:00']);
    const fallLabels = hourLines(fall, chicago).map((line) => line.label);
    expect(fallLabels).toHaveLength(31);
    expect(fallLabels.filter((label) => label === '01:00')).toHaveLength(2);
  });
});

describe('zoneClock', () => {
  it('reads a time in the zone with its short name', () => {
    const chicago = zoneClock('America/Chicago');
    expect(chicago.dateTime(Date.parse('2026-11-28T08:00:05Z'))).toBe('2026-11-28 02:00:05 CST');
    expect(chicago.dateTime(Date.parse('2026-07-01T07:00:00Z'))).toBe('2026-07-01 02:00:00 CDT');
  });

  it('changes offset at the exact instant of a daylight-saving change, within its cached hour', () => {
    const chicago = zoneClock('America/Chicago');
    expect(chicago.dateTime(Date.parse('2026-03-08T07:59:59Z'))).toBe('2026-03-08 01:59:59 CST');
    expect(chicago.dateTime(Date.parse('2026-03-08T08:00:00Z'))).toBe('2026-03-08 03:00:00 CDT');
    // Lord Howe moves by half an hour, at 02:00 local (15:00 UTC the day before).
    const howe = zoneClock('Australia/Lord_Howe');
    expect(howe.parts(Date.parse('2026-10-03T15:29:59Z')).time).toBe('01:59:59');
    expect(howe.parts(Date.parse('2026-10-03T15:30:00Z')).time).toBe('02:30:00');
    // Every minute of a day across the change agrees with Intl itself.
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Chicago', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    for (let at = Date.parse('2026-11-01T00:00:00Z'); at < Date.parse('2026-11-02T00:00:00Z'); at += 60_000) expect(chicago.parts(at).time).toBe(intl.format(at));
  });
});
