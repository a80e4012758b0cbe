/**
 * Run-history counters against the independent implementation of the documented API: after random
 * runs finish, `runs_total`, the duration histogram and the last-success/failure times are exact.
 * Expectations follow the outcome table of the issue, computed here from the raw rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { lcg, startIndependentApi, type IndependentProcess } from '../../support/independent-guidewire.js';
import { eventually, get, parseExposition, valueOf, type Scrape } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


type Row = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();

function randomRow(random: () => number, id: string, createdAt: number): Row {
  const seconds = Math.floor(random() * 7200 * 1000) / 1000;
  const kind = Math.floor(random() * 4);
  return {
    id,
    type: 'X',
    dateCreated: iso(createdAt),
    startDate: iso(createdAt + 5),
    dateCompleted: iso(createdAt + 5 + seconds * 1000),
    opsCompleted: Math.floor(random() * 100),
    failedOps: kind === 1 ? 1 + Math.floor(random() * 5) : 0,
    ranToCompletion: kind !== 3,
    internalFailure: kind === 2,
    scheduled: random() < 0.7,
  };
}

const outcomeOf = (r: Row): string =>
  r['internalFailure'] === true ? 'internal_failure' : r['ranToCompletion'] === false ? 'incomplete' : Number(r['failedOps']) > 0 ? 'failed_ops' : 'succeeded';
const ms = (r: Row, key: string) => Date.parse(String(r[key]));

/** Makes the status show the latest row, as Guidewire does. */
function syncStatus(p: IndependentProcess): void {
  const latest = p.histories?.[p.histories.length - 1];
  if (latest === undefined) return;
  p.status = { ...Object.fromEntries(['dateCreated', 'startDate', 'dateCompleted', 'opsCompleted', 'failedOps'].map((k) => [k, latest[k]])), type: p.code };
}

function expectExact(scrape: Scrape, p: IndependentProcess, counted: readonly Row[]): void {
  const at = { target: 'independent', batch_process: p.code };
  for (const outcome of ['succeeded', 'failed_ops', 'internal_failure', 'incomplete']) {
    for (const trigger of ['scheduled', 'manual']) {
      const expected = counted.filter((r) => outcomeOf(r) === outcome && (r['scheduled'] === true ? 'scheduled' : 'manual') === trigger).length;
      expect(valueOf(scrape, 'guidewire_batch_process_runs_total', { ...at, outcome, trigger }), `${p.code} ${outcome} ${trigger}`).toBe(expected);
    }
  }
  const durations = counted.map((r) => (ms(r, 'dateCompleted') - ms(r, 'startDate')) / 1000);
  expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_count', at)).toBe(durations.length);
  expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_sum', at)).toBeCloseTo(durations.reduce((a, b) => a + b, 0), 3);
  expect(valueOf(scrape, 'guidewire_batch_process_run_duration_seconds_bucket', { ...at, le: '60' })).toBe(durations.filter((d) => d <= 60).length);
  const all = p.histories ?? [];
  const latest = (rows: Row[]) => (rows.length === 0 ? undefined : Math.max(...rows.map((r) => ms(r, 'dateCompleted'))) / 1000);
  expect(valueOf(scrape, 'guidewire_batch_process_last_success_timestamp_seconds', at)).toBe(latest(all.filter((r) => outcomeOf(r) === 'succeeded')));
  expect(valueOf(scrape, 'guidewire_batch_process_last_failure_timestamp_seconds', at)).toBe(latest(all.filter((r) => outcomeOf(r) !== 'succeeded')));
}

describe.each([true, false])('run history against the independent API (newest first: %s)', (newestFirst) => {
  it('counts exactly the runs that finished after start-up, and keeps exact last-* times', async () => {
    const random = lcg(newestFirst ? 7 : 8);
    const t0 = Date.now();
    const processes: IndependentProcess[] = Array.from({ length: 6 }, (_, i) => {
      const histories = Array.from({ length: 3 + Math.floor(random() * 20) }, (_, k) => randomRow(random, `h:${i}:${k}`, t0 - 86_400_000 + k * 3_600_000));
      const p: IndependentProcess = { code: `Proc${i}`, name: `Proc ${i}`, distributed: false, status: {}, histories };
      syncStatus(p);
      return p;
    });
    const api = await startIndependentApi(processes, true);
    api.historiesNewestFirst = newestFirst;
    cleanups.push(() => api.close());
    const target = targetConfig({
      name: 'independent',
      baseUrl: api.baseUrl,
      auth: { kind: 'authorization', type: 'Bearer', credentials: { kind: 'inline', value: api.token } },
      pollIntervalMs: 150,
      historyIntervalMs: 150,
    });
    const exporter = await startExporter({ config: exporterConfig(target), logger: silentLogger() });
    cleanups.push(() => exporter.stop());
    const scrapeNow = async () => parseExposition((await get(`${exporter.url}/metrics`)).text);
    await eventually(async () => (valueOf(await scrapeNow(), 'guidewire_batch_process_runs_total', { batch_process: 'Proc5', outcome: 'succeeded', trigger: 'scheduled' }) === 0 ? true : undefined));
    for (const p of processes) expectExact(await scrapeNow(), p, []);

    // New runs finish after start-up; between two polls, several per process.
    const added = new Map<string, Row[]>();
    processes.forEach((p, i) => {
      const rows = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, k) => randomRow(random, `n:${i}:${k}`, Date.now() + 1_000 + k * 60_000));
      p.histories?.push(...rows);
      added.set(p.code, rows);
      syncStatus(p);
    });
    const scrape = await eventually(async () => {
      const s = await scrapeNow();
      const counted = processes.every((p) => valueOf(s, 'guidewire_batch_process_run_duration_seconds_count', { batch_process: p.code }) === added.get(p.code)?.length);
      return counted ? s : undefined;
    });
    for (const p of processes) expectExact(scrape, p, added.get(p.code) ?? []);
  });
});
