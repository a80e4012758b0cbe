import { describe, expect, it } from 'vitest';
import { compileQuartz } from '../../../src/cron/quartz.js';
import { evaluateSchedule, initialScheduleState } from '../../../src/schedule/evaluate.js';
import { maintenanceCalendar, maintenanceTest, maintenanceView } from '../../../src/schedule/maintenance.js';
import type { LatestRun } from '../../../src/schedule/types.js';
import type { RunRecord } from '../../../src/history/run-record.js';
import { at, cronSchedule, minute, run } from './helpers.js';

const nightly = cronSchedule(['0 0 2 * * ?']);
const deadline = { label: '06:00', cron: compileQuartz('0 0 6 * * ?', 'UTC') };
// Past runs of 60 minutes each: the median duration.
const past = [run('2025-05-31T02:00:00Z', 60), run('2025-05-30T02:00:00Z', 60), run('2025-05-29T02:00:00Z', 60)];

function deadlineAt(now: string, recent: RunRecord[], latest?: LatestRun) {
  const input = { schedule: nightly, deadline, recent, inMaintenance: () => false, now: at(now), ...(latest === undefined ? {} : { latest }) };
  return evaluateSchedule(initialScheduleState(at('2025-06-01T00:00:00Z')), input).view.deadline;
}

describe('deadlines and forecasts', () => {
  it('before the cycle\'s run begins: the next fire time plus the median duration', () => {
    expect(deadlineAt('2025-06-01T01:00:00Z', past)).toEqual({ label: '06:00', at: at('2025-06-01T06:00:00Z'), missed: false, forecastAt: at('2025-06-01T03:00:00Z') });
  });
  it('running with progress: from its rate; without progress: its start plus the median', () => {
    const latest = { createdAt: at('2025-06-01T02:00:00Z'), startedAt: at('2025-06-01T02:00:00Z'), running: true, progress: 0.25 };
    expect(deadlineAt('2025-06-01T03:00:00Z', past, latest)?.forecastAt).toBe(at('2025-06-01T06:00:00Z'));
    expect(deadlineAt('2025-06-01T03:00:00Z', past, { ...latest, progress: 0.2 })?.forecastAt).toBe(at('2025-06-01T07:00:00Z'));
    const { progress: _none, ...noProgress } = latest;
    expect(deadlineAt('2025-06-01T02:30:00Z', past, noProgress)?.forecastAt).toBe(at('2025-06-01T03:00:00Z'));
    // Overrunning its median: expected any moment, never in the past.
    expect(deadlineAt('2025-06-01T05:00:00Z', past, noProgress)?.forecastAt).toBe(at('2025-06-01T05:00:00Z'));
  });
  it('met: a run that began in the cycle completed by the deadline; the forecast is its completion', () => {
    const done = [run('2025-06-01T02:00:00Z', 90), ...past];
    expect(deadlineAt('2025-06-01T04:00:00Z', done)).toEqual({ label: '06:00', at: at('2025-06-01T06:00:00Z'), missed: false, forecastAt: at('2025-06-01T03:30:00Z') });
    // After the deadline passed, met: the next day's deadline is the current one.
    expect(deadlineAt('2025-06-01T07:00:00Z', done)).toMatchObject({ at: at('2025-06-02T06:00:00Z'), missed: false });
  });
  it('missed: the deadline passed with no completed run in its cycle, until the next deadline', () => {
    const failed = [run('2025-06-01T02:00:00Z', 30, { outcome: 'internal_failure' }), ...past];
    expect(deadlineAt('2025-06-01T06:00:01Z', failed)).toMatchObject({ at: at('2025-06-01T06:00:00Z'), missed: true });
    const late = [run('2025-06-01T05:30:00Z', 40), ...past];
    expect(deadlineAt('2025-06-01T06:30:00Z', late)).toMatchObject({ at: at('2025-06-01T06:00:00Z'), missed: true });
    // A run that began before the cycle (yesterday's) does not meet today's deadline.
    expect(deadlineAt('2025-06-01T05:59:59Z', past)).toMatchObject({ at: at('2025-06-01T06:00:00Z'), missed: false });
    expect(deadlineAt('2025-06-01T06:00:00Z', past)).toMatchObject({ at: at('2025-06-01T06:00:00Z'), missed: true });
  });
  it('no forecast without progress or past durations', () => {
    expect(deadlineAt('2025-06-01T01:00:00Z', [])?.forecastAt).toBeUndefined();
  });
});

describe('maintenance windows', () => {
  const nightlyWindow = { kind: 'recurring', name: 'patching', expression: '0 0 23 * * ?', timezone: 'UTC', durationMs: 3 * 60 * minute } as const;
  it('a recurring window across midnight: open from 23:00 to 02:00, closed at 02:00', () => {
    const test = maintenanceTest([nightlyWindow]);
    expect([test(at('2025-06-01T22:59:59Z')), test(at('2025-06-01T23:00:00Z')), test(at('2025-06-02T01:59:59Z')), test(at('2025-06-02T02:00:00Z'))]).toEqual([false, true, true, false]);
    expect(maintenanceView([nightlyWindow], at('2025-06-02T01:00:00Z'))).toEqual({ active: true, name: 'patching', until: at('2025-06-02T02:00:00Z'), nextFrom: at('2025-06-02T23:00:00Z') });
    expect(maintenanceView([nightlyWindow], at('2025-06-02T12:00:00Z'))).toEqual({ active: false, until: at('2025-06-02T23:00:00Z'), nextFrom: at('2025-06-02T23:00:00Z') });
  });
  it('an absolute window is [from, until); no windows is never', () => {
    const test = maintenanceTest([{ kind: 'absolute', from: at('2025-06-01T00:00:00Z'), until: at('2025-06-01T04:00:00Z') }]);
    expect([test(at('2025-05-31T23:59:59Z')), test(at('2025-06-01T00:00:00Z')), test(at('2025-06-01T04:00:00Z'))]).toEqual([false, true, false]);
    expect(maintenanceTest([])(at('2025-06-01T00:00:00Z'))).toBe(false);
    expect(maintenanceView([], 0)).toEqual({ active: false });
  });
  it('a DST night: a 01:00 Chicago window of 2 h lasts two real hours on the fall-back night', () => {
    const calendar = maintenanceCalendar([{ kind: 'recurring', expression: '0 0 1 * * ?', timezone: 'America/Chicago', durationMs: 2 * 60 * minute }]);
    expect(calendar.test(at('2025-11-02T01:30:00-05:00'))).toBe(true);
    // Two real hours from 01:00 CDT end at 02:00 CST, after the repeated hour.
    expect(calendar.test(at('2025-11-02T01:59:00-06:00'))).toBe(true);
    expect(calendar.test(at('2025-11-02T02:00:00-06:00'))).toBe(false);
    // Asked in any order, the remembered starts give the same answers.
    expect(calendar.test(at('2025-11-01T01:30:00-05:00'))).toBe(true);
    expect(calendar.test(at('2025-11-01T03:30:00-05:00'))).toBe(false);
    expect(calendar.view(at('2025-11-02T01:30:00-05:00'))).toMatchObject({ active: true, until: at('2025-11-02T02:00:00-06:00') });
  });
});
