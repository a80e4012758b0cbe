import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventsConfig } from '../../../src/config/types.js';
import { createStaticModel, startSimulator, type RawBatchProcess, type RawProcessHistory, type StaticModel } from '../../../src/simulator/index.js';
import { capturingLogger, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, scrape, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A finished history row for run `k`, created at `at`, lasting `seconds`. */
function row(k: number, at: number, seconds: number, change: Partial<RawProcessHistory> = {}): RawProcessHistory {
  return {
    id: `ab:run${String(k).padStart(4, '0')}`,
    type: { code: 'Invoice', name: 'Invoice' },
    description: 'Invoice',
    dateCreated: iso(at),
    startDate: iso(at + 250),
    dateCompleted: iso(at + 250 + seconds * 1000),
    opsCompleted: 40,
    failedOps: 0,
    ranToCompletion: true,
    internalFailure: false,
    scheduled: true,
    serverId: '55d109613ac9',
    leaseId: '00000000-0000-4000-8000-000000000000',
    ...change,
  };
}

/** The histories, and the status showing the latest of them, as Guidewire keeps them consistent. */
function record(model: StaticModel, rows: RawProcessHistory[]): void {
  model.setHistories('Invoice', rows);
  const latest = rows[rows.length - 1];
  if (latest === undefined) return;
  const { dateCreated, startDate, dateCompleted, opsCompleted, failedOps } = latest;
  const process: RawBatchProcess = {
    type: latest.type,
    distributed: false,
    status: { dateCreated, startDate, dateCompleted, opsCompleted, failedOps, serverId: latest.serverId, type: 'Invoice' },
  };
  model.set(process);
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gwe-run-events-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function setUp(rows: RawProcessHistory[]) {
  const model = createStaticModel();
  record(model, rows);
  const sim = await startSimulator({ model, pageSize: 10 });
  cleanups.push(() => sim.close());
  const historyReads = () => [...sim.stats.requests].filter(([p]) => p.endsWith('/histories')).reduce((n, [, c]) => n + c, 0);
  return { model, sim, historyReads };
}

/** A running exporter over the simulator, polling every 100 ms, writing run events to `events` and `stdout`. */
async function exporterOn(baseUrl: string, events: EventsConfig) {
  const out: string[] = [];
  const log = capturingLogger();
  const target = targetConfig({ name: 'pc', baseUrl, pollIntervalMs: 100, historyIntervalMs: 100 });
  const exporter = await startExporter({ config: { ...exporterConfig(target), events }, logger: log.logger, stdout: (text) => void out.push(text) });
  let stopped = false;
  const stop = async () => {
    if (!stopped) await exporter.stop();
    stopped = true;
  };
  cleanups.push(stop);
  const stdoutEvents = () => out.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { exporter, log, stdoutEvents, stop };
}

const fileEvents = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

/** Waits for `n` more status polls (list requests) of the simulator. */
async function statusPollsAfter(sim: { stats: { requests: ReadonlyMap<string, number> } }, n: number): Promise<void> {
  const polls = () => [...sim.stats.requests].filter(([p]) => p.endsWith('/batch-processes')).reduce((k, [, c]) => k + c, 0);
  const target = polls() + n;
  await eventually(async () => (polls() >= target ? true : undefined));
}

/** Waits until the exporter has read the history (again) since `before` reads. */
const readSince = (historyReads: () => number, before: number) => eventually(async () => (historyReads() > before ? true : undefined));

describe('run events', () => {
  it('writes one event per finished run to the file and to stdout, none for older runs, and none again after a restart', async () => {
    const t0 = Date.now();
    const rows = [row(1, t0 - 90 * minute, 30), row(2, t0 - 30 * minute, 12, { failedOps: 3 })];
    const { model, sim, historyReads } = await setUp(rows);
    const file = path.join(await tempDir(), 'runs.jsonl');

    const first = await exporterOn(sim.baseUrl, { sink: 'file', file });
    await readSince(historyReads, 0);
    // A run finishes after start-up, manual and with failed ops.
    rows.push(row(3, Date.now() + 100, 0.2, { failedOps: 2, scheduled: false }));
    record(model, rows);
    const [only] = await eventually(async () => ((await fileEvents(file)).length > 0 ? fileEvents(file) : undefined));
    expect(only).toMatchObject({
      event: 'batch_run_finished',
      target: 'pc',
      process: 'Invoice',
      run_id: 'ab:run0003',
      outcome: 'failed_ops',
      trigger: 'manual',
      ops_completed: 40,
      failed_ops: 2,
      start_delay_seconds: 0.25,
      duration_seconds: 0.2,
      created_at: rows[2]?.dateCreated,
      started_at: rows[2]?.startDate,
      ended_at: rows[2]?.dateCompleted,
    });
    expect(typeof only?.['time']).toBe('string');
    // The next run starts: the status changes, the history is read again; a running run is no event, and
    // the finished one is not written again.
    const { dateCompleted: _, ...running } = row(4, Date.now() + 1_000, 2);
    rows.push({ ...running, ranToCompletion: false });
    let before = historyReads();
    record(model, rows);
    await readSince(historyReads, before);
    await statusPollsAfter(sim, 2);
    expect(await fileEvents(file)).toHaveLength(1);
    const metrics = await scrape(`${first.exporter.url}/metrics`);
    expect(valueOf(metrics, 'guidewire_exporter_run_events_total', { target: 'pc', sink: 'file' })).toBe(1);
    expect(valueOf(metrics, 'guidewire_exporter_run_event_errors_total', { target: 'pc', sink: 'file' })).toBe(0);
    await first.stop();

    // A restart on the same Guidewire, history unchanged, writing to stdout: its first read replays nothing
    // (restarting once run 3 has ended by the clock, as any restart after a run finished does).
    const ended = Date.parse(rows[2]?.dateCompleted ?? '');
    await eventually(async () => (Date.now() > ended ? true : undefined));
    before = historyReads();
    const second = await exporterOn(sim.baseUrl, { sink: 'stdout' });
    await readSince(historyReads, before);
    await statusPollsAfter(sim, 2);
    expect(second.stdoutEvents()).toEqual([]);
    expect(await fileEvents(file)).toHaveLength(1);
    // The running run finishes: written once, as one line on stdout beside the logger's.
    rows[3] = row(4, Date.parse(running.dateCreated ?? ''), 2);
    record(model, rows);
    const [next] = await eventually(async () => (second.stdoutEvents().length > 0 ? second.stdoutEvents() : undefined));
    expect(next).toMatchObject({ event: 'batch_run_finished', run_id: 'ab:run0004', outcome: 'succeeded', trigger: 'scheduled', duration_seconds: 2 });
    await statusPollsAfter(sim, 2);
    expect(second.stdoutEvents()).toHaveLength(1);
    expect(second.log.lines.some((l) => l['event'] !== undefined)).toBe(false);
  });

  it('an unwritable file: each lost event counted, logged once, and polling goes on', async () => {
    const t0 = Date.now();
    const rows = [row(1, t0 - 90 * minute, 30)];
    const { model, sim, historyReads } = await setUp(rows);
    const file = path.join(await tempDir(), 'missing-dir', 'runs.jsonl');
    const { exporter, log } = await exporterOn(sim.baseUrl, { sink: 'file', file });
    await readSince(historyReads, 0);
    const errorsOf = async () => valueOf(await scrape(`${exporter.url}/metrics`), 'guidewire_exporter_run_event_errors_total', { target: 'pc', sink: 'file' });
    for (const k of [2, 3]) {
      rows.push(row(k, Date.now() + 1_000, 1));
      record(model, rows);
      await eventually(async () => ((await errorsOf()) === k - 1 ? true : undefined));
    }
    const metrics = await scrape(`${exporter.url}/metrics`);
    expect(valueOf(metrics, 'guidewire_up', { target: 'pc' })).toBe(1);
    expect(valueOf(metrics, 'guidewire_batch_process_runs_total', { batch_process: 'Invoice', outcome: 'succeeded', trigger: 'scheduled' })).toBe(2);
    expect(valueOf(metrics, 'guidewire_exporter_run_events_total', { target: 'pc', sink: 'file' })).toBe(0);
    const failures = log.lines.filter((l) => String(l['msg']).includes('could not be written'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ component: 'events', file, err: { code: 'ENOENT' } });
  });
});
