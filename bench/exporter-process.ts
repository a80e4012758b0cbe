/**
 * The exporter under test, as users run it: `node dist/cli.js --config.file=...` in its own process,
 * with bench/exporter-probe.mjs preloaded for event-loop and memory figures over IPC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countSamples } from './exposition.js';

export interface ExporterSpec {
  /** The built CLI, e.g. `dist/cli.js`. */
  readonly cliPath: string;
  /** bench/exporter-probe.mjs. */
  readonly probePath: string;
  readonly targets: readonly { readonly name: string; readonly baseUrl: string }[];
  /** Prometheus-style durations, e.g. `15s`. */
  readonly pollInterval: string;
  readonly historyInterval?: string;
}

export interface ProbeReport {
  /** Delay between runs of the probe's sampling timer, which includes its interval (`resolutionMs`). */
  readonly lag: { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number; readonly meanMs: number; readonly samples: number; readonly resolutionMs: number };
  readonly memory: { readonly rssBytes: number; readonly heapUsedBytes: number };
  /** Garbage-collection pauses since the last reset. */
  readonly gc: { readonly count: number; readonly totalMs: number; readonly maxMs: number };
}

export interface ExporterProcess {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Milliseconds from spawn to the "exporter listening" log line. */
  readonly listeningMs: number;
  readonly spawnedAt: number;
  /** The exposition text of one scrape. */
  scrape(): Promise<string>;
  /** Resolves, with ms since spawn, once /metrics shows `samples` samples of `guidewire_batch_process_info`. */
  waitForProcesses(samples: number, timeoutMs?: number): Promise<number>;
  /** Restarts the probe's event-loop histogram. */
  resetProbe(): Promise<ProbeReport>;
  probe(): Promise<ProbeReport>;
  stop(): Promise<void>;
}

/** The YAML configuration of the exporter for `spec`'s targets. */
export function exporterConfigYaml(spec: Pick<ExporterSpec, 'targets' | 'pollInterval' | 'historyInterval'>): string {
  const global = `global:\n  poll_interval: ${spec.pollInterval}\n${spec.historyInterval === undefined ? '' : `  history_interval: ${spec.historyInterval}\n`}`;
  return `${global}targets:\n${spec.targets.map((t) => `  - name: ${t.name}\n    base_url: ${t.baseUrl}\n`).join('')}`;
}

function ask(child: ChildProcess, type: 'reset' | 'report', id: number): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the exporter probe did not answer within 10 s')), 10_000);
    const onMessage = (message: unknown): void => {
      if (typeof message !== 'object' || message === null || (message as { id?: unknown }).id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as ProbeReport);
    };
    child.on('message', onMessage);
    child.send({ type, id });
  });
}

/**
 * Resolves with the exporter's URL once its `exporter listening` log line (JSON, with `address`) shows
 * in `output()`; rejects with the output when the process exits first.
 */
export function listeningUrl(child: ChildProcess, output: () => string, everyMs = 50): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /"address":"([^"]+)"/.exec(output());
      if (match?.[1] !== undefined) {
        clearInterval(timer);
        resolve(`http://${match[1]}`);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`exporter exited with ${child.exitCode}:\n${output()}`));
      }
    }, everyMs);
  });
}

/** Spawns the exporter and resolves once it listens (on a free loopback port). */
export async function startExporterProcess(spec: ExporterSpec): Promise<ExporterProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-bench-'));
  const config = join(dir, 'bench.yml');
  await writeFile(config, exporterConfigYaml(spec));
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(spec.probePath).href, spec.cliPath, `--config.file=${config}`, '--web.listen-address=127.0.0.1:0', '--log.level=info'],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let output = '';
  const keep = (d: Buffer): void => void (output = (output + d.toString()).slice(-50_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = await listeningUrl(child, () => output, 2);
  const listeningMs = performance.now() - spawnedAt;
  let nextId = 0;
  const scrape = async (): Promise<string> => (await fetch(`${url}/metrics`)).text();
  return {
    url,
    listeningMs,
    spawnedAt,
    scrape,
    async waitForProcesses(samples, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = await scrape();
        if (countSamples(text, 'guidewire_batch_process_info') >= samples) return performance.now() - spawnedAt;
        if (Date.now() > deadline) throw new Error(`fewer than ${samples} processes on /metrics after ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    resetProbe: () => ask(child, 'reset', ++nextId),
    probe: () => ask(child, 'report', ++nextId),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
