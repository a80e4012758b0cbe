import { defaultPlan } from '../../../src/guidewire/request-plan.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuidewireApi } from '../../../src/guidewire/api.js';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { capturingLogger, completedProcess, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const list = '/rest/systemtools/v1/batch-processes';

async function simulator(): Promise<RunningSimulator> {
  const sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
  cleanups.push(() => sim.close());
  return sim;
}
const scrapeOf = async (url: string) => parseExposition((await get(`${url}/metrics`)).text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the exporter keeps serving through upstream faults', () => {
  it('serves /metrics while a slow target is still polling, and the other target is untouched', async () => {
    const slow = await simulator();
    slow.setFault({ path: list, delayMs: 30_000 });
    const healthy = await simulator();
    const exporter = await startExporter({
      config: exporterConfig(targetConfig({ name: 'slow', baseUrl: slow.baseUrl, requestTimeoutMs: 25_000 }), targetConfig({ name: 'healthy', baseUrl: healthy.baseUrl })),
      logger: capturingLogger().logger,
    });
    cleanups.push(() => exporter.stop());
    const scrape = await eventually(async () => {
      const s = await scrapeOf(exporter.url);
      return valueOf(s, 'guidewire_up', { target: 'healthy' }) === 1 ? s : undefined;
    });
    // The slow target's first poll is still in flight: no answer for it yet, and the scrape did not wait.
    expect(valueOf(scrape, 'guidewire_up', { target: 'slow' })).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_batch_process_info', { target: 'healthy', batch_process: 'ActivityEsc' })).toBe(1);
    expect((await get(`${exporter.url}/-/ready`)).status).toBe(503);
  });

  it('backs off a failing target and returns to its interval after a success', async () => {
    const sim = await simulator();
    sim.setFault({ path: list, status: 503 });
    const exporter = await startExporter({
      config: exporterConfig(targetConfig({ baseUrl: sim.baseUrl, pollIntervalMs: 100 })),
      logger: capturingLogger().logger,
      random: () => 0.5,
    });
    cleanups.push(() => exporter.stop());
    await sleep(2_000);
    // Without backoff: ~20 polls in 2 s. With it: 0, 0.2, 0.6, 1.4 s (doubling from 100 ms).
    const failing = sim.stats.requests.get(list) ?? 0;
    expect(failing).toBeGreaterThanOrEqual(3);
    expect(failing).toBeLessThanOrEqual(6);
    sim.clearFaults();
    await eventually(async () => (valueOf(await scrapeOf(exporter.url), 'guidewire_up') === 1 ? true : undefined), 10_000);
    const recovered = sim.stats.requests.get(list) ?? 0;
    await sleep(1_000);
    expect((sim.stats.requests.get(list) ?? 0) - recovered).toBeGreaterThanOrEqual(3);
  });

  it('a bug in one poll does not stop the schedule, and is logged', async () => {
    let calls = 0;
    const buggy: GuidewireApi = {
      listBatchProcesses: async () => {
        calls++;
        return { items: null, invalid: [] } as unknown as Awaited<ReturnType<GuidewireApi['listBatchProcesses']>>;
      },
      getBatchProcess: async () => Promise.reject(new Error('unused')),
      getHistoryPage: async () => ({ items: [], invalid: [] }),
      getSystemTime: async () => Promise.reject(new Error('unused')),
      listConsistencyChecks: async () => Promise.reject(new Error('unused')),
      readApiSchema: async () => ({ source: 'none' as const }),
      requestPlan: () => defaultPlan(100),
      close: async () => undefined,
    };
    const log = capturingLogger();
    const exporter = await startExporter({
      config: exporterConfig(targetConfig({ baseUrl: 'http://127.0.0.1:9/rest', pollIntervalMs: 50 })),
      logger: log.logger,
      createApi: () => buggy,
    });
    cleanups.push(() => exporter.stop());
    await eventually(async () => (calls >= 3 ? true : undefined));
    expect((await get(`${exporter.url}/metrics`)).status).toBe(200);
    expect((await get(`${exporter.url}/-/ready`)).status).toBe(200);
    expect(log.lines.some((l) => l['msg'] === 'poll failed unexpectedly; the schedule goes on')).toBe(true);
  });

  it('warns at start about outbound settings that put credentials at risk', async () => {
    const log = capturingLogger();
    const exporter = await startExporter({
      config: exporterConfig(
        targetConfig({
          name: 'risky',
          baseUrl: 'https://gw.example.com/rest',
          tls: { insecureSkipVerify: true },
          pollIntervalMs: 3_600_000,
          requestTimeoutMs: 200,
        }),
      ),
      logger: log.logger,
    });
    cleanups.push(() => exporter.stop());
    expect(log.lines.some((l) => l['level'] === 40 && l['target'] === 'risky' && String(l['msg']).includes('insecure_skip_verify'))).toBe(true);
  });

  it('warns at start about a scheduler_env that selects nothing in scheduler-config.xml', async () => {
    const log = capturingLogger();
    const warning = "scheduler_env 'qa' matches no env in the file (it has: prod, demo)";
    const exporter = await startExporter({
      config: exporterConfig(
        targetConfig({
          name: 'sched',
          baseUrl: 'https://gw.example.com/rest',
          pollIntervalMs: 3_600_000,
          requestTimeoutMs: 200,
          schedulerImport: { file: '/etc/gw/scheduler-config.xml', env: 'qa', processes: new Map(), warnings: [warning] },
        }),
      ),
      logger: log.logger,
    });
    cleanups.push(() => exporter.stop());
    expect(log.lines.some((l) => l['level'] === 40 && l['target'] === 'sched' && l['msg'] === warning)).toBe(true);
  });
});
