import { Writable } from 'node:stream';
import { pino } from 'pino';
import { App, type AppOptions } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { defaults, type ExporterConfig, type TargetConfig } from '../../src/config/types.js';
import type { Logger } from '../../src/logger.js';
import type { RawBatchProcess } from '../../src/simulator/index.js';

/** A target config with test-friendly defaults; any field can be overridden. */
export function targetConfig(overrides: Partial<TargetConfig> & Pick<TargetConfig, 'baseUrl'>): TargetConfig {
  return {
    name: 'gw',
    auth: { kind: 'none' },
    tls: { insecureSkipVerify: false },
    pollIntervalMs: defaults.pollIntervalMs,
    // Shorter than the default, so that a test of an unanswered request ends quickly.
    requestTimeoutMs: 2_000,
    concurrency: defaults.concurrency,
    listPageSize: defaults.listPageSize,
    stallAfterMs: defaults.stallAfterMs,
    maxStalenessMs: defaults.maxStalenessMs,
    historyIntervalMs: defaults.historyIntervalMs,
    history: defaults.history,
    include: defaults.include,
    exclude: defaults.exclude,
    overrides: [],
    limits: { ...defaults.limits },
    graceMs: defaults.graceMs,
    maintenance: [],
    ...overrides,
  };
}

/** An exporter config over the given targets, with default run-duration buckets. */
export function exporterConfig(...targets: TargetConfig[]): ExporterConfig {
  return { targets, runDurationBuckets: defaults.runDurationBuckets };
}

/** A logger whose JSON lines are kept in `lines` for assertions. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines, text: () => raw };
}

export interface StartedExporter {
  readonly app: App;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a real exporter on 127.0.0.1:0. */
export async function startExporter(options: Omit<AppOptions, 'listen' | 'build'> & Partial<Pick<AppOptions, 'build'>>): Promise<StartedExporter> {
  const app = new App({
    build: { version: '0.0.0-test', revision: 'test', nodejsVersion: 'v0' },
    listen: { host: '127.0.0.1', port: 0 },
    ...options,
  });
  const { port } = await app.start();
  return { app, url: `http://127.0.0.1:${port}`, stop: () => app.stop() };
}

/** A clock on real timers whose `now()` can be moved forward (token expiry, staleness, stalls). */
export function shiftableClock(): Clock & { shift(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    shift: (ms) => {
      offset += ms;
    },
  };
}

/** A documented "completed" status for the simulator's static model. */
export function completedProcess(code: string, opts: { distributed?: boolean; failedOps?: number; opsCompleted?: number } = {}): RawBatchProcess {
  return {
    type: { code, name: `${code} name` },
    distributed: opts.distributed ?? false,
    status: {
      dateCreated: '2026-11-28T09:00:00.000Z',
      startDate: '2026-11-28T09:00:00.010Z',
      dateCompleted: '2026-11-28T09:00:05.510Z',
      opsCompleted: opts.opsCompleted ?? 10,
      failedOps: opts.failedOps ?? 0,
      serverId: '55d109613ac9',
      type: code,
    },
  };
}

/** A documented "running" status. */
export function runningProcess(code: string, opsCompleted: number, opsExpected = 100): RawBatchProcess {
  return {
    type: { code, name: `${code} name` },
    distributed: true,
    status: {
      dateCreated: '2026-11-28T09:00:00.000Z',
      startDate: '2026-11-28T09:00:00.010Z',
      opsCompleted,
      opsExpected,
      failedOps: 0,
      progress: `${opsCompleted} out of ${opsExpected}`,
      serverId: '55d109613ac9',
      type: code,
    },
    workQueueStatus: { numActiveExecutors: 2, numActiveWorkItems: 5 },
  };
}

/**
 * A target's pipeline over the real HTTP client, as the app's target runtime wires it (client, Retry-After
 * gate, request observer, poller), polled by hand; `scrape()` renders what /metrics would show.
 */
export async function pollerHarness(target: TargetConfig, clock: Clock = shiftableClock(), startedAt = clock.now()) {
  const { createSelfMetrics, registryFamilies } = await import('../../src/metrics/self-metrics.js');
  const { createTargetPipeline } = await import('../../src/poller/pipeline.js');
  const { ScrapeBody } = await import('../../src/metrics/scrape-body.js');
  const { serialize } = await import('../../src/metrics/exposition.js');
  const { parseExposition } = await import('./scrape.js');
  const log = capturingLogger();
  const metrics = createSelfMetrics({ version: 't', revision: 't', nodejsVersion: 't' });
  metrics.registerTarget(target.name);
  const pipeline = createTargetPipeline(target, { clock, logger: log.logger, report: metrics, runDurationBuckets: defaults.runDurationBuckets, startedAt });
  const { poller, api } = pipeline;
  // One scrape body for the harness's life, as the app keeps one: scrapes after later polls go through
  // its reuse of unchanged processes, and the own metrics are collected again after each poll.
  const body = new ScrapeBody({ clock, ownMetrics: async (format) => serialize(await registryFamilies(metrics.registry), format) });
  return {
    pipeline,
    poller,
    api,
    log,
    /** A status poll alone. */
    poll: () => pipeline.pollStatus(),
    /** A status poll followed by the history reads that are due, as the app's schedule runs them. */
    pollAll: () => pipeline.pollAll(),
    async scrape() {
      const snapshot = poller.snapshot;
      body.polled(snapshot);
      return parseExposition(Buffer.concat(await body.body([snapshot], 'text', 'identity')).toString('utf8'));
    },
    close: () => pipeline.close(),
  };
}
