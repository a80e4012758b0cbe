import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/history/run-record.js';
import { initialScheduleState } from '../../../src/schedule/evaluate.js';
import { learnCadence } from '../../../src/schedule/learn.js';
import { resolveDeadline, resolveSchedule } from '../../../src/schedule/resolve.js';
import { at, evaluateAt, minute, run } from './helpers.js';

/** Scheduled runs every `gapMs` back from `newest`, newest first, with some gaps left out. */
function history(newest: string, gapMs: number, count: number, leaveOut: number[] = [], extra: Partial<RunRecord> = {}): RunRecord[] {
  const out: RunRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    if (!leaveOut.includes(i)) out.push(run(new Date(at(newest) - i * gapMs).toISOString(), 1, extra));
  }
  return out;
}

describe('learned cadence', () => {
  it('learns the median gap of scheduled starts, anchored at the latest', () => {
    expect(learnCadence(history('2025-06-01T12:00:00Z', 30 * minute, 10))).toEqual({ intervalMs: 30 * minute, anchor: at('2025-06-01T12:00:00Z'), toleranceMs: 3 * minute });
  });
  it('needs five gaps, and ignores manual runs', () => {
    expect(learnCadence(history('2025-06-01T12:00:00Z', 30 * minute, 5))).toBeUndefined();
    expect(learnCadence(history('2025-06-01T12:00:00Z', 30 * minute, 10, [], { trigger: 'manual' }))).toBeUndefined();
  });
  it('a missed run (a gap twice the median) is allowed once in ten gaps, not more', () => {
    expect(learnCadence(history('2025-06-01T12:00:00Z', 30 * minute, 12, [5]))?.intervalMs).toBe(30 * minute);
    expect(learnCadence(history('2025-06-01T12:00:00Z', 30 * minute, 12, [3, 7]))).toBeUndefined();
  });
  it('irregular gaps, a business-hours night or a weekend make it unknown', () => {
    const jitter = history('2025-06-01T12:00:00Z', 30 * minute, 10).map((r, i) => ({ ...r, createdAt: (r.createdAt ?? 0) + (i % 2) * 11 * minute }));
    expect(learnCadence(jitter)).toBeUndefined();
    const businessHours = [...history('2025-06-02T09:00:00Z', 15 * minute, 8), ...history('2025-06-01T18:00:00Z', 15 * minute, 8)];
    expect(learnCadence(businessHours)).toBeUndefined();
    // Weekdays only: Friday to Monday is three days, one gap in five.
    const weekdays = ['06-09', '06-06', '06-05', '06-04', '06-03', '06-02', '05-30', '05-29'].map((d) => run(`2025-${d}T02:00:00Z`));
    expect(learnCadence(weekdays)).toBeUndefined();
  });
  it('a daily run moved by an hour by a DST change is still regular', () => {
    const runs = ['11-05T08:00', '11-04T08:00', '11-03T08:00', '11-02T08:00', '11-01T07:00', '10-31T07:00', '10-30T07:00'].map((d) => run(`2025-${d}:00Z`));
    expect(learnCadence(runs)?.intervalMs).toBe(24 * 3_600_000);
  });
  it('evaluated: a learned 30-minute cadence counts a missed run, and an early-by-jitter run answers', () => {
    const recent = history('2025-06-01T12:00:00.250Z', 30 * minute, 10);
    const schedule = resolveSchedule({ graceMs: 5 * minute, recent });
    expect(schedule).toMatchObject({ source: 'learned', label: '@every 30m', timezone: 'UTC', graceMs: 5 * minute });
    if (schedule === undefined) throw new Error('no schedule');
    const start = initialScheduleState(at('2025-06-01T12:10:00Z'));
    expect(evaluateAt(schedule, [{ now: '2025-06-01T12:36:00Z', recent }], start).view).toMatchObject({ late: true, missedTotal: 1 });
    const early = [run('2025-06-01T12:29:00Z'), ...recent];
    expect(evaluateAt(schedule, [{ now: '2025-06-01T12:36:00Z', recent: early }], start).view).toMatchObject({ late: false, missedTotal: 0 });
  });
  it('a learned daily cadence gets a tenth of its interval as grace', () => {
    expect(resolveSchedule({ graceMs: 5 * minute, recent: history('2025-06-10T02:00:00Z', 86_400_000, 8) })?.graceMs).toBe(8_640_000);
  });
});

describe('resolveSchedule', () => {
  const imported = [{ expression: '0 0/30 * * * ?', source: 'scheduler-config.xml:12' }];
  it('an override wins over scheduler-config.xml, which wins over a learned cadence', () => {
    const recent = history('2025-06-01T12:00:00Z', 30 * minute, 10);
    expect(resolveSchedule({ graceMs: 1, override: { match: 'X', schedule: ['0 0 2 * * ?'] }, imported, recent })).toMatchObject({ source: 'config', label: '0 0 2 * * ?' });
    expect(resolveSchedule({ graceMs: 1, override: { match: 'X' }, imported, recent })).toMatchObject({ source: 'scheduler_config', label: '0 0/30 * * * ?' });
    expect(resolveSchedule({ graceMs: 1, recent })).toMatchObject({ source: 'learned' });
    expect(resolveSchedule({ graceMs: 1 })).toBeUndefined();
  });
  it('zone: the override, the target, the server (when valid), else UTC; grace: the override, else the target', () => {
    const base = { graceMs: 7, imported };
    expect(resolveSchedule({ ...base, override: { match: 'X', timezone: 'Asia/Tokyo', graceMs: 9 }, targetZone: 'Europe/Berlin', serverZone: 'America/Chicago' })).toMatchObject({ timezone: 'Asia/Tokyo', graceMs: 9 });
    expect(resolveSchedule({ ...base, targetZone: 'Europe/Berlin', serverZone: 'America/Chicago' })).toMatchObject({ timezone: 'Europe/Berlin', graceMs: 7 });
    expect(resolveSchedule({ ...base, serverZone: 'America/Chicago' })?.timezone).toBe('America/Chicago');
    expect(resolveSchedule({ ...base, serverZone: 'Not/AZone' })?.timezone).toBe('UTC');
  });
  it('several expressions are one schedule labelled with " | "', () => {
    const both = resolveSchedule({ graceMs: 1, imported: [...imported, { expression: '0 0 2 * * ?', source: 'f:20' }, { expression: '0 0 2 * * ?', source: 'f:30' }] });
    expect(both?.label).toBe('0 0/30 * * * ? | 0 0 2 * * ?');
    expect(both?.crons).toHaveLength(2);
  });
  it('resolveDeadline compiles complete_by in its own zone, else the schedule\'s', () => {
    const own = resolveDeadline({ match: 'X', completeBy: { text: '06:00 Asia/Tokyo', expression: '0 0 6 * * ?', timezone: 'Asia/Tokyo' } }, 'UTC');
    expect(own?.cron.next(at('2025-06-01T00:00:00Z'))).toBe(at('2025-06-01T21:00:00Z'));
    const inherited = resolveDeadline({ match: 'X', completeBy: { text: '06:00', expression: '0 0 6 * * ?' } }, 'Europe/Berlin');
    expect(inherited).toMatchObject({ label: '06:00' });
    expect(inherited?.cron.timezone).toBe('Europe/Berlin');
    expect(resolveDeadline(undefined, 'UTC')).toBeUndefined();
  });
});
