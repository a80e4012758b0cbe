import { setImmediate as nextTurn } from 'node:timers/promises';
import { systemClock, type Clock } from './clock.js';
import { dumpConfig } from './config/dump.js';
import { inShard, wholeEstate, type Shard } from './config/shard.js';
import type { ExporterConfig, TargetConfig } from './config/types.js';
import type { GuidewireApi, RequestObserver } from './guidewire/api.js';
import { outboundWarnings } from './guidewire/outbound-warnings.js';
import { startHttpServer, type ListeningServer } from './http/server.js';
import type { Logger } from './logger.js';
import { serialize, type ExpositionFormat } from './metrics/exposition.js';
import { RenderFailureLog } from './metrics/render-failures.js';
import { ScrapeBody } from './metrics/scrape-body.js';
import { createSelfMetrics, registryFamilies, type BuildInfo, type SelfMetrics } from './metrics/self-metrics.js';
import type { TargetSnapshot } from './model/snapshot.js';
import { defaultReloadTimeoutMs, reloadLoader } from './reload-loader.js';
import { statusEndpoints } from './status/endpoints.js';
import { sameTarget, TargetRuntime } from './poller/target-runtime.js';
import { createRunEventSink, type RunEventSink } from './events/sink.js';

export interface AppOptions {
  readonly config: ExporterConfig;
  readonly logger: Logger;
  /** Host (undefined = every interface) and port (0 = any free port). */
  readonly listen: { readonly host: string | undefined; readonly port: number };
  readonly telemetryPath?: string;
  /** Every endpoint is served below it: `/` (the default) or a normalised `/a/b`. */
  readonly routePrefix?: string;
  /** Where users reach the exporter (behind a proxy), without a trailing slash; the JSON's links start with it. */
  readonly externalUrl?: string;
  /** exporter-toolkit web configuration (TLS, basic auth) of the HTTP server; plain HTTP without one. */
  readonly webConfigFile?: string;
  readonly build: BuildInfo;
  readonly clock?: Clock;
  /** Source of randomness for poll jitter. */
  readonly random?: () => number;
  /** Builds the API client of a target; the HTTP client by default. */
  readonly createApi?: (target: TargetConfig, observe: RequestObserver) => GuidewireApi;
  /** Reads the configuration again, for reloads, giving up when `signal` aborts; absent when there is nothing to re-read (demo). */
  readonly loadConfig?: (signal: AbortSignal) => Promise<ExporterConfig>;
  /** A reload that has not read the configuration after this long fails (default `defaultReloadTimeoutMs`). */
  readonly reloadTimeoutMs?: number;
  /** This replica's shard: it polls only the targets whose name hashes to it (docs/deploy.md#sharding-many-targets); all by default. */
  readonly shard?: Shard;
  /** Writes to standard output (the CLI's `process.stdout`), for `events.sink: stdout`; required by that sink only. */
  readonly stdout?: (text: string) => void;
}

export interface ReloadResult {
  readonly ok: boolean;
  readonly message: string;
}

const shuttingDown: ReloadResult = { ok: false, message: 'the exporter is shutting down; the configuration was not reloaded' };

/** One exporter instance: its own registry, pollers and HTTP server. `start()`/`stop()` bound its life. */
export class App {
  readonly #options: AppOptions;
  readonly #metrics: SelfMetrics;
  readonly #clock: Clock;
  readonly #log: Logger;
  #config: ExporterConfig;
  #targets: readonly TargetRuntime[] = [];
  #server: ListeningServer | undefined;
  #startedAt = 0;
  #reloading: Promise<ReloadResult> = Promise.resolve({ ok: true, message: '' });
  readonly #stopping = new AbortController();
  /** `loadConfig`, bounded in time and to one read at a time (see `boundedLoader`). */
  readonly #load: (() => Promise<ExporterConfig>) | undefined;
  readonly #scrape: ScrapeBody;
  /** Where run events go; replaced when a reload changes `events:`. */
  #events: RunEventSink;

  constructor(options: AppOptions) {
    this.#options = options;
    this.#config = options.config;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.logger;
    this.#metrics = createSelfMetrics(options.build);
    // One target whose render fails is left out of scrapes, counted and logged; the rest is served.
    const renderLog = this.#log.child({ component: 'exposition' });
    this.#scrape = new ScrapeBody({
      clock: this.#clock,
      ownMetrics: async (format) => serialize(await registryFamilies(this.#metrics.registry), format),
      report: new RenderFailureLog(renderLog, (target) => this.#metrics.renderError(target)),
    });
    const timing = { ms: options.reloadTimeoutMs ?? defaultReloadTimeoutMs, clock: this.#clock, signal: this.#stopping.signal };
    this.#load = options.loadConfig === undefined ? undefined : reloadLoader(options.loadConfig, timing);
    this.#events = this.#createEventSink(options.config);
  }

  /** Every target's latest snapshot, in config order. */
  snapshots(): TargetSnapshot[] {
    return this.#targets.map((runtime) => runtime.poller.snapshot);
  }

  /** True once every target has finished its first poll, successful or not. */
  ready(): boolean {
    return this.#targets.every((runtime) => runtime.firstPollDone);
  }

  /** One scrape: one consistent view of every target's snapshot (see `ScrapeBody`). */
  metrics(format: ExpositionFormat, encoding: 'identity' | 'gzip' = 'identity'): Promise<readonly Buffer[]> {
    return this.#scrape.body(this.snapshots(), format, encoding);
  }

  /** Starts polling every target and serving HTTP. Resolves with the bound address. */
  async start(): Promise<{ host: string; port: number }> {
    this.#startedAt = this.#clock.now();
    this.#targets = this.#mine(this.#config).map((target) => this.#createTarget(target, this.#startedAt));
    const telemetryPath = this.#options.telemetryPath ?? '/metrics';
    const routePrefix = this.#options.routePrefix ?? '/';
    const status = statusEndpoints({
      telemetryPath,
      linkBase: this.#options.externalUrl ?? (routePrefix === '/' ? '' : routePrefix),
      input: () => ({
        version: this.#options.build.version,
        startedAt: this.#startedAt,
        now: this.#clock.now(),
        targets: this.#targets.map((runtime) => runtime.status()),
      }),
      pause: () => nextTurn(),
    });
    this.#server = await startHttpServer({
      host: this.#options.listen.host,
      port: this.#options.listen.port,
      logger: this.#log,
      webConfigFile: this.#options.webConfigFile,
      onWebConfigReload: (ok) => {
        this.#metrics.webConfigReloaded(ok);
        this.#scrape.forgetOwnMetrics();
      },
      handlers: {
        routePrefix,
        telemetryPath,
        metrics: (format, encoding) => this.metrics(format, encoding),
        ready: () => this.ready(),
        ...status,
        config: () => dumpConfig(this.#config),
        ...(this.#options.loadConfig === undefined ? {} : { reload: () => this.reload() }),
      },
    });
    for (const runtime of this.#targets) runtime.start();
    this.#metrics.configReloaded(true, this.#clock.now());
    const external = this.#options.externalUrl === undefined ? {} : { externalUrl: this.#options.externalUrl };
    const shard = this.#options.shard ?? wholeEstate;
    const sharded = shard.total > 1 ? { shard: shard.index, totalShards: shard.total, configuredTargets: this.#config.targets.length } : {};
    this.#log.info({ address: `${this.#server.host}:${this.#server.port}`, routePrefix, telemetryPath, ...external, targets: this.#targets.length, ...sharded }, 'exporter listening');
    return { host: this.#server.host, port: this.#server.port };
  }

  /**
   * Re-reads the configuration and swaps it in at once: unchanged targets keep their state and
   * schedule, changed ones restart, removed ones stop. A bad configuration changes nothing, and so does a
   * read that takes longer than `reloadTimeoutMs` or is still stuck from an earlier reload.
   * Reloads are serialised; once `stop()` has begun, they fail at once.
   */
  reload(): Promise<ReloadResult> {
    this.#reloading = this.#reloading.then(async () => {
      const result = await this.#reload();
      // The reload metrics changed: the next scrape must not serve a cached copy from before.
      this.#scrape.forgetOwnMetrics();
      return result;
    });
    return this.#reloading;
  }

  async #reload(): Promise<ReloadResult> {
    const load = this.#load;
    if (load === undefined) return { ok: false, message: 'nothing to reload: no configuration file' };
    let next: ExporterConfig;
    try {
      next = await load();
    } catch (err) {
      if (this.#stopping.signal.aborted) return shuttingDown;
      this.#metrics.configReloaded(false, this.#clock.now());
      this.#log.error({ err }, 'configuration reload failed; keeping the running configuration');
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    // stop() has begun: starting targets now would outlive it.
    if (this.#stopping.signal.aborted) return shuttingDown;
    const bucketsChanged = JSON.stringify(next.runDurationBuckets) !== JSON.stringify(this.#config.runDurationBuckets);
    const before = new Map(this.#targets.map((runtime) => [runtime.config.name, runtime]));
    const kept = new Set<TargetRuntime>();
    const mine = this.#mine(next);
    const targets = mine.map((target) => {
      const old = before.get(target.name);
      if (old !== undefined && !bucketsChanged && sameTarget(old.config, target)) {
        kept.add(old);
        return old;
      }
      // Counting (and run events) starts over from now: from the exporter's start, the new runtime would
      // count again, and write again, every run the one it replaces already had.
      return this.#createTarget(target, this.#clock.now());
    });
    const retired = this.#targets.filter((runtime) => !kept.has(runtime));
    const events = JSON.stringify(next.events) === JSON.stringify(this.#config.events) ? undefined : this.#events;
    if (events !== undefined) this.#events = this.#createEventSink(next);
    this.#config = next;
    this.#targets = targets;
    for (const runtime of targets) if (kept.has(runtime)) runtime.reloaded();
    else runtime.start();
    await Promise.all(retired.map((runtime) => runtime.stop()));
    await events?.close();
    const names = new Set(mine.map((t) => t.name));
    for (const runtime of retired) if (!names.has(runtime.config.name)) this.#metrics.forgetTarget(runtime.config.name);
    this.#metrics.configReloaded(true, this.#clock.now());
    const message = `configuration reloaded: ${targets.length} targets, ${targets.length - kept.size} (re)started, ${kept.size} unchanged`;
    this.#log.info({ targets: targets.length, restarted: targets.length - kept.size }, message);
    return { ok: true, message };
  }

  /**
   * Stops polling, closes upstream connections and the HTTP server (letting in-flight responses finish).
   * A reload in progress gives up at once: a stuck configuration read never holds the shutdown.
   */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#reloading;
    await Promise.all(this.#targets.map((runtime) => runtime.stop()));
    // Stopped pollers write no more: wait for the events already handed to the sink.
    await this.#events.close();
    await this.#server?.close();
    this.#server = undefined;
  }

  /** The sink `events:` asks for; its writes and errors count in the self-metrics. */
  #createEventSink(config: ExporterConfig): RunEventSink {
    const sink = createRunEventSink(config.events, {
      log: this.#log.child({ component: 'events' }),
      report: {
        runEvents: (target, sink, written, failed) => {
          this.#metrics.runEvents(target, sink, written, failed);
          // The counters moved: the next scrape shows them, not a copy cached from before.
          this.#scrape.forgetOwnMetrics();
        },
      },
      now: () => this.#clock.now(),
      ...(this.#options.stdout === undefined ? {} : { stdout: this.#options.stdout }),
    });
    const events = config.events;
    if (events !== undefined && events.sink !== 'none') this.#log.info({ sink: events.sink, ...(events.sink === 'file' ? { file: events.file } : {}) }, 'run events: one record per finished run');
    return sink;
  }

  /** The targets of `config` this replica polls: those of its shard. */
  #mine(config: ExporterConfig): readonly TargetConfig[] {
    const shard = this.#options.shard ?? wholeEstate;
    return config.targets.filter((target) => inShard(target.name, shard));
  }

  #createTarget(target: TargetConfig, startedAt: number): TargetRuntime {
    this.#metrics.registerTarget(target.name);
    for (const warning of outboundWarnings(target)) this.#log.warn({ target: target.name }, warning);
    for (const warning of target.schedulerImport?.warnings ?? []) this.#log.warn({ target: target.name, file: target.schedulerImport?.file }, warning);
    return new TargetRuntime(target, {
      clock: this.#clock,
      logger: this.#log,
      report: this.#metrics,
      runDurationBuckets: this.#config.runDurationBuckets,
      startedAt,
      // The sink of the moment: a reload may replace it while the target keeps running.
      runEvents: (name, events) => this.#events.write(name, events),
      // Renders in the background; a failed render is reported (RenderFailureLog), never thrown.
      onSnapshot: (snapshot) => this.#scrape.polled(snapshot),
      ...(this.#options.random === undefined ? {} : { random: this.#options.random }),
      ...(this.#options.createApi === undefined ? {} : { createApi: this.#options.createApi }),
    });
  }
}
