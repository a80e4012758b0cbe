/**
 * End to end on the real stack: the simulator, the exporter, a real Prometheus (Debian package) loading
 * the shipped rules and a real Alertmanager. A process fails ops, one stalls, one becomes overdue: the
 * alerts reach Alertmanager and resolve when the processes recover. A process with a fast Quartz schedule
 * does not run: Late and Missed fire; a run starts and Late resolves while Missed, the record of the miss,
 * stays; a maintenance window opens and silences it. Every panel query of every shipped dashboard returns
 * data from that Prometheus. Owner labels of overrides (`labels: {team: …}`) route two alerts to two
 * different Alertmanager receivers. From the processes' own baselines (six completed runs of about 100 s),
 * RunningLongerThanUsual, EndedTooQuickly and ZeroOps fire for the process each should name and not for
 * healthy controls with the same baseline; ConsistencyCheckErrors fires from the check runs read at start;
 * a process with `failure_threshold: 3` does not page after two internal failures in a row, then does on
 * the third.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelQueries } from '../../grafana/src/queries.js';
import { silentLogger } from '../../src/logger.js';
import { consistencyChecks } from '../../src/simulator/consistency-checks.js';
import { createStaticModel, startSimulator, type RunningSimulator, type StaticModel } from '../../src/simulator/index.js';
import type { RawProcessHistory } from '../../src/simulator/index.js';
import type { ExporterConfig, TargetConfig } from '../../src/config/types.js';
import { exporterConfig, startExporter, targetConfig, type StartedExporter } from '../support/harness.js';
import { eventually } from '../support/scrape.js';
import { findBinary } from './binaries.js';
import { finishedRun, record, runningStatus } from './scenario.js';
import { ownerTeams, startStack, type Stack } from './stack.js';

const binaries = { prometheus: findBinary('prometheus'), alertmanager: findBinary('prometheus-alertmanager', 'alertmanager') };
const missing = Object.entries(binaries).filter(([, path]) => path === undefined).map(([name]) => name);
if (missing.length > 0) {
  const message = `END-TO-END TESTS NOT RUN: ${missing.join(' and ')} not installed (apt-get install prometheus prometheus-alertmanager; .ci/run does).`;
  // CI must never skip these.
  if (process.env['CI'] !== undefined) throw new Error(message);
  console.error(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
}

const minute = 60_000;

/** Six completed runs of about 100 s (100 ops each), half an hour apart, the last ending `lastEnd`: a baseline. */
const usualRuns = (code: string, lastEnd: number): RawProcessHistory[] =>
  [6, 5, 4, 3, 2, 1].map((i) => finishedRun(code, lastEnd - i * 30 * minute, 95 + i));

/** An internal-failure run (the history's `internalFailure`), ending `endedAt` after `seconds`. */
const failedRun = (code: string, endedAt: number, seconds: number): RawProcessHistory => ({
  ...finishedRun(code, endedAt, seconds),
  ranToCompletion: false,
  internalFailure: true,
});

/**
 * A finished DBConsistencyCheck run whose check run found errors. The simulator decides the errors of a
 * check run from its id (about one run in three), so the run's end is moved by a millisecond until it does.
 */
function dbccRunWithErrors(endedAt: number): RawProcessHistory {
  for (let offset = 0; offset < 1_000; offset++) {
    const run = finishedRun('DBConsistencyCheck', endedAt - offset, 30);
    const probe = createStaticModel();
    record(probe, 'DBConsistencyCheck', false, [run]);
    if ((consistencyChecks(probe, Date.now())[0]?.errors ?? 0) > 0) return run;
  }
  throw new Error('no DBConsistencyCheck run with errors found');
}
let model: StaticModel;
let sim: RunningSimulator;
let exporter: StartedExporter;
let stack: Stack;
let target: TargetConfig;
/** What the next reload reads: the test changes it, then calls `exporter.app.reload()`. */
let nextConfig: ExporterConfig;

beforeAll(async () => {
  if (missing.length > 0) return;
  const now = Date.now();
  model = createStaticModel();
  record(model, 'FailingOps', true, [finishedRun('FailingOps', now - 10 * minute, 30), finishedRun('FailingOps', now - 2 * minute, 40, 3)]);
  record(model, 'StuckQueue', true, [finishedRun('StuckQueue', now - 5 * minute, 20)], runningStatus('StuckQueue', now - 3 * minute, 40));
  record(model, 'NightlyPurge', false, [finishedRun('NightlyPurge', now - 120 * minute, 60)]);
  record(model, 'Healthy', false, [finishedRun('Healthy', now - 3 * minute, 2), finishedRun('Healthy', now - minute, 3)]);
  // Owned by claims (FailingOps by billing): both report failed ops, each alert goes to its owner.
  record(model, 'ClaimException', false, [finishedRun('ClaimException', now - 4 * minute, 20, 2)]);
  model.set({ type: { code: 'NeverRun', name: 'Never Run' }, distributed: false, status: { failureReason: 'This batch process type has never run', type: 'NeverRun' } });
  // Due every 5 seconds, last run two hours ago: late and missed within seconds of the exporter's start.
  record(model, 'ActivityEsc', false, [finishedRun('ActivityEsc', now - 120 * minute, 3)]);
  // Baselines (issue 15): six completed runs of about 100 s each (p50 and p90 about 100 s, ops median 100).
  // SlowRun's current run started 20 minutes ago: above 3 × p90 (300 s) and above 300 s.
  record(model, 'SlowRun', false, usualRuns('SlowRun', now - 30 * minute), runningStatus('SlowRun', now - 20 * minute, 50));
  // QuickEnd's latest run took 5 s, under a tenth of its median; NoOps's latest did 0 ops, its median 100.
  record(model, 'QuickEnd', false, [...usualRuns('QuickEnd', now - 30 * minute), finishedRun('QuickEnd', now - minute, 5)]);
  record(model, 'NoOps', false, [...usualRuns('NoOps', now - 30 * minute), { ...finishedRun('NoOps', now - minute, 100), opsCompleted: 0 }]);
  // The healthy controls, with the same baseline: one completed as usual, one running for two minutes.
  record(model, 'Steady', false, [...usualRuns('Steady', now - 30 * minute), finishedRun('Steady', now - minute, 98)]);
  record(model, 'SteadyRunning', false, usualRuns('SteadyRunning', now - 30 * minute), runningStatus('SteadyRunning', now - 2 * minute, 50));
  // Flaky (failure_threshold: 3): a completed run, then two internal failures; the test adds the third.
  record(model, 'Flaky', false, [finishedRun('Flaky', now - 30 * minute, 20), failedRun('Flaky', now - 20 * minute, 10), failedRun('Flaky', now - 10 * minute, 10)]);
  // The consistency checks, read at start: the latest finished check run found errors.
  record(model, 'DBConsistencyCheck', false, [dbccRunWithErrors(now - 15 * minute)]);
  sim = await startSimulator({ model });
  target = targetConfig({
    name: 'e2e',
    baseUrl: sim.baseUrl,
    pollIntervalMs: 500,
    historyIntervalMs: 500,
    overrides: [
      // A nightly schedule (nothing fires during the test) and a deadline, for the dashboards' schedule rows.
      {
        match: 'StuckQueue',
        stallAfterMs: 2_000,
        expectEveryMs: 60 * minute,
        maxDurationMs: 60 * minute,
        schedule: ['0 0 3 * * ?'],
        timezone: 'UTC',
        completeBy: { text: '06:00', expression: '0 0 6 * * ?', timezone: 'UTC' },
      },
      { match: 'NightlyPurge', expectEveryMs: 30_000 },
      { match: 'FailingOps', labels: { team: 'billing' } },
      { match: 'ClaimException', labels: { team: 'claims' } },
      { match: 'ActivityEsc', schedule: ['0/5 * * * * ?'], timezone: 'UTC', graceMs: 1_000 },
      { match: 'Flaky', failureThreshold: 3 },
    ],
  });
  nextConfig = exporterConfig(target);
  exporter = await startExporter({ config: exporterConfig(target), logger: silentLogger(), loadConfig: () => Promise.resolve(nextConfig) });
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

  it('routes alerts by the owner labels of overrides: FailingOps to billing, ClaimException to claims', async () => {
    const failedOps = await eventually(() => firing('GuidewireBatchProcessFailedOps', 'ClaimException'), 45_000, 250);
    expect(failedOps.labels['team']).toBe('claims');
    expect((await firing('GuidewireBatchProcessFailedOps', 'FailingOps'))?.labels['team']).toBe('billing');
    // Which receiver got which process (notifications of FailedOps; other alerts may reach them too).
    const delivered = (): Record<string, string[]> => {
      const byReceiver: Record<string, string[]> = Object.fromEntries(ownerTeams.map((team) => [team, []]));
      for (const n of stack.notifications()) {
        for (const a of n.alerts) if (a.labels['alertname'] === 'GuidewireBatchProcessFailedOps') byReceiver[n.receiver]?.push(a.labels['batch_process'] ?? '?');
      }
      return byReceiver;
    };
    await eventually(async () => {
      await Promise.resolve();
      const got = delivered();
      return got['billing']?.includes('FailingOps') === true && got['claims']?.includes('ClaimException') === true ? true : undefined;
    }, 30_000, 250);
    const got = delivered();
    expect(got['billing']).not.toContain('ClaimException');
    expect(got['claims']).not.toContain('FailingOps');
    // Healthy has no owner: nothing of it reaches an owner receiver.
    expect(stack.notifications().flatMap((n) => n.alerts).filter((a) => a.labels['batch_process'] === 'Healthy')).toEqual([]);
  }, 60_000);

  it('fires RunningLongerThanUsual, EndedTooQuickly and ZeroOps from baselines, each for its process and not for the healthy ones', async () => {
    for (const [alertname, code] of [
      ['GuidewireBatchProcessRunningLongerThanUsual', 'SlowRun'],
      ['GuidewireBatchProcessEndedTooQuickly', 'QuickEnd'],
      ['GuidewireBatchProcessZeroOps', 'NoOps'],
    ] as const) {
      const alert = await eventually(() => firing(alertname, code), 45_000, 250);
      expect(alert.labels['target']).toBe('e2e');
      expect(alert.annotations['description']).toContain(code);
      expect(alert.annotations['runbook_url']).toContain(`#${alertname.toLowerCase()}`);
    }
    // The baselines behind them, as Prometheus has them.
    const p90 = await stack.query('guidewire_batch_process_run_duration_baseline_seconds{target="e2e",batch_process="SlowRun",quantile="0.9"}');
    expect(p90.map((s) => Number(s.value[1]))).toEqual([101]);
    // The controls have the same baseline (so the rules do judge them) and no alert.
    expect((await stack.query('guidewire_batch_process_ops_baseline{target="e2e",batch_process="Steady"}')).map((s) => s.value[1])).toEqual(['100']);
    expect(await stack.query('guidewire_batch_process_run_duration_baseline_seconds{target="e2e",batch_process="SteadyRunning",quantile="0.9"}')).toHaveLength(1);
    for (const alertname of ['GuidewireBatchProcessRunningLongerThanUsual', 'GuidewireBatchProcessEndedTooQuickly', 'GuidewireBatchProcessZeroOps']) {
      for (const code of ['Steady', 'SteadyRunning', 'Healthy']) expect(await firing(alertname, code), `${alertname} for ${code}`).toBeUndefined();
    }
    // Each alert names only its own process.
    expect(await firing('GuidewireBatchProcessRunningLongerThanUsual', 'QuickEnd')).toBeUndefined();
    expect(await firing('GuidewireBatchProcessEndedTooQuickly', 'NoOps')).toBeUndefined();
    expect(await firing('GuidewireBatchProcessZeroOps', 'QuickEnd')).toBeUndefined();
  }, 60_000);

  it('fires ConsistencyCheckErrors from the consistency checks read at start', async () => {
    const alert = await eventually(() => firing('GuidewireConsistencyCheckErrors', 'DBConsistencyCheck'), 45_000, 250);
    expect(alert.labels['target']).toBe('e2e');
    const errors = await stack.query('guidewire_dbcc_last_run_errors{target="e2e"}');
    expect(errors).toHaveLength(1);
    expect(Number(errors[0]?.value[1])).toBeGreaterThan(0);
    expect(alert.annotations['description']).toContain(`found ${errors[0]?.value[1]} errors`);
  }, 60_000);

  it('fires Failed for a process with failure_threshold 3 only on the third internal failure in a row', async () => {
    const failures = (): Promise<string[]> =>
      stack.query('guidewire_batch_process_consecutive_failures{target="e2e",batch_process="Flaky"}').then((r) => r.map((s) => s.value[1]));
    const threshold = (): Promise<string[]> =>
      stack.query('guidewire_batch_process_failure_threshold{target="e2e",batch_process="Flaky"}').then((r) => r.map((s) => s.value[1]));
    expect(await eventually(async () => ((await threshold()).length > 0 ? threshold() : undefined), 45_000, 250)).toEqual(['3']);
    await eventually(async () => ((await failures()).includes('2') ? true : undefined), 45_000, 250);
    // Several evaluations (every second) and resends later: two failures do not page.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await firing('GuidewireBatchProcessFailed', 'Flaky')).toBeUndefined();
    record(model, 'Flaky', false, [failedRun('Flaky', Date.now() - 1_000, 10)]);
    const alert = await eventually(() => firing('GuidewireBatchProcessFailed', 'Flaky'), 45_000, 250);
    expect(await failures()).toEqual(['3']);
    expect(alert.labels['severity']).toBe('critical');
    expect(await firing('GuidewireBatchProcessFailed', 'Healthy')).toBeUndefined();
    expect(await firing('GuidewireBatchProcessFailed', 'Steady')).toBeUndefined();
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

  it('fires Late and Missed for a process that does not start on schedule; Late resolves when a run starts, Missed stays', async () => {
    for (const alertname of ['GuidewireBatchProcessLate', 'GuidewireBatchProcessMissed']) {
      const alert = await eventually(() => firing(alertname, 'ActivityEsc'), 45_000, 250);
      expect(alert.labels['severity']).toBe('warning');
      expect(alert.annotations['description']).toContain('0/5 * * * * ? (UTC, from config)');
    }
    // A run starts and keeps running: the next fire times are skipped (Guidewire skips them), not missed.
    record(model, 'ActivityEsc', false, [], runningStatus('ActivityEsc', Date.now(), 10));
    await eventually(async () => ((await firing('GuidewireBatchProcessLate', 'ActivityEsc')) === undefined ? true : undefined), 45_000, 250);
    // The miss is a record for the hour after it (the promtool tests show it resolving then).
    expect(await firing('GuidewireBatchProcessMissed', 'ActivityEsc')).toBeDefined();
  }, 100_000);

  it('silences the alerts of a target inside a maintenance window: Missed resolves in Alertmanager', async () => {
    const now = Date.now();
    nextConfig = exporterConfig({ ...target, maintenance: [{ kind: 'absolute', name: 'e2e', from: now - minute, until: now + 60 * minute }] });
    expect((await exporter.app.reload()).ok).toBe(true);
    await eventually(async () => ((await firing('GuidewireBatchProcessMissed', 'ActivityEsc')) === undefined ? true : undefined), 45_000, 250);
    expect((await stack.query('guidewire_maintenance_active{target="e2e"}')).map((s) => s.value[1])).toEqual(['1']);
  }, 60_000);
});
