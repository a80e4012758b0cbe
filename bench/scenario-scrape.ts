/**
 * Scrape cost at one size (targets × processes): the exporter's /metrics loaded flat out by wrk, plain
 * and gzip, and optionally side by side with the Go Pushgateway holding the same series and a static
 * pre-rendered Buffer of the same exposition. Runs are interleaved per repetition so drift hits all alike.
 */
import { gzipSync } from 'node:zlib';
import { startExporterProcess } from './exporter-process.js';
import { keepFamilies, seriesCount } from './exposition.js';
import { startFleet, type Fleet } from './fleet.js';
import { startPushgateway, startStaticServer, type Peer } from './peers.js';
import { medianLoad, settled } from './stats.js';
import type { BenchTools } from './tools.js';
import { runWrk, type LoadResult } from './wrk.js';

export interface ScrapeCellOptions {
  readonly targets: number;
  readonly processes: number;
  readonly durationSeconds: number;
  readonly repetitions: number;
  /** Also load the Pushgateway and the static server with the same series. */
  readonly peers: boolean;
}

export interface Encoded<T> {
  readonly plain: T;
  readonly gzip: T;
}

export interface ScrapeCellResult {
  readonly targets: number;
  readonly processes: number;
  /** Samples in one scrape of the exporter. */
  readonly series: number;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The exporter's memory once the first poll and history reads are done, before load. */
  readonly idle: { readonly rssBytes: number; readonly heapUsedBytes: number };
  /** The exporter's memory right after the load. */
  readonly loaded: { readonly rssBytes: number; readonly heapUsedBytes: number };
  readonly exporter: Encoded<LoadResult>;
  readonly peers?: {
    readonly pushgatewaySeries: number;
    readonly pushgateway: Encoded<LoadResult>;
    readonly static: Encoded<LoadResult>;
  };
}

/** Waits until the fleet has seen no request for `quietMs`: first poll and history reads are over. */
export function fleetSettled(fleet: Fleet, quietMs = 1_000): Promise<void> {
  const total = (): number => fleet.targets.reduce((sum, t) => sum + [...t.simulator.stats.requests.values()].reduce((a, b) => a + b, 0), 0);
  return settled(total, quietMs);
}

async function load(tools: BenchTools, url: string, gzip: boolean, durationSeconds: number): Promise<LoadResult> {
  // One request first, so that no run pays for a cold path (JIT, lazily built caches) of the server.
  await (await fetch(url, { headers: gzip ? { 'accept-encoding': 'gzip' } : { 'accept-encoding': 'identity' } })).arrayBuffer();
  return runWrk(tools.wrk, url, { durationSeconds, gzip });
}

/** Measures one cell; every process and server it starts is stopped before it resolves. */
export async function runScrapeCell(tools: BenchTools, options: ScrapeCellOptions): Promise<ScrapeCellResult> {
  const fleet = await startFleet({ targets: options.targets, processes: options.processes });
  const stops: (() => Promise<void>)[] = [() => fleet.close()];
  try {
    const exporter = await startExporterProcess({ cliPath: tools.cliPath, probePath: tools.probePath, targets: fleet.targets, pollInterval: '60s' });
    stops.unshift(() => exporter.stop());
    await exporter.waitForProcesses(options.targets * options.processes);
    await fleetSettled(fleet);
    const text = await exporter.scrape();
    const idle = (await exporter.probe()).memory;
    const servers: { name: 'exporter' | 'pushgateway' | 'static'; url: string }[] = [{ name: 'exporter', url: `${exporter.url}/metrics` }];
    let pushgatewaySeries = 0;
    if (options.peers) {
      const pushgateway: Peer = await startPushgateway(tools.pushgateway, keepFamilies(text, 'guidewire_'));
      stops.unshift(() => pushgateway.stop());
      const staticServer: Peer = await startStaticServer(tools.staticServerPath, text);
      stops.unshift(() => staticServer.stop());
      pushgatewaySeries = seriesCount(await (await fetch(pushgateway.url)).text());
      servers.push({ name: 'pushgateway', url: pushgateway.url }, { name: 'static', url: staticServer.url });
    }
    const runs = new Map<string, LoadResult[]>();
    for (let rep = 0; rep < options.repetitions; rep++) {
      for (const gzip of [false, true]) {
        for (const server of servers) {
          const key = `${server.name}:${gzip ? 'gzip' : 'plain'}`;
          runs.set(key, [...(runs.get(key) ?? []), await load(tools, server.url, gzip, options.durationSeconds)]);
        }
      }
    }
    const of = (name: string): Encoded<LoadResult> => ({ plain: medianLoad(runs.get(`${name}:plain`) ?? []), gzip: medianLoad(runs.get(`${name}:gzip`) ?? []) });
    const loaded = (await exporter.probe()).memory;
    return {
      targets: options.targets,
      processes: options.processes,
      series: seriesCount(text),
      bytes: Buffer.byteLength(text),
      gzipBytes: gzipSync(text).length,
      idle,
      loaded,
      exporter: of('exporter'),
      ...(options.peers ? { peers: { pushgatewaySeries, pushgateway: of('pushgateway'), static: of('static') } } : {}),
    };
  } finally {
    for (const stop of stops) await stop();
  }
}
