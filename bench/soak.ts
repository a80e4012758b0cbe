/**
 * Soak: the real exporter (dist/cli.js, its own process) polls the simulator every second for a long
 * time while processes churn (appear, run, finish, vanish) and faults are injected (5xx, stalls past
 * the request timeout, garbage bodies, 429s). Resource figures are read from the exporter's own
 * /metrics at start (after warm-up) and at the end. `npm run soak -- --minutes=10`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listeningUrl } from './exporter-process.js';
import { createStaticModel, startSimulator, type RawBatchProcess, type StaticModel } from '../src/simulator/index.js';

export interface SoakOptions {
  readonly durationMs: number;
  readonly warmUpMs?: number;
  /** How often to sample between start and end (default every minute). */
  readonly sampleEveryMs?: number;
  readonly processes?: number;
  readonly log?: (line: string) => void;
  /** The built CLI to soak; `dist/cli.js` under the working directory by default. */
  readonly cliPath?: string;
}

export interface ResourceSample {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly activeHandles: number;
  readonly eventLoopLagP99Seconds: number;
  readonly series: number;
}

export interface SoakReport {
  readonly durationMs: number;
  readonly polls: number;
  readonly scrapes: number;
  readonly faultsInjected: number;
  readonly start: ResourceSample;
  readonly end: ResourceSample;
  /** Samples between start and end, every `sampleEveryMs`, with the minute they were taken at. */
  readonly during: readonly { readonly minute: number; readonly sample: ResourceSample }[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

function processAt(code: string, now: number, tick: number): RawBatchProcess {
  const phase = (tick + code.length) % 6;
  const start = now - 30_000;
  const running = phase < 3;
  return {
    type: { code, name: `${code} name` },
    distributed: tick % 2 === 0,
    status: running
      ? { dateCreated: iso(start), startDate: iso(start + 5), opsCompleted: phase * 10, opsExpected: 40, failedOps: 0, progress: `${phase * 10} out of 40`, type: code }
      : { dateCreated: iso(start), startDate: iso(start + 5), dateCompleted: iso(now - 1_000), opsCompleted: 40, failedOps: phase === 5 ? 2 : 0, type: code },
    workQueueStatus: { numActiveExecutors: phase, numActiveWorkItems: phase * 3, executors: [{ running, tasks: { processed: tick, failed: 0, skipped: 0, checkedOut: phase } }] },
  };
}

/** Churn: every process moves on; a few vanish and new ones appear; a history row per finished run. */
function churn(model: StaticModel, codes: string[], tick: number, now: number): void {
  if (tick % 10 === 0 && codes.length > 0) {
    const gone = codes.splice(tick % codes.length, 1)[0];
    if (gone !== undefined) model.remove(gone);
    codes.push(`Churned${tick}`);
  }
  for (const code of codes) {
    const process = processAt(code, now, tick);
    model.set(process);
    if (process.status['dateCompleted'] !== undefined) {
      model.addHistory(code, {
        id: `soak:${code}:${tick}`,
        type: process.type,
        description: code,
        dateCreated: String(process.status['dateCreated']),
        startDate: String(process.status['startDate']),
        dateCompleted: String(process.status['dateCompleted']),
        opsCompleted: 40,
        failedOps: Number(process.status['failedOps']),
        ranToCompletion: true,
        internalFailure: false,
        scheduled: true,
        serverId: 'soak',
        leaseId: '00000000-0000-4000-8000-000000000000',
      });
    }
  }
}

function sample(text: string): ResourceSample {
  const value = (name: string): number =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return {
    rssBytes: value('process_resident_memory_bytes'),
    heapUsedBytes: value('nodejs_heap_size_used_bytes'),
    activeHandles: value('nodejs_active_handles'),
    eventLoopLagP99Seconds: value('nodejs_eventloop_lag_p99_seconds'),
    series: text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length,
  };
}

/** Runs the soak and returns resource figures at the start (after warm-up) and the end. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const model = createStaticModel();
  const codes = Array.from({ length: options.processes ?? 50 }, (_, i) => `Soak${i}`);
  churn(model, codes, 0, Date.now());
  const sim = await startSimulator({ model, pageSize: 20 });
  const dir = await mkdtemp(join(tmpdir(), 'gwe-soak-'));
  const config = join(dir, 'soak.yml');
  await writeFile(config, `targets:\n  - name: soak\n    base_url: ${sim.baseUrl}\n    poll_interval: 1s\n    history_interval: 1s\n    request_timeout: 500ms\n    max_staleness: 10s\n`);
  const cli = options.cliPath ?? join(process.cwd(), 'dist', 'cli.js');
  const child = spawn(process.execPath, [cli, `--config.file=${config}`, '--web.listen-address=127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-100_000)));
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-100_000)));
  const url = await listeningUrl(child, () => output);
  let tick = 0;
  let faults = 0;
  let scrapes = 0;
  const scrape = async (): Promise<string> => {
    scrapes++;
    return (await fetch(`${url}/metrics`)).text();
  };
  const list = '/rest/systemtools/v1/batch-processes';
  const faultKinds = [
    () => sim.setFault({ path: list, status: 503, times: 2 }),
    () => sim.setFault({ path: list, delayMs: 1_500, times: 1 }),
    () => sim.setFault({ path: list, status: 200, body: '{"data": [', times: 1 }),
    () => sim.setFault({ path: list, status: 429, headers: { 'retry-after': '2' }, times: 1 }),
  ];
  const started = Date.now();
  const loop = setInterval(() => {
    tick++;
    churn(model, codes, tick, Date.now());
    if (tick % 15 === 0) {
      faultKinds[(tick / 15) % faultKinds.length]?.();
      faults++;
    }
    void scrape().catch(() => undefined);
  }, 1_000);
  try {
    await new Promise((resolve) => setTimeout(resolve, options.warmUpMs ?? 30_000));
    const start = sample(await scrape());
    log(`start: ${JSON.stringify(start)}`);
    // Samples along the way tell a warm-up that levels off from a leak that keeps growing.
    const every = options.sampleEveryMs ?? 60_000;
    const during: { minute: number; sample: ResourceSample }[] = [];
    for (let next = started + every; next < started + options.durationMs - every / 2; next += every) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      during.push({ minute: (Date.now() - started) / 60_000, sample: sample(await scrape()) });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.durationMs - (Date.now() - started))));
    const end = sample(await scrape());
    log(`end: ${JSON.stringify(end)}`);
    return { durationMs: Date.now() - started, polls: sim.stats.requests.get(list) ?? 0, scrapes, faultsInjected: faults, start, end, during };
  } finally {
    clearInterval(loop);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await sim.close();
  }
}
