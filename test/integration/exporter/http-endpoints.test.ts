import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator } from '../../../src/simulator/index.js';
import { completedProcess, exporterConfig, runningProcess, startExporter, targetConfig, type StartedExporter } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function exporterWithSimulator(delayFirstPollMs = 0): Promise<{ exporter: StartedExporter; release: () => void }> {
  const sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc', { failedOps: 2 }), runningProcess('Workflow', 40)]) });
  cleanups.push(() => sim.close());
  if (delayFirstPollMs > 0) sim.setFault({ path: /batch-processes$/, delayMs: delayFirstPollMs, times: 1 });
  const exporter = await startExporter({
    config: exporterConfig(
      // A schedule with a deadline, so that a scrape carries the schedule families too.
      targetConfig({
        name: 'pc <prod>',
        baseUrl: sim.baseUrl,
        overrides: [{ match: 'ActivityEsc', schedule: ['0 0/5 * * * ?'], completeBy: { text: '06:00', expression: '0 0 6 * * ?' } }],
      }),
      targetConfig({ name: 'cc', baseUrl: sim.baseUrl }),
    ),
    logger: (await import('../../../src/logger.js')).silentLogger(),
  });
  cleanups.push(() => exporter.stop());
  return { exporter, release: () => sim.clearFaults() };
}

const ready = (url: string) => eventually(async () => ((await get(`${url}/-/ready`)).status === 200 ? true : undefined));

describe('HTTP endpoints', () => {
  it('is healthy at once, and ready only after every target finished its first poll', async () => {
    const { exporter } = await exporterWithSimulator(1_000);
    expect((await get(`${exporter.url}/-/healthy`)).status).toBe(200);
    expect((await get(`${exporter.url}/-/ready`)).status).toBe(503);
    await ready(exporter.url);
  });

  it('serves the latest snapshot on /metrics, as text by default', async () => {
    const { exporter } = await exporterWithSimulator();
    await ready(exporter.url);
    const response = await get(`${exporter.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const scrape = parseExposition(response.text);
    expect(valueOf(scrape, 'guidewire_batch_process_ops_failed', { target: 'cc', batch_process: 'ActivityEsc' })).toBe(2);
    expect(valueOf(scrape, 'guidewire_batch_process_progress_ratio', { target: 'pc <prod>', batch_process: 'Workflow' })).toBe(0.4);
    expect(valueOf(scrape, 'guidewire_exporter_build_info', { version: '0.0.0-test' })).toBe(1);
    expect(scrape.get('process_cpu_seconds_total')?.type).toBe('counter');
    expect(scrape.has('nodejs_active_handles_total')).toBe(false);
    expect(valueOf(scrape, 'guidewire_api_requests_total', { target: 'cc', code: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('speaks OpenMetrics when asked and gzips when accepted', async () => {
    const { exporter } = await exporterWithSimulator();
    await ready(exporter.url);
    const om = await get(`${exporter.url}/metrics`, { accept: 'application/openmetrics-text; version=1.0.0' });
    expect(om.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(om.text).toContain('# TYPE guidewire_poll_errors counter\n');
    expect(om.text.endsWith('# EOF\n')).toBe(true);
    const zipped = await get(`${exporter.url}/metrics`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.text).toContain('guidewire_up{target="cc"} 1');
  });

  it('shows the status page with one row per target (escaped), and 404s unknown paths', async () => {
    const { exporter } = await exporterWithSimulator();
    await ready(exporter.url);
    const landing = await get(`${exporter.url}/`);
    expect(landing.headers.get('content-type')).toContain('text/html');
    expect(landing.text).toMatch(/<td><a href="#target-pc-prod-">pc &lt;prod&gt;<\/a><\/td>\n<td><span class="badge health-up">up<\/span><\/td>\n<td class="num">2<\/td>/);
    expect(landing.text).toContain('href="./metrics"');
    expect((await get(`${exporter.url}/nope`)).status).toBe(404);
    expect((await fetch(`${exporter.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('passes promtool check metrics on a real scrape', async () => {
    const { exporter } = await exporterWithSimulator();
    // Wait for the history and schedule families too (counters and a histogram), so every family kind is checked.
    const text = await eventually(async () => {
      const body = (await get(`${exporter.url}/metrics`)).text;
      return body.includes('guidewire_batch_process_run_duration_seconds_bucket') && body.includes('guidewire_batch_process_missed_runs_total') ? body : undefined;
    });
    const child = execFile('promtool', ['check', 'metrics']);
    const done = promisify((cb: (err: Error | null, out: { code: number | null; output: string }) => void) => {
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      child.on('close', (code) => cb(null, { code, output }));
    })();
    child.stdin?.end(text);
    const result = await done;
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
