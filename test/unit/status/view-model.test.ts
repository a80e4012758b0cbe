import { describe, expect, it } from 'vitest';
import { parseStatusQuery } from '../../../src/status/query.js';
import { buildStatusView } from '../../../src/status/view-model.js';
import { completed, input, minute, neverRun, now, running, schedule, snapshot, stats, view } from './fixtures.js';

const query = (text = '') => parseStatusQuery(new URLSearchParams(text));

describe('buildStatusView', () => {
  const pc = snapshot('pc', [view('Clean', completed(5)), view('Failing', completed(3, 4)), view('Never', neverRun), view('Running', running(10, 40))], {
    Clean: stats({ lastSuccessAt: now - 5 * minute }),
  });
  const down = snapshot('cc <eu>', [], undefined, { up: false, errors: [{ reason: 'timeout', message: 'GET /batch-processes timed out', count: 1, examples: [] }] });
  const pending = { target: 'bc', pollIntervalSeconds: 30, processes: [] };

  it('gives each target its health, poll facts, requests and next poll', () => {
    const v = buildStatusView(input({ snapshot: pc, requests: { status: 1, history: 2 }, nextPollAt: now + 58_000 }, { snapshot: down }, { snapshot: pending }), query());
    expect(v.targets.map((t) => [t.name, t.health, t.anchor])).toEqual([
      ['pc', 'up', 'target-pc'],
      ['cc <eu>', 'down', 'target-cc-eu-'],
      ['bc', 'pending', 'target-bc'],
    ]);
    expect(v.targets[0]?.lastPoll).toEqual({ startedAt: now - 2_000, durationSeconds: 0.25, lastSuccessAt: now - 1_750, errors: [], requests: { status: 1, history: 2 } });
    expect(v.targets[0]?.nextPollAt).toBe(now + 58_000);
    expect(v.targets[1]?.lastPoll?.errors).toEqual([{ reason: 'timeout', message: 'GET /batch-processes timed out', count: 1, examples: [] }]);
    expect(v.targets[2]).not.toHaveProperty('lastPoll');
    expect(v.summary).toEqual({ targets: 3, up: 1, down: 1, pending: 1, processes: 4, failing: 1 });
  });

  it('makes target anchors unique even when names sanitise alike', () => {
    const v = buildStatusView(input({ snapshot: snapshot('a b', []) }, { snapshot: snapshot('a/b', []) }), query());
    expect(v.targets.map((t) => t.anchor)).toEqual(['target-a-b', 'target-a-b-2']);
  });

  it('makes process anchors unique too, so a link lands on its own row', () => {
    const v = buildStatusView(input({ snapshot: snapshot('pc', [view('A-B', completed(1)), view('A.B', completed(1))]) }), query('sort=code&dir=desc'));
    expect(v.targets[0]?.processes.map((row) => [row.code, row.anchor])).toEqual([
      // Ids follow the snapshot's order (by code), not the page's sort.
      ['A.B', 'target-pc--A-B-2'],
      ['A-B', 'target-pc--A-B'],
    ]);
  });

  it('derives state, progress, duration and last success as the metrics do', () => {
    const rows = buildStatusView(input({ snapshot: pc }), query('sort=code')).targets[0]?.processes ?? [];
    const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
    expect(byCode['Clean']).toMatchObject({ state: 'completed', lastDurationSeconds: 60, lastSuccessAt: now - 5 * minute, opsCompleted: 10, opsFailed: 0, failing: false });
    expect(byCode['Running']).toMatchObject({ state: 'running', progress: { done: 40, total: 100, ratio: 0.4 }, opsExpected: 100 });
    expect(byCode['Running']).not.toHaveProperty('lastDurationSeconds');
    expect(byCode['Never']).toMatchObject({ state: 'never_run', flags: ['never_run'], failing: false });
    expect(byCode['Failing']).toMatchObject({ flags: ['failed_ops'], failing: true });
  });

  it('sorts failing processes first by default and marks rows the filter hides', () => {
    const rows = buildStatusView(input({ snapshot: pc }), query('q=in')).targets[0]?.processes ?? [];
    expect(rows.map((r) => [r.code, r.visible])).toEqual([
      ['Failing', true],
      ['Clean', false],
      ['Never', false],
      ['Running', true],
    ]);
  });

  it('counts failing processes per target, whatever the filter', () => {
    const v = buildStatusView(input({ snapshot: pc }), query('state=completed'));
    expect(v.targets[0]?.failingCount).toBe(1);
    expect(v.summary.failing).toBe(1);
  });
});

describe('buildStatusView with server time', () => {
  it('judges and shows Guidewire times against Guidewire\'s clock: ours plus the server time offset', () => {
    // The server clock is 10 min ahead: a run that ended "9 min ago" on its clock is 1 min in our future.
    const overdue = view('Hourly', completed(9), { thresholds: { stallAfterMs: 30 * minute, expectEveryMs: 10 * minute } });
    const ahead = { ...snapshot('pc', [overdue], { Hourly: stats({ lastSuccessAt: now + minute }) }), serverTime: { offsetMs: 10 * minute, zoneId: 'Europe/Berlin', checkedAt: now } };
    const target = buildStatusView(input({ snapshot: ahead }), query()).targets[0];
    expect(target).toMatchObject({ serverNow: now + 10 * minute, serverTime: { offsetSeconds: 600, zone: 'Europe/Berlin' }, zone: 'Europe/Berlin' });
    expect(target?.processes[0]?.flags).toEqual([]);
    // 12 min after that success on the server's clock, it is overdue, though only 2 min passed on ours.
    const later = { ...ahead, serverTime: { offsetMs: 13 * minute, checkedAt: now } };
    expect(buildStatusView(input({ snapshot: later }), query()).targets[0]?.processes[0]?.flags).toEqual(['overdue']);
    expect(buildStatusView(input({ snapshot: later }), query()).targets[0]?.zone).toBe('UTC');
  });

  it('carries the schedule and sorts by next run, processes without one last', () => {
    const v = buildStatusView(
      input({ snapshot: snapshot('pc', [view('A', completed(1)), view('B', completed(1), { schedule: schedule({ nextAt: now + 2 * minute }) }), view('C', completed(1), { schedule: schedule({ nextAt: now + minute }) })]) }),
      query('sort=next_run'),
    );
    const rows = v.targets[0]?.processes ?? [];
    expect(rows.map((row) => row.code)).toEqual(['C', 'B', 'A']);
    expect(rows[0]?.schedule).toMatchObject({ source: 'config', graceSeconds: 300, nextAt: now + minute, late: true, missedTotal: 2 });
    expect(rows[0]?.flags).toEqual(['late']);
  });

  it('sorts by lateness: late first with dir=desc, then by missed fire times, processes without a schedule last', () => {
    const v = buildStatusView(
      input({ snapshot: snapshot('pc', [view('A', completed(1)), view('B', completed(1), { schedule: schedule({ late: false, missedTotal: 3 }) }), view('C', completed(1), { schedule: schedule({ late: true, missedTotal: 0 }) }), view('D', completed(1), { schedule: schedule({ late: false, missedTotal: 0 }) })]) }),
      query('sort=late&dir=desc'),
    );
    expect(v.targets[0]?.processes.map((row) => row.code)).toEqual(['C', 'B', 'D', 'A']);
  });
});
