/**
 * End to end on the real stack: the simulator, the exporter, a real Prometheus (Debian package) loading
 * the shipped rules and a real Alertmanager. A process fails ops, one stalls, one becomes overdue: the
 * alerts reach Alertmanager and resolve when the processes recover. Every panel query of every shipped
 * dashboard returns data from that Prometheus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelQueries } from '../../grafana/src/queries.js';
import { silentLogger } from '../../src/logger.js';
import { createStaticModel, startSimulator, type RunningSimulator, type StaticModel } from '../../src/simulator/index.js';
import { exporterConfig, startExporter, targetConfig, type StartedExporter } from '../support/harness.js';
import { eventually } from '../support/scrape.js';
import { findBinary } from './binaries.js';
import { finishedRun, record, runningStatus } from './scenario.js';
import { startStack, type Stack } from './stack.js';

const binaries = { prometheus: findBinary('prometheus'), alertmanager: findBinary('prometheus-alertmanager', 'alertmanager') };
const missing = Object.entries(binaries).filter(([, path]) => path === undefined).map(([name]) => name);
if (missing.length > 0) {
  const message = `END-TO-END TESTS NOT RUN: ${missing.join(' and ')} not installed (apt-get install prometheus prometheus-alertmanager; .ci/run does).`;
  // CI must never skip these.
  if (process.env['CI'] !== undefined) throw new Error(message);
  console.error(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
}

const minute = 60_000;
let model: StaticModel;
let sim: RunningSimulator;
let exporter: StartedExporter;
let stack: Stack;

beforeAll(async () => {
  if (missing.length > 0) return;
  const now = Date.now();
  model = createStaticModel();
  record(model, 'FailingOps', true, [finishedRun('FailingOps', now - 10 * minute, 30), finishedRun('FailingOps', now - 2 * minute, 40, 3)]);
  record(model, 'StuckQueue', true, [finishedRun('StuckQueue', now - 5 * minute, 20)], runningStatus('StuckQueue', now - 3 * minute, 40));
  record(model, 'NightlyPurge', false, [finishedRun('NightlyPurge', now - 120 * minute, 60)]);
  record(model, 'Healthy', false, [finishedRun('Healthy', now - 3 * minute, 2), finishedRun('Healthy', now - minute, 3)]);
  model.set({ type: { code: 'NeverRun', name: 'Never Run' }, distributed: false, status: { failureReason: 'This batch process type has never run', type: 'NeverRun' } });
  sim = await startSimulator({ model });
  const target = targetConfig({
    name: 'e2e',
    baseUrl: sim.baseUrl,
    pollIntervalMs: 500,
    historyIntervalMs: 500,
    overrides: [
      { match: 'StuckQueue', stallAfterMs: 2_000, expectEveryMs: 60 * minute, maxDurationMs: 60 * minute },
      { match: 'NightlyPurge', expectEveryMs: 30_000 },
    ],
  });
  exporter = await startExporter({ config: exporterConfig(target), logger: silentLogger() });
  stack = await startStack(binaries as { prometheus: string; alertmanager: string }, exporter.url.replace('http://', ''));
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await exporter?.stop();
  await sim?.close();
});

const firing = async (alertname: string, batchProcess: string) =>
  (await stack.alerts()).find((a) => a.labels['alertname'] === alertname && a.labels['batch_process'] === batchProcess);

describe.skipIf(missing.length > 0)('alerts and dashboards on a real Prometheus and Alertmanager', () => {
  it('fires FailedOps, Stalled and Overdue into Alertmanager, naming target and process', async () => {
    for (const [alertname, code] of [
      ['GuidewireBatchProcessFailedOps', 'FailingOps'],
      ['GuidewireBatchProcessStalled', 'StuckQueue'],
      ['GuidewireBatchProcessOverdue', 'NightlyPurge'],
    ] as const) {
      const alert = await eventually(() => firing(alertname, code), 45_000, 250);
      expect(alert.labels['target']).toBe('e2e');
      expect(alert.annotations['description']).toContain(code);
      expect(alert.annotations['description']).toContain('e2e');
      expect(alert.annotations['runbook_url']).toContain(`#${alertname.toLowerCase()}`);
    }
    expect(await firing('GuidewireBatchProcessFailedOps', 'Healthy')).toBeUndefined();
  }, 60_000);

  it('every panel query of every dashboard returns data', async () => {
    // Runs that finish while Prometheus watches, so rates and histograms have something to show.
    record(model, 'Healthy', false, [finishedRun('Healthy', Date.now() - 1_000, 1.5)]);
    const dashboards = readdirSync(new URL('../../grafana/dashboards/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(dashboards.length).toBeGreaterThanOrEqual(3);
    const substitute = (expr: string): string =>
      expr
        .replace(/\$\{?target\}?/g, 'e2e')
        .replace(/\$\{?batch_process\}?/g, 'StuckQueue')
        .replace(/\$\{?job\}?/g, 'guidewire-batch-exporter')
        .replace(/\$\{?__rate_interval\}?/g, '30s')
        .replace(/\$\{?__interval\}?/g, '5s')
        .replace(/\$\{?__range\}?/g, '5m');
    const queries = dashboards.flatMap((file) =>
      panelQueries(JSON.parse(readFileSync(new URL(`../../grafana/dashboards/${file}`, import.meta.url), 'utf8')) as object).map((q) => ({ file, ...q })),
    );
    expect(queries.length).toBeGreaterThan(20);
    await eventually(async () => {
      const empty: string[] = [];
      for (const q of queries) if ((await stack.query(substitute(q.expr))).length === 0) empty.push(`${q.file} / ${q.panel}: ${q.expr}`);
      if (empty.length > 0) throw new Error(`queries without data:\n${empty.join('\n')}`);
      return true;
    }, 30_000, 1_000);
  }, 60_000);

  it('resolves the alerts when the processes recover', async () => {
    const alerts = [
      ['GuidewireBatchProcessFailedOps', 'FailingOps'],
      ['GuidewireBatchProcessStalled', 'StuckQueue'],
      ['GuidewireBatchProcessOverdue', 'NightlyPurge'],
    ] as const;
    for (const [alertname, code] of alerts) expect(await firing(alertname, code), `${alertname} before recovery`).toBeDefined();
    const now = Date.now();
    record(model, 'FailingOps', true, [finishedRun('FailingOps', now - 1_000, 5)]);
    record(model, 'StuckQueue', true, [finishedRun('StuckQueue', now - 500, 180)]);
    record(model, 'NightlyPurge', false, [finishedRun('NightlyPurge', now - 500, 60)]);
    await eventually(async () => {
      const still = [];
      for (const [alertname, code] of alerts) {
        if ((await firing(alertname, code)) !== undefined) still.push(alertname);
      }
      return still.length === 0 ? true : undefined;
    }, 45_000, 250);
  }, 60_000);
});
