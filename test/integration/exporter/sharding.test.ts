import { afterEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../../src/config/shard.js';
import type { GuidewireApi } from '../../../src/guidewire/api.js';
import { defaultPlan } from '../../../src/guidewire/request-plan.js';
import { capturingLogger, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An API that answers an empty list, recording which targets were polled. */
function recordingApi(polled: Set<string>, name: string): GuidewireApi {
  return {
    listBatchProcesses: async () => {
      polled.add(name);
      return { items: [], invalid: [] } as unknown as Awaited<ReturnType<GuidewireApi['listBatchProcesses']>>;
    },
    getBatchProcess: async () => Promise.reject(new Error('unused')),
    getHistoryPage: async () => ({ items: [], invalid: [] }),
    getSystemTime: async () => Promise.reject(new Error('unused')),
    listConsistencyChecks: async () => Promise.reject(new Error('unused')),
    readApiSchema: async () => ({ source: 'none' as const }),
    requestPlan: () => defaultPlan(100),
    close: async () => undefined,
  };
}

const targets = (names: readonly string[]) => exporterConfig(...names.map((name) => targetConfig({ name, baseUrl: `http://127.0.0.1:9/${name}/rest`, pollIntervalMs: 60_000 })));

describe('a sharded exporter', () => {
  it('polls only the targets whose name hashes to its shard, also after a reload', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `tenant-${i}`);
    const mine = names.filter((name) => shardOf(name, 3) === 1);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(names.length);
    const created = new Set<string>();
    const polled = new Set<string>();
    const more = [...names, ...Array.from({ length: 12 }, (_, i) => `added-${i}`)];
    const log = capturingLogger();
    const exporter = await startExporter({
      config: targets(names),
      logger: log.logger,
      shard: { index: 1, total: 3 },
      createApi: (target) => (created.add(target.name), recordingApi(polled, target.name)),
      loadConfig: async () => targets(more),
    });
    cleanups.push(() => exporter.stop());
    await eventually(async () => (exporter.app.ready() ? true : undefined));
    expect([...created].sort()).toEqual([...mine].sort());
    expect([...polled].sort()).toEqual([...mine].sort());
    expect(exporter.app.snapshots().map((s) => s.target)).toEqual(mine);
    expect(log.lines.find((l) => l['msg'] === 'exporter listening')).toMatchObject({ targets: mine.length, shard: 1, totalShards: 3, configuredTargets: 12 });

    expect((await exporter.app.reload()).ok).toBe(true);
    const mineAfter = more.filter((name) => shardOf(name, 3) === 1);
    await eventually(async () => (exporter.app.ready() ? true : undefined));
    expect([...created].sort()).toEqual([...mineAfter].sort());
    expect(exporter.app.snapshots().map((s) => s.target)).toEqual(mineAfter);
  });
});
