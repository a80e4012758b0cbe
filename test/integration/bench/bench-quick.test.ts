/**
 * Smoke test of the performance benchmark (bench/, docs/performance.md): the quick plan's scenarios,
 * scaled down to a second or two each, against the built exporter. It asserts that every figure was
 * measured — never how fast anything is: CI machines are too noisy for time thresholds.
 */
import { describe, expect, it } from 'vitest';
import { QUICK_PLAN, runBench, type BenchPlan } from '../../../bench/bench.js';
import { describeMachine } from '../../../bench/machine.js';
import { renderReport } from '../../../bench/report.js';
import { benchTools, missingPrograms } from '../../../bench/tools.js';

const missing = missingPrograms();
if (missing.length > 0) {
  const message = `BENCHMARK SMOKE TEST NOT RUN: ${missing.join(' and ')} not installed (apt-get install wrk prometheus-pushgateway; .ci/run does).`;
  // CI must never skip it.
  if (process.env['CI'] !== undefined) throw new Error(message);
  console.error(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
}

const smoke: BenchPlan = {
  ...QUICK_PLAN,
  name: 'smoke',
  cells: [{ targets: 1, processes: 20 }],
  comparison: { targets: 2, processes: 20 },
  cellSeconds: 1,
  comparisonSeconds: 1,
  loadChurn: { targets: 2, processes: 20, durationSeconds: 2, pollIntervalSeconds: 1 },
  upstream: { processes: 30, delayMs: 5, pollIntervalSeconds: 1, cycles: 1 },
  startup: { sizes: [{ targets: 1, processes: 20 }], repetitions: 1 },
};

/** Paths of every number in `value` that is not finite (NaN where a figure could not be read). */
function unmeasured(value: unknown, path = 'report'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => unmeasured(inner, `${path}.${key}`));
}

describe.skipIf(missing.length > 0)('bench (smoke: the quick plan scaled down to seconds)', () => {
  it('measures every figure of every scenario and renders them all', async () => {
    const tools = benchTools(process.cwd());
    const report = await runBench(tools, smoke);

    expect(unmeasured(report)).toEqual([]);
    const loads = report.cells.flatMap((c) => [c.exporter.plain, c.exporter.gzip, ...(c.peers === undefined ? [] : [c.peers.pushgateway.plain, c.peers.pushgateway.gzip, c.peers.static.plain, c.peers.static.gzip])]);
    expect(loads).toHaveLength(2 + 6);
    for (const load of loads) {
      expect(load.requests).toBeGreaterThan(0);
      expect(load.errors).toBe(0);
    }
    // 2 targets × 20 processes, each with dozens of series; the Pushgateway holds the guidewire_ part.
    expect(report.comparison.series).toBeGreaterThan(2 * 20 * 20);
    expect(report.comparison.peers?.pushgatewaySeries).toBeGreaterThan(2 * 20 * 20);
    expect(report.loadChurn.polls.actual).toBeGreaterThan(0);
    // The probe sampled: its raw delays include the 10 ms timer interval; the lag is what exceeds it.
    expect(report.loadChurn.delay?.p99Ms).toBeGreaterThanOrEqual(10);
    expect(report.loadChurn.lag.p99Ms).toBeCloseTo((report.loadChurn.delay?.p99Ms ?? Number.NaN) - 10, 6);
    expect(report.upstream.map((u) => [u.listIncludesStatus, u.first.list > 0, u.first.history > 0])).toEqual([
      [true, true, true],
      [false, true, true],
      ['when-asked', true, true],
    ]);
    // Without status in the list, every process costs a request of its own.
    expect(report.upstream[1]?.first.get).toBe(30);
    // With status only through fields, which the definition declares: the list pages alone, as with status.
    expect(report.upstream[2]?.first.get).toBe(0);
    expect(report.upstream[2]?.steady.list).toBe(report.upstream[2]?.pagesPerPoll);
    expect(report.startup[0]?.firstDataMs).toBeGreaterThanOrEqual(report.startup[0]?.listeningMs ?? Number.NaN);

    const markdown = renderReport(report, describeMachine(tools), 'vitest');
    expect(markdown).not.toContain('n/a');
    expect(markdown).toContain('| exporter | gzip |');
  }, 180_000);
});
