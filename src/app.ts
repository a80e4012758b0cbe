import { systemClock, type Clock } from './clock.js';
import type { ExporterConfig, TargetConfig } from './config/types.js';
import type { GuidewireApi, RequestObserver } from './guidewire/api.js';
import { createGuidewireClient } from './guidewire/client.js';
import { renderLanding } from './http/landing.js';
import { startHttpServer, type ListeningServer } from './http/server.js';
import type { Logger } from './logger.js';
import { serialize, type ExpositionFormat } from './metrics/exposition.js';
import { mapSnapshots } from './metrics/map-snapshot.js';
import { createSelfMetrics, registryFamilies, type BuildInfo, type SelfMetrics } from './metrics/self-metrics.js';
import { PollScheduler } from './poller/scheduler.js';
import type { TargetSnapshot } from './poller/snapshot.js';
import { TargetPoller } from './poller/target-poller.js';

export interface AppOptions {
  readonly config: ExporterConfig;
  readonly logger: Logger;
  /** Host (undefined = every interface) and port (0 = any free port). */
  readonly listen: { readonly host: string | undefined; readonly port: number };
  readonly telemetryPath?: string;
  readonly build: BuildInfo;
  readonly clock?: Clock;
  /** Source of randomness for poll jitter. */
  readonly random?: () => number;
  /** Builds the API client of a target; the HTTP client by default. */
  readonly createApi?: (target: TargetConfig, observe: RequestObserver) => GuidewireApi;
}

interface TargetRuntime {
  readonly api: GuidewireApi;
  readonly poller: TargetPoller;
  readonly scheduler: PollScheduler;
  firstPollDone: boolean;
}

/** One exporter instance: its own registry, pollers and HTTP server. `start()`/`stop()` bound its life. */
export class App {
  readonly #options: AppOptions;
  readonly #metrics: SelfMetrics;
  readonly #targets: TargetRuntime[] = [];
  #server: ListeningServer | undefined;
  #startedAt = 0;

  constructor(options: AppOptions) {
    this.#options = options;
    this.#metrics = createSelfMetrics(options.build);
  }

  /** Every target's latest snapshot, in config order. */
  snapshots(): TargetSnapshot[] {
    return this.#targets.map((runtime) => runtime.poller.snapshot);
  }

  /** True once every target has finished its first poll, successful or not. */
  ready(): boolean {
    return this.#targets.every((runtime) => runtime.firstPollDone);
  }

  /** The exposition text of one scrape: one consistent view of every target's snapshot. */
  async metrics(format: ExpositionFormat): Promise<string> {
    const snapshots = this.snapshots();
    const own = await registryFamilies(this.#metrics.registry);
    return serialize([...mapSnapshots(snapshots), ...own], format);
  }

  /** Starts polling every target and serving HTTP. Resolves with the bound address. */
  async start(): Promise<{ host: string; port: number }> {
    const { config, logger } = this.#options;
    const clock = this.#options.clock ?? systemClock;
    this.#startedAt = clock.now();
    for (const target of config.targets) this.#targets.push(this.#createTarget(target, clock));
    const telemetryPath = this.#options.telemetryPath ?? '/metrics';
    this.#server = await startHttpServer({
      host: this.#options.listen.host,
      port: this.#options.listen.port,
      logger,
      handlers: {
        telemetryPath,
        metrics: (format) => this.metrics(format),
        ready: () => this.ready(),
        landing: () => renderLanding({ version: this.#options.build.version, telemetryPath, snapshots: this.snapshots() }),
      },
    });
    for (const runtime of this.#targets) runtime.scheduler.start();
    logger.info({ address: `${this.#server.host}:${this.#server.port}`, telemetryPath, targets: config.targets.length }, 'exporter listening');
    return { host: this.#server.host, port: this.#server.port };
  }

  /** Stops polling, closes upstream connections and the HTTP server. */
  async stop(): Promise<void> {
    await Promise.all(this.#targets.map((runtime) => runtime.scheduler.stop()));
    await Promise.all(this.#targets.map((runtime) => runtime.api.close()));
    await this.#server?.close();
    this.#server = undefined;
  }

  #createTarget(target: TargetConfig, clock: Clock): TargetRuntime {
    const { logger } = this.#options;
    this.#metrics.registerTarget(target.name);
    const observe: RequestObserver = (o) => {
      if (o.status !== undefined) this.#metrics.apiRequest(target.name, o.status, o.durationSeconds);
    };
    const api =
      this.#options.createApi?.(target, observe) ??
      createGuidewireClient({ target, logger: logger.child({ component: 'client', target: target.name }), now: () => clock.now(), observe });
    const poller = new TargetPoller({
      target,
      api,
      clock,
      logger,
      metrics: this.#metrics,
      runDurationBuckets: this.#options.config.runDurationBuckets,
      startedAt: this.#startedAt,
    });
    const runtime: TargetRuntime = {
      api,
      poller,
      firstPollDone: false,
      scheduler: new PollScheduler(
        async (signal) => {
          await poller.poll(signal);
          runtime.firstPollDone = true;
          // Histories ride on the status poll: each process is read on its own history_interval.
          await poller.pollHistories(signal);
        },
        { intervalMs: target.pollIntervalMs, clock, ...(this.#options.random === undefined ? {} : { random: this.#options.random }) },
      ),
    };
    return runtime;
  }
}
