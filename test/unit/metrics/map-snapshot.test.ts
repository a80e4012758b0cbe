import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBatchProcessResource } from '../../../src/guidewire/parse.js';
import { emptyStats } from '../../../src/history/stats.js';
import { serialize } from '../../../src/metrics/exposition.js';
import { mapSnapshots } from '../../../src/metrics/map-snapshot.js';
import type { ProcessView, TargetSnapshot } from '../../../src/model/snapshot.js';
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
