/**
 * The exporter under pressure from both sides at once: wrk scrapes /metrics flat out (gzip, 2
 * connections) while the fleet churns (runs start, progress, finish; processes come and go) and every
 * target is polled every few seconds. Measures event-loop delay during the load (the probe), whether polls
 * kept their schedule, and memory at the start and the end.
 */
import { startExporterProcess } from './exporter-process.js';
import { sampleValues, seriesCount } from './exposition.js';
import { startFleet } from './fleet.js';
import { fleetSettled } from './scenario-scrape.js';
import { median } from './stats.js';
import type { BenchTools } from './tools.js';
import { runWrk } from './wrk.js';

export interface LoadChurnOptions {
  readonly targets: number;
  readonly processes: number;
  readonly durationSeconds: number;
  /** poll_interval and history_interval of every target. */
  readonly pollIntervalSeconds: number;
}

export interface MemorySample {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly series: number;
}

export interface LoadChurnResult extends LoadChurnOptions {
  readonly scrapesPerSecond: number;
  readonly scrapeP99Ms: number;
  /** How late the probe's timer ran: its measured delay minus its 10 ms interval (what `delay` includes). */
  readonly lag: { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
  /** The probe's raw delays between timer runs, interval included, as `monitorEventLoopDelay` reports them. */
  readonly delay?: { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number; readonly resolutionMs: number };
  /** Garbage-collection pauses during the load. */
  readonly gc?: { readonly count: number; readonly totalMs: number; readonly maxMs: number };
  /** Status polls during the load (list pages ÷ pages per poll), over all targets, and how many the interval asks for. */
  readonly polls: { readonly actual: number; readonly expected: number; readonly fewestPerTarget: number };
  /** guidewire_poll_duration_seconds of every target after the load. */
  readonly pollSeconds: { readonly median: number; readonly max: number };
  readonly start: MemorySample;
  readonly end: MemorySample;
}

/**
 * Event-loop lag from the probe's delays: each delay is measured between two runs of a timer due every
 * `resolutionMs`, so it includes that interval; the lag is what exceeds it (as Elastic's APM agent
 * reports it; https://github.com/nodejs/node/issues/34661).
 */
export function lateBy(delay: { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number; readonly resolutionMs: number }): LoadChurnResult['lag'] {
  const late = (ms: number): number => Math.max(0, ms - delay.resolutionMs);
  return { p50Ms: late(delay.p50Ms), p99Ms: late(delay.p99Ms), maxMs: late(delay.maxMs) };
}

/** Runs the scenario; everything it starts is stopped before it resolves. */
export async function runLoadChurn(tools: BenchTools, options: LoadChurnOptions): Promise<LoadChurnResult> {
  const fleet = await startFleet({ targets: options.targets, processes: options.processes, churn: true });
  try {
    const interval = `${options.pollIntervalSeconds}s`;
    const exporter = await startExporterProcess({ cliPath: tools.cliPath, probePath: tools.probePath, targets: fleet.targets, pollInterval: interval, historyInterval: interval });
    try {
      await exporter.waitForProcesses(options.targets * options.processes);
      await fleetSettled(fleet, 500);
      const sample = async (): Promise<MemorySample> => {
        const series = seriesCount(await exporter.scrape());
        return { ...(await exporter.probe()).memory, series };
      };
      const start = await sample();
      const listsBefore = fleet.targets.map((t) => fleet.counts(t).list);
      await exporter.resetProbe();
      const scrapes = await runWrk(tools.wrk, `${exporter.url}/metrics`, { durationSeconds: options.durationSeconds, gzip: true });
      const { lag, gc } = await exporter.probe();
      const pages = Math.ceil(options.processes / fleet.pageSize);
      // In whole polls' worth of list pages, so that a poll cut by the window's edges counts in part.
      const polls = fleet.targets.map((t, i) => (fleet.counts(t).list - (listsBefore[i] ?? 0)) / pages);
      const text = await exporter.scrape();
      const pollSeconds = sampleValues(text, 'guidewire_poll_duration_seconds');
      const end = { ...(await exporter.probe()).memory, series: seriesCount(text) };
      const expectedPerTarget = options.durationSeconds / options.pollIntervalSeconds;
      return {
        ...options,
        scrapesPerSecond: scrapes.requestsPerSecond,
        scrapeP99Ms: scrapes.p99Ms,
        lag: lateBy(lag),
        delay: { p50Ms: lag.p50Ms, p99Ms: lag.p99Ms, maxMs: lag.maxMs, resolutionMs: lag.resolutionMs },
        gc,
        polls: { actual: polls.reduce((a, b) => a + b, 0), expected: expectedPerTarget * options.targets, fewestPerTarget: Math.min(...polls) },
        pollSeconds: { median: median(pollSeconds), max: Math.max(...pollSeconds) },
        start,
        end,
      };
    } finally {
      await exporter.stop();
    }
  } finally {
    await fleet.close();
  }
}
