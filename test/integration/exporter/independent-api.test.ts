/**
 * Against an independent implementation of the documented API (test/support/independent-guidewire.ts),
 * the exporter reports exactly what that API says. Expected values are computed here straight from the
 * JSON, following ../shared/guidewire-api.md, without any of the exporter's code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { lcg, startIndependentApi, type IndependentProcess } from '../../support/independent-guidewire.js';
import { exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, get, parseExposition, seriesOf, valueOf, type Scrape } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});


function generate(seed: number, count: number): IndependentProcess[] {
  const random = lcg(seed);
  const int = (max: number) => Math.floor(random() * max);
  const iso = (ms: number) => new Date(ms).toISOString();
  return Array.from({ length: count }, (_, i) => {
    const code = `Type${i}${['Esc', 'Purge', 'Writer'][i % 3] ?? ''}`;
    const created = Date.UTC(2026, 10, 1) + int(10_000_000_000);
    const start = created + int(5_000);
    const shape = i % 5;
    let status: Record<string, unknown>;
    if (shape === 0) status = { failureReason: 'This batch process type has never run', type: code };
    else if (shape === 1) status = { dateCreated: iso(created), failedOps: 0, opsCompleted: 0, serverId: 'abc', type: code };
    else if (shape === 2) {
      const expected = 1 + int(500);
      const done = int(expected);
      status = { dateCreated: iso(created), startDate: iso(start), opsCompleted: done, opsExpected: expected, failedOps: int(3), progress: `${done} out of ${expected}`, serverId: 'abc', type: code };
    } else {
      status = { dateCreated: iso(created), startDate: iso(start), dateCompleted: iso(start + int(7_200_000)), opsCompleted: int(10_000), failedOps: int(4), serverId: 'abc', type: code };
      if (shape === 4) status['failureReason'] = `Run failed: error ${int(100)}`;
    }
    const distributed = random() < 0.5;
    const p: IndependentProcess = { code, name: `Name of ${code}`, distributed, status };
    if (distributed && random() < 0.7) p.workQueueStatus = { numActiveExecutors: int(8), numActiveWorkItems: int(50) };
    return p;
  });
}

const seconds = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) / 1000 : undefined);

function expectMatches(scrape: Scrape, processes: readonly IndependentProcess[]): void {
  expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(processes.length);
  for (const p of processes) {
    const s = p.status;
    const at = { target: 'independent', batch_process: p.code };
    const expectedState =
      s['dateCompleted'] !== undefined ? (s['failureReason'] === undefined ? 'completed' : 'failed') : s['dateCreated'] !== undefined || s['startDate'] !== undefined ? 'running' : 'never_run';
    expect(valueOf(scrape, 'guidewire_batch_process_info', at)).toBe(1);
    expect(seriesOf(scrape, 'guidewire_batch_process_info', at)[0]?.labels).toMatchObject({ name: p.name, distributed: String(p.distributed) });
    for (const state of ['never_run', 'running', 'completed', 'failed']) {
      expect(valueOf(scrape, 'guidewire_batch_process_state', { ...at, state }), `${p.code} ${state}`).toBe(state === expectedState ? 1 : 0);
    }
    expect(valueOf(scrape, 'guidewire_batch_process_ops_completed', at)).toBe(s['opsCompleted']);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_failed', at)).toBe(s['failedOps']);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_expected', at)).toBe(s['opsExpected']);
    expect(valueOf(scrape, 'guidewire_batch_process_last_start_timestamp_seconds', at)).toBe(seconds(s['startDate']));
    expect(valueOf(scrape, 'guidewire_batch_process_last_completion_timestamp_seconds', at)).toBe(seconds(s['dateCompleted']));
    const start = seconds(s['startDate']);
    const end = seconds(s['dateCompleted']);
    const duration = valueOf(scrape, 'guidewire_batch_process_last_duration_seconds', at);
    if (start !== undefined && end !== undefined) expect(duration).toBeCloseTo(end - start, 6);
    else expect(duration).toBeUndefined();
    const progress = typeof s['progress'] === 'string' ? /^(\d+) out of (\d+)$/.exec(s['progress']) : null;
    expect(valueOf(scrape, 'guidewire_batch_process_progress_ratio', at)).toBe(progress === null ? undefined : Number(progress[1]) / Number(progress[2]));
    expect(valueOf(scrape, 'guidewire_batch_work_queue_active_executors', at)).toBe(p.workQueueStatus?.['numActiveExecutors']);
    expect(valueOf(scrape, 'guidewire_batch_work_queue_active_work_items', at)).toBe(p.workQueueStatus?.['numActiveWorkItems']);
    expect(valueOf(scrape, 'guidewire_batch_process_stalled', at)).toBe(0);
  }
}

describe('against an independent implementation of the documented API', () => {
  it.each([
    [true, 11],
    [false, 29],
  ])('reports exactly what the API says (list carries status: %s, seed %i)', async (listCarriesStatus, seed) => {
    const processes = generate(seed, 40);
    const api = await startIndependentApi(processes, listCarriesStatus);
    cleanups.push(() => api.close());
    const exporter = await startExporter({
      config: exporterConfig(
        targetConfig({
          name: 'independent',
          baseUrl: api.baseUrl,
          auth: { kind: 'authorization', type: 'Bearer', credentials: { kind: 'inline', value: api.token } },
        }),
      ),
      logger: silentLogger(),
    });
    cleanups.push(() => exporter.stop());
    await eventually(async () => ((await get(`${exporter.url}/-/ready`)).status === 200 ? true : undefined));
    const scrape = parseExposition((await get(`${exporter.url}/metrics`)).text);
    expect(valueOf(scrape, 'guidewire_up', { target: 'independent' })).toBe(1);
    expectMatches(scrape, processes);
  });
});
