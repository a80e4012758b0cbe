import { describe, expect, it } from 'vitest';
import { compileQuartz } from '../../../src/cron/quartz.js';
import { evaluateSchedule, initialScheduleState } from '../../../src/schedule/evaluate.js';
import { at, cronSchedule, evaluateAt, minute, run } from './helpers.js';

const nightly = cronSchedule(['0 0 2 * * ?']);

describe('late and missed around the grace', () => {
  it('a fire time is not late 1 ms before its grace ends, and late and missed once it has', () => {
    const recent = [run('2025-05-31T02:00:00Z')];
    const before = evaluateAt(nightly, [{ now: '2025-06-01T02:04:59.999Z', recent }], initialScheduleState(at('2025-06-01T01:00:00Z')));
    expect(before.view).toMatchObject({ late: false, missedTotal: 0 });
    const after = evaluateAt(nightly, [{ now: '2025-06-01T02:05:00Z', recent }], initialScheduleState(at('2025-06-01T01:00:00Z')));
    expect(after.view).toMatchObject({ late: true, missedTotal: 1, skippedTotal: 0 });
  });
  it('a run requested 0.5 s before the fire time answers it; one 2 s before does not', () => {
    const start = initialScheduleState(at('2025-06-01T01:00:00Z'));
    const early = evaluateAt(nightly, [{ now: '2025-06-01T02:10:00Z', recent: [run('2025-06-01T01:59:58Z', 0.01)] }], start);
    expect(early.view).toMatchObject({ late: true, missedTotal: 1 });
    const onTime = evaluateAt(nightly, [{ now: '2025-06-01T02:10:00Z', recent: [run('2025-06-01T01:59:59.500Z', 0.001)] }], start);
    expect(onTime.view).toMatchObject({ late: false, missedTotal: 0 });
  });
  it('a run that began late but before the next fire time answers it; late clears the moment it begins', () => {
    const { views } = evaluateAt(
      nightly,
      [
        { now: '2025-06-01T02:05:00Z' },
        { now: '2025-06-01T02:20:00Z', latest: { createdAt: at('2025-06-01T02:19:00Z'), running: true } },
      ],
      initialScheduleState(at('2025-06-01T01:00:00Z')),
    );
    expect(views.map((view) => [view.late, view.missedTotal])).toEqual([
      [true, 1],
      [false, 1],
    ]);
  });
  it('a fire time that came while the previous run still ran is skipped, not missed, and not late', () => {
    const longRun = { createdAt: at('2025-06-01T01:30:00Z'), startedAt: at('2025-06-01T01:30:01Z'), running: true };
    const { view } = evaluateAt(nightly, [{ now: '2025-06-01T02:10:00Z', latest: longRun }], initialScheduleState(at('2025-06-01T01:00:00Z')));
    expect(view).toMatchObject({ late: false, missedTotal: 0, skippedTotal: 1 });
    // The run had ended before the fire time: missed.
    const ended = evaluateAt(nightly, [{ now: '2025-06-01T02:10:00Z', recent: [run('2025-06-01T01:30:00Z', 20)] }], initialScheduleState(at('2025-06-01T01:00:00Z')));
    expect(ended.view).toMatchObject({ late: true, missedTotal: 1, skippedTotal: 0 });
  });
  it('inside a maintenance window a fire time is neither late nor missed', () => {
    const window = (t: number): boolean => t >= at('2025-06-01T01:30:00Z') && t < at('2025-06-01T03:00:00Z');
    const { view } = evaluateAt(nightly, [{ now: '2025-06-01T02:30:00Z', inMaintenance: window }], initialScheduleState(at('2025-06-01T01:00:00Z')));
    expect(view).toMatchObject({ late: false, missedTotal: 0, skippedTotal: 0 });
  });
  it('each fire time is judged once across evaluations', () => {
    const { views } = evaluateAt(
      nightly,
      ['02:05', '02:06', '03:00', '12:00'].map((hm) => ({ now: `2025-06-01T${hm}:00Z` })),
      initialScheduleState(at('2025-06-01T01:00:00Z')),
    );
    expect(views.map((view) => view.missedTotal)).toEqual([1, 1, 1, 1]);
    const nextDay = evaluateAt(nightly, [{ now: '2025-06-02T02:05:00Z' }], evaluateAt(nightly, [{ now: '2025-06-01T12:00:00Z' }], initialScheduleState(at('2025-06-01T01:00:00Z'))).state);
    expect(nextDay.view.missedTotal).toBe(2);
  });
  it('a restart starts from its own time: earlier fire times are not replayed, though the process still shows late', () => {
    const { view } = evaluateAt(nightly, [{ now: '2025-06-01T02:40:00Z' }], initialScheduleState(at('2025-06-01T02:30:00Z')));
    expect(view).toMatchObject({ late: true, missedTotal: 0 });
  });
  it('several schedules: the process runs on each (the union of fire times)', () => {
    const twice = cronSchedule(['0 0 2 * * ?', '0 0 14 * * ?']);
    const { view } = evaluateAt(twice, [{ now: '2025-06-01T14:10:00Z', recent: [run('2025-06-01T02:00:00Z')] }], initialScheduleState(at('2025-06-01T01:00:00Z')));
    expect(view).toMatchObject({ label: '0 0 2 * * ? | 0 0 14 * * ?', late: true, missedTotal: 1 });
    expect(view.previousAt).toBe(at('2025-06-01T14:00:00Z'));
    expect(view.nextAt).toBe(at('2025-06-02T02:00:00Z'));
  });
});

describe('what the view shows', () => {
  it('next and previous fire times, and the last day of fire times (at most 288)', () => {
    const every5 = cronSchedule(['0 0/5 * * * ?']);
    // The day's older fire times fill in a few per evaluation (fire-times.ts, backStepsPerEvaluation).
    const first = evaluateAt(every5, [{ now: '2025-06-01T12:02:00Z' }]).view;
    expect(first.windowFireTimes.length).toBeLessThan(10);
    expect(first.windowFireTimes.at(-1)).toBe(at('2025-06-01T12:00:00Z'));
    const { view } = evaluateAt(every5, Array.from({ length: 150 }, () => ({ now: '2025-06-01T12:02:00Z' })));
    expect(view.nextAt).toBe(at('2025-06-01T12:05:00Z'));
    expect(view.previousAt).toBe(at('2025-06-01T12:00:00Z'));
    expect(view.windowFireTimes).toHaveLength(288);
    expect(view.windowFireTimes[0]).toBe(at('2025-05-31T12:05:00Z'));
    expect(view.windowFireTimes[287]).toBe(at('2025-06-01T12:00:00Z'));
    const weekly = cronSchedule(['0 0 12 ? * SAT']);
    const week = evaluateAt(weekly, [{ now: '2025-06-04T12:00:00Z' }]).view;
    expect(week.windowFireTimes).toEqual([]);
    expect(week.previousAt).toBe(at('2025-05-31T12:00:00Z'));
  });
  it('a schedule in a past year has no next fire time', () => {
    const { view } = evaluateAt(cronSchedule(['0 0 2 * * ? 2020']), [{ now: '2025-06-01T12:00:00Z' }]);
    expect(view.nextAt).toBeUndefined();
    expect(view.previousAt).toBe(at('2020-12-31T02:00:00Z'));
  });
  it('evaluations with the cached fire times count what an independent count of the fire times gives', () => {
    const crons = ['0 0/7 * * * ?', '0 3 2 * * ?'];
    const every7 = cronSchedule(crons);
    const begin = at('2025-06-01T00:00:00Z');
    let state = initialScheduleState(begin);
    const runs = [run('2025-06-01T01:03:00Z'), run('2025-06-01T00:28:00Z')];
    let now = begin;
    for (; now < at('2025-06-01T03:00:00Z'); now += 9 * minute + 13_000) {
      state = evaluateSchedule(state, { schedule: every7, recent: runs, inMaintenance: () => false, now }).state;
    }
    const last = now - 9 * minute - 13_000;
    const fires = [...new Set(crons.flatMap((expression) => compileQuartz(expression, 'UTC').between(begin, last - 5 * minute + 7 * minute, 1000)))].sort((a, b) => a - b);
    const judged = fires.filter((fire) => fire <= last - 5 * minute);
    // Answered: a run requested in [f - 1 s, the next fire time); 01:03 answers 01:00 and then still runs at 01:07.
    const answered = judged.filter((fire, i) => runs.some((r) => (r.createdAt ?? 0) >= fire - 1000 && (r.createdAt ?? 0) < (fires[i + 1] ?? Infinity)));
    expect(answered.map((fire) => new Date(fire).toISOString())).toEqual(['2025-06-01T00:28:00.000Z', '2025-06-01T01:00:00.000Z']);
    expect(state.skippedTotal).toBe(1);
    expect(state.missedTotal + state.skippedTotal).toBe(judged.length - answered.length);
    expect(state.missedTotal).toBeGreaterThan(10);
  });
  it('waits for the history when a newer run exists than the read that should show the answering one', () => {
    const every10 = cronSchedule(['0 0/10 * * * ?']);
    const start = initialScheduleState(at('2025-06-01T01:55:00Z'));
    const latest = { createdAt: at('2025-06-01T02:10:00Z'), running: true };
    const stale = evaluateAt(every10, [{ now: '2025-06-01T02:11:00Z', latest, recent: [], recentAsOf: at('2025-06-01T02:01:00Z') }], start);
    expect(stale.view.missedTotal).toBe(0);
    expect(stale.state.judgedThrough).toBe(start.judgedThrough);
    const read = evaluateAt(every10, [{ now: '2025-06-01T02:16:00Z', latest, recent: [run('2025-06-01T02:00:00Z')], recentAsOf: at('2025-06-01T02:15:00Z') }], stale.state);
    expect(read.view.missedTotal).toBe(0);
    expect(read.state.judgedThrough).toBe(at('2025-06-01T02:10:00Z'));
  });
});

describe('daylight-saving nights (America/Chicago)', () => {
  const every30 = cronSchedule(['0 0/30 * * * ?'], 'America/Chicago');
  const start = initialScheduleState(at('2025-11-02T05:45:00Z'));
  const cdt = (hm: string): string => `2025-11-02T${hm}:00-05:00`;
  const cst = (hm: string): string => `2025-11-02T${hm}:00-06:00`;
  it('fall back: runs on the first pass only (Java Quartz) count nothing missed', () => {
    const recent = [run(cst('02:30')), run(cst('02:00')), run(cdt('01:30')), run(cdt('01:00'))];
    const { view } = evaluateAt(every30, [{ now: cst('02:40'), recent }], start);
    expect(view).toMatchObject({ missedTotal: 0, late: false });
  });
  it('fall back: runs on the second pass only count nothing missed either', () => {
    const recent = [run(cst('02:30')), run(cst('02:00')), run(cst('01:30')), run(cst('01:00'))];
    const { view } = evaluateAt(every30, [{ now: cst('02:40'), recent }], start);
    expect(view).toMatchObject({ missedTotal: 0, late: false });
  });
  it('fall back: no runs at all in the repeated hour are two missed wall-clock fire times, not four', () => {
    const { view } = evaluateAt(every30, [{ now: cst('01:59'), recent: [run(cdt('00:30'))] }], start);
    expect(view.missedTotal).toBe(2);
  });
  it('fall back: a daily 01:30 whose run comes on the second pass is not late in between', () => {
    const daily = cronSchedule(['0 30 1 * * ?'], 'America/Chicago');
    const from = initialScheduleState(at('2025-11-02T05:00:00Z'));
    const between = evaluateAt(daily, [{ now: cdt('01:50') }], from);
    expect(between.view).toMatchObject({ late: false, missedTotal: 0 });
    const answered = evaluateAt(daily, [{ now: cst('01:40'), recent: [run(cst('01:30'))] }], from);
    expect(answered.view).toMatchObject({ late: false, missedTotal: 0 });
    const none = evaluateAt(daily, [{ now: cst('01:40') }], from);
    expect(none.view).toMatchObject({ late: true, missedTotal: 1 });
  });
  it('spring forward: a daily 02:30 does not exist that night and nothing is missed', () => {
    const daily = cronSchedule(['0 30 2 * * ?'], 'America/Chicago');
    const { view } = evaluateAt(daily, [{ now: '2025-03-09T12:00:00Z', recent: [run('2025-03-08T02:30:00-06:00')] }], initialScheduleState(at('2025-03-08T12:00:00Z')));
    expect(view).toMatchObject({ late: false, missedTotal: 0 });
    expect(view.nextAt).toBe(at('2025-03-10T02:30:00-05:00'));
  });
});
