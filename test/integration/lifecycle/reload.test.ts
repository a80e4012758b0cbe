import { afterEach, describe, expect, it } from 'vitest';
import type { ExporterConfig } from '../../../src/config/types.js';
import { ConfigError } from '../../../src/errors.js';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { capturingLogger, completedProcess, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(): Promise<RunningSimulator> {
  const sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
  cleanups.push(() => sim.close());
  return sim;
}
const post = (url: string) => fetch(url, { method: 'POST' }).then(async (r) => ({ status: r.status, text: await r.text() }));

describe('reload (POST /-/reload; SIGHUP does the same)', () => {
  it('keeps unchanged targets, restarts changed ones, drops removed ones, and keeps the old config when the new one is bad', async () => {
    const sim = await simulator();
    const a = targetConfig({ name: 'a', baseUrl: sim.baseUrl });
    const b = targetConfig({ name: 'b', baseUrl: sim.baseUrl });
    let next: ExporterConfig | Error = exporterConfig(a, b);
    const exporter = await startExporter({
      config: exporterConfig(a, b),
      logger: capturingLogger().logger,
      loadConfig: async () => {
        if (next instanceof Error) throw next;
        return next;
      },
    });
    cleanups.push(() => exporter.stop());
    await eventually(async () => ((await get(`${exporter.url}/-/ready`)).status === 200 ? true : undefined));
    // The poll result of target a identifies its runtime: only a status poll of that runtime replaces it.
    const pollOfA = exporter.app.snapshots()[0]?.poll;
    expect(pollOfA).toBeDefined();

    const c = targetConfig({ name: 'c', baseUrl: sim.baseUrl });
    next = exporterConfig(a, { ...c });
    const ok = await post(`${exporter.url}/-/reload`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('1 (re)started, 1 unchanged');
    expect(exporter.app.snapshots()[0]?.poll).toBe(pollOfA);
    let scrape = await eventually(async () => {
      const s = parseExposition((await get(`${exporter.url}/metrics`)).text);
      return valueOf(s, 'guidewire_up', { target: 'c' }) === 1 ? s : undefined;
    });
    expect(valueOf(scrape, 'guidewire_up', { target: 'b' })).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { target: 'b', reason: 'network' })).toBeUndefined();
    expect(valueOf(scrape, 'guidewire_exporter_config_last_reload_successful')).toBe(1);

    next = new ConfigError([{ file: 'gw.yml', line: 3, column: 5, path: 'targets[0].base_url', message: 'expected a URL' }]);
    const bad = await post(`${exporter.url}/-/reload`);
    expect(bad.status).toBe(500);
    expect(bad.text).toContain('gw.yml:3:5: targets[0].base_url: expected a URL');
    scrape = parseExposition((await get(`${exporter.url}/metrics`)).text);
    expect(valueOf(scrape, 'guidewire_exporter_config_last_reload_successful')).toBe(0);
    expect(valueOf(scrape, 'guidewire_up', { target: 'c' })).toBe(1);
    expect(exporter.app.snapshots().map((s) => s.target)).toEqual(['a', 'c']);
  });

  it('refuses GET on /-/reload, and says there is nothing to reload without a config file', async () => {
    const sim = await simulator();
    const exporter = await startExporter({ config: exporterConfig(targetConfig({ baseUrl: sim.baseUrl })), logger: capturingLogger().logger });
    cleanups.push(() => exporter.stop());
    expect((await get(`${exporter.url}/-/reload`)).status).toBe(405);
    expect((await post(`${exporter.url}/-/reload`)).status).toBe(400);
  });
});
