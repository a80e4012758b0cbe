/* global process */
/**
 * Preloaded into the exporter under test (`node --import bench/exporter-probe.mjs dist/cli.js`): answers
 * the benchmark over the IPC channel with the event-loop delay since the last `reset` and the memory
 * usage. prom-client's `nodejs_eventloop_lag_*` cannot serve here: every scrape resets them, and the
 * benchmark scrapes flat out. Same resolution (10 ms) as prom-client's monitor. Plain JS so that it
 * runs as is, from the compiled benchmark and from vitest alike.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const resolutionMs = 10;
const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
histogram.enable();
const ms = (ns) => ns / 1e6;

// Garbage-collection pauses since the last reset: what of the lag the collector, not our code, causes.
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc = { count: gc.count + 1, totalMs: gc.totalMs + entry.duration, maxMs: Math.max(gc.maxMs, entry.duration) };
  }
}).observe({ entryTypes: ['gc'] });

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message === null || typeof message !== 'object' || typeof message.id !== 'number') return;
    if (message.type === 'reset') {
      histogram.reset();
      gc = { count: 0, totalMs: 0, maxMs: 0 };
    }
    const memory = process.memoryUsage();
    process.send({
      id: message.id,
      // Delays between the sampling timer's runs: an idle loop reads the resolution itself (10 ms).
      lag: { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), meanMs: ms(histogram.mean), samples: histogram.count, resolutionMs },
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      gc,
    });
  });
  // The channel must not keep the exporter alive once it has been told to stop.
  process.channel?.unref();
}
