import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBatchProcessResource } from '../../../src/guidewire/parse.js';
import type { RunRecord } from '../../../src/history/run-record.js';
import { emptyStats } from '../../../src/history/stats.js';
import { serialize } from '../../../src/metrics/exposition.js';
import { mapSnapshots } from '../../../src/metrics/map-snapshot.js';
import type { ProcessView, TargetSnapshot } from '../../../src/model/snapshot.js';
import type { ScheduleView } from '../../../src/schedule/types.js';
import { parseExposition, valueOf } from '../../support/scrape.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/api/${name}.json`, import.meta.url), 'utf8'));
const goldenUrl = (name: string): URL => new URL(`../../fixtures/golden/${name}.prom`, import.meta.url);

/** Compares with a golden file; `UPDATE_GOLDEN=1 npx vitest run` rewrites them after a deliberate change. */
function expectGolden(name: string, text: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(goldenUrl(name), text);
  expect(text).toBe(readFileSync(goldenUrl(name), 'utf8'));
}

const view = (shape: string, extra: Partial<ProcessView> = {}): ProcessView => ({
  process: parseBatchProcessResource(fixture(shape), `/rest/systemtools/v1/batch-processes/x`),
  observedAt: Date.parse('2022-09-19T18:05:00.000Z'),
  thresholds: { stallAfterMs: 1_800_000 },
  ...extra,
});

const snapshot = (processes: ProcessView[]): TargetSnapshot => ({
  target: 'pc-prod',
  pollIntervalSeconds: 60,
  processes,
  poll: { up: true, startedAt: 1_663_610_700_000, durationSeconds: 0.25, lastSuccessAt: 1_663_610_700_250, errors: [] },
});

describe('mapping each documented status shape (golden exposition)', () => {
  it.each(['completed', 'running', 'never-run', 'just-started', 'failed-distributed'])('%s', (shape) => {
    const progress = shape === 'running' || shape === 'just-started'
      ? { progress: { runKey: 'k', fingerprint: 'f', lastChangeAt: Date.parse('2022-09-19T18:04:00.000Z'), stalled: shape === 'running' } }
      : {};
    expectGolden(shape, serialize(mapSnapshots([snapshot([view(shape, progress)])]), 'text'));
  });
});

describe('mapping run-history stats (golden exposition)', () => {
  it('renders runs_total for every outcome and trigger, a cumulative histogram and last-* times', () => {
    const stats = {
      ...emptyStats([1, 60, 3600]),
      runs: { ...emptyStats([]).runs, 'succeeded|scheduled': 4, 'failed_ops|manual': 1 },
      bucketCounts: [1, 3, 1, 0],
      durationSum: 250.5,
      durationCount: 5,
      lastSuccessAt: Date.parse('2022-09-19T17:30:00.021Z'),
      lastFailureAt: Date.parse('2022-09-19T16:00:00.000Z'),
    };
    const text = serialize(mapSnapshots([{ ...snapshot([view('completed')]), history: new Map([['ActivityEsc', stats]]) }]), 'text');
    expectGolden('completed-with-history', text);
    expect(parseExposition(text).get('guidewire_batch_process_run_duration_seconds_count')?.type).toBe('histogram');
  });
});

describe('mapping baselines, consecutive failures and ownership labels (golden exposition)', () => {
  const hour = 3_600_000;
  const t0 = Date.parse('2022-09-19T00:00:00.000Z');
  /** Run k (0 newest) began k hours before t0 and took `minutes`. */
  const record = (k: number, minutes: number, outcome: RunRecord['outcome'], ops: number): RunRecord => ({
    id: `r${k}`,
    trigger: 'scheduled',
    startedAt: t0 - k * hour,
    endedAt: t0 - k * hour + minutes * 60_000,
    ...(outcome === undefined ? {} : { outcome }),
    opsCompleted: ops,
  });
  const recent = [
    record(0, 1, 'failed_ops', 0),
    record(1, 2, 'internal_failure', 0),
    ...[10, 20, 30, 40, 50, 60].map((minutes, i) => record(i + 2, minutes, 'succeeded', minutes * 100)),
  ];
  const thresholds = {
    stallAfterMs: 1_800_000,
    baseline: { runs: 20, minRuns: 5 },
    durationFactor: 2.5,
    failureThreshold: 3,
    labels: { team: 'billing', severity: 'critical', runbook_owner: 'a "quoted" \\ name' },
  };
  const withRecent = (processes: ProcessView[], runs: readonly RunRecord[]): TargetSnapshot => ({
    ...snapshot(processes),
    history: new Map([['ActivityEsc', { ...emptyStats([60]), recent: runs }]]),
  });

  it('renders the baseline, the factor, consecutive failures, the threshold and the owners on the info line', () => {
    const text = serialize(mapSnapshots([withRecent([view('completed', { thresholds })], recent)]), 'text');
    expectGolden('completed-with-baseline', text);
    const scrape = parseExposition(text);
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_baseline_seconds', { quantile: '0.5' })).toBe(1800);
    expect(valueOf(scrape, 'guidewire_batch_process_run_duration_baseline_seconds', { quantile: '0.9' })).toBe(3600);
    // The failed_ops run counts (it went to the end), the internal failure does not: 0, 1000, …, 6000 → the 4th of 7, 3000.
    expect(valueOf(scrape, 'guidewire_batch_process_ops_baseline')).toBe(3000);
    expect(valueOf(scrape, 'guidewire_batch_process_baseline_runs')).toBe(7);
    expect(valueOf(scrape, 'guidewire_batch_process_baseline_duration_factor')).toBe(2.5);
    expect(valueOf(scrape, 'guidewire_batch_process_consecutive_failures')).toBe(2);
    expect(valueOf(scrape, 'guidewire_batch_process_failure_threshold')).toBe(3);
    expect(valueOf(scrape, 'guidewire_batch_process_info', { team: 'billing', severity: 'critical', runbook_owner: 'a "quoted" \\ name' })).toBe(1);
    expect(text).toContain('distributed="false",runbook_owner="a \\"quoted\\" \\\\ name",severity="critical",team="billing"} 1');
  });

  it('leaves the baseline out below baseline_min_runs and everything baseline-related out with baseline: false', () => {
    const few = parseExposition(serialize(mapSnapshots([withRecent([view('completed', { thresholds: { ...thresholds, baseline: { runs: 20, minRuns: 8 } } })], recent)]), 'text'));
    expect(few.has('guidewire_batch_process_run_duration_baseline_seconds')).toBe(false);
    expect(few.has('guidewire_batch_process_baseline_runs')).toBe(false);
    expect(valueOf(few, 'guidewire_batch_process_baseline_duration_factor')).toBe(2.5);
    const { baseline: _, ...optedOut } = thresholds;
    const off = parseExposition(serialize(mapSnapshots([withRecent([view('completed', { thresholds: optedOut })], recent)]), 'text'));
    expect(off.has('guidewire_batch_process_run_duration_baseline_seconds')).toBe(false);
    expect(off.has('guidewire_batch_process_baseline_duration_factor')).toBe(false);
    expect(valueOf(off, 'guidewire_batch_process_consecutive_failures')).toBe(2);
  });

  it('resets consecutive failures after a success, has none before the history was read, and a threshold of 1 by default', () => {
    const recovered = parseExposition(serialize(mapSnapshots([withRecent([view('completed', { thresholds })], [record(0, 5, 'succeeded', 1), ...recent])]), 'text'));
    expect(valueOf(recovered, 'guidewire_batch_process_consecutive_failures')).toBe(0);
    const unread = parseExposition(serialize(mapSnapshots([snapshot([view('completed')])]), 'text'));
    expect(unread.has('guidewire_batch_process_consecutive_failures')).toBe(false);
    expect(valueOf(unread, 'guidewire_batch_process_failure_threshold')).toBe(1);
    expect(unread.get('guidewire_batch_process_info')?.series[0]?.labels).toEqual({
      target: 'pc-prod', batch_process: 'ActivityEsc', name: 'Activity Escalation', distributed: 'false',
    });
  });
});

describe('mapSnapshots', () => {
  it('exposes configured thresholds, leaving unset ones absent', () => {
    const scrape = parseExposition(
      serialize(
        mapSnapshots([snapshot([view('completed', { thresholds: { stallAfterMs: 600_000, expectEveryMs: 3_600_000 } })])]),
        'text',
      ),
    );
    expect(valueOf(scrape, 'guidewire_batch_process_stall_after_seconds')).toBe(600);
    expect(valueOf(scrape, 'guidewire_batch_process_expected_interval_seconds')).toBe(3600);
    expect(valueOf(scrape, 'guidewire_batch_process_max_duration_seconds')).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_poll_interval_seconds')).toBe(60);
  });

  it('sets exactly one state to 1 per process', () => {
    const scrape = parseExposition(serialize(mapSnapshots([snapshot([view('failed-distributed')])]), 'text'));
    const states = scrape.get('guidewire_batch_process_state')?.series ?? [];
    expect(states.map((s) => [s.labels['state'], s.value])).toEqual([['never_run', 0], ['running', 0], ['completed', 0], ['failed', 1]]);
  });

  it('groups each family across targets and leaves out absent values (never 0 for unknown times)', () => {
    const a = snapshot([view('completed')]);
    const b = { ...snapshot([view('never-run')]), target: 'cc-prod' };
    const text = serialize(mapSnapshots([a, b]), 'text');
    expect(text.match(/# TYPE guidewire_batch_process_info gauge/g)).toHaveLength(1);
    const scrape = parseExposition(text);
    expect(valueOf(scrape, 'guidewire_batch_process_last_start_timestamp_seconds', { target: 'pc-prod' })).toBe(1663608600.011);
    expect(valueOf(scrape, 'guidewire_batch_process_last_start_timestamp_seconds', { target: 'cc-prod' })).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_up', { target: 'cc-prod' })).toBe(1);
  });

  it('emits no target series before the first poll finished', () => {
    expect(serialize(mapSnapshots([{ target: 't', pollIntervalSeconds: 60, processes: [] }]), 'text')).toBe('');
  });
});

describe('mapping schedules, deadlines and server time', () => {
  const at = (iso: string): number => Date.parse(iso);
  const schedule: ScheduleView = {
    source: 'scheduler_config',
    label: '0 0 2 * * ? | 0 30 14 ? * MON-FRI',
    timezone: 'America/Chicago',
    graceMs: 300_000,
    nextAt: at('2022-09-20T07:00:00.000Z'),
    previousAt: at('2022-09-19T19:30:00.000Z'),
    windowFireTimes: [at('2022-09-19T07:00:00.000Z'), at('2022-09-19T19:30:00.000Z')],
    late: true,
    missedTotal: 2,
    skippedTotal: 1,
    deadline: { label: '06:00', at: at('2022-09-20T11:00:00.000Z'), missed: false, forecastAt: at('2022-09-20T09:15:00.000Z') },
  };

  it('renders every schedule family of a process with a schedule and complete_by (golden exposition)', () => {
    const withSchedule = {
      ...snapshot([view('completed', { schedule })]),
      serverTime: { offsetMs: 90_250, zoneId: 'America/Chicago', zoneOffset: '-05:00', checkedAt: 1_663_610_600_000 },
      maintenance: { active: true, name: 'patch night', until: at('2022-09-19T20:00:00.000Z') },
    };
    const text = serialize(mapSnapshots([withSchedule]), 'text');
    expectGolden('completed-with-schedule', text);
    const scrape = parseExposition(text);
    expect(scrape.get('guidewire_batch_process_missed_runs_total')?.type).toBe('counter');
    expect(scrape.get('guidewire_batch_process_skipped_runs_total')?.type).toBe('counter');
    expect(valueOf(scrape, 'guidewire_batch_process_schedule_info', { schedule: schedule.label, timezone: 'America/Chicago', source: 'scheduler_config' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_next_scheduled_run_timestamp_seconds')).toBe(1663657200);
    expect(valueOf(scrape, 'guidewire_batch_process_late')).toBe(1);
    expect(valueOf(scrape, 'guidewire_batch_process_completion_forecast_timestamp_seconds')).toBe(1663665300);
    expect(valueOf(scrape, 'guidewire_server_time_offset_seconds')).toBe(90.25);
    expect(valueOf(scrape, 'guidewire_server_time_zone_info', { zone: 'America/Chicago' })).toBe(1);
    expect(valueOf(scrape, 'guidewire_maintenance_active')).toBe(1);
  });

  it('leaves the deadline families out without complete_by, and the forecast out without one', () => {
    const { deadline: _, ...noDeadline } = schedule;
    const scrape = parseExposition(serialize(mapSnapshots([snapshot([view('completed', { schedule: { ...noDeadline, late: false } })])]), 'text'));
    expect(valueOf(scrape, 'guidewire_batch_process_late')).toBe(0);
    expect(scrape.has('guidewire_batch_process_deadline_timestamp_seconds')).toBe(false);
    expect(scrape.has('guidewire_batch_process_deadline_missed')).toBe(false);
    const missed = { ...schedule, deadline: { label: '06:00', at: at('2022-09-19T11:00:00.000Z'), missed: true } };
    const again = parseExposition(serialize(mapSnapshots([snapshot([view('completed', { schedule: missed })])]), 'text'));
    expect(valueOf(again, 'guidewire_batch_process_deadline_missed')).toBe(1);
    expect(again.has('guidewire_batch_process_completion_forecast_timestamp_seconds')).toBe(false);
  });

  it('has no schedule families for a process without a schedule, but its start delay and the maintenance gauge at 0', () => {
    const scrape = parseExposition(serialize(mapSnapshots([snapshot([view('completed')])]), 'text'));
    for (const name of ['schedule_info', 'late', 'missed_runs_total', 'next_scheduled_run_timestamp_seconds', 'schedule_grace_seconds']) {
      expect(scrape.has(`guidewire_batch_process_${name}`)).toBe(false);
    }
    // completed.json: dateCreated 17:30:00.003, startDate 17:30:00.011.
    expect(valueOf(scrape, 'guidewire_batch_process_start_delay_seconds')).toBe(0.008);
    expect(valueOf(scrape, 'guidewire_maintenance_active')).toBe(0);
    expect(scrape.has('guidewire_server_time_offset_seconds')).toBe(false);
  });

  it('shows the server time as soon as it is read, before the first poll', () => {
    const text = serialize(mapSnapshots([{ target: 't', pollIntervalSeconds: 60, processes: [], serverTime: { offsetMs: -1500, checkedAt: 0 } }]), 'text');
    const scrape = parseExposition(text);
    expect(valueOf(scrape, 'guidewire_server_time_offset_seconds')).toBe(-1.5);
    expect(scrape.has('guidewire_server_time_zone_info')).toBe(false);
    expect(scrape.has('guidewire_up')).toBe(false);
  });
});
