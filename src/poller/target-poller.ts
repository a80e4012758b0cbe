import type { Clock } from '../clock.js';
import { defaults, type ProcessOverride, type TargetConfig } from '../config/types.js';
import type { BaselineSettings } from '../history/baseline.js';
import type { GuidewireApi } from '../guidewire/api.js';
import type { Logger } from '../logger.js';
import { ConsistencyCheckReader } from './consistency-checks.js';
import { fetchTarget } from './fetch-target.js';
import { createTypeFilter, firstMatcher, type TypeFilter } from './glob.js';
import { mergeProcesses } from './merge.js';
import { HistoryPoller, type HistoryPollDeps, type HistorySettings } from './history-poller.js';
import type { PollReport } from './poll-report.js';
import { ProblemLog } from './problem-log.js';
import { ScheduleTracker } from './schedules.js';
import { ServerTimeReader } from './server-time.js';
import { ApiSchemaReader } from './api-schema-reader.js';
import type { ApiSchemaReading } from '../guidewire/api.js';
import { guidewireNow } from '../model/server-clock.js';
import type { ProcessThresholds, TargetSnapshot } from '../model/snapshot.js';

/** A process's baseline settings after its override; undefined when it opted out (`baseline: false`). */
function baselineOf(override: ProcessOverride | undefined): BaselineSettings | undefined {
  if (override?.baseline === false) return undefined;
  return { runs: override?.baselineRuns ?? defaults.baselineRuns, minRuns: override?.baselineMinRuns ?? defaults.baselineMinRuns };
}

export interface TargetPollerDeps {
  readonly target: TargetConfig;
  readonly api: GuidewireApi;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where each poll's errors are reported (the app's self-metrics). */
  readonly report: PollReport;
  /** Bucket bounds of the run-duration histogram. */
  readonly runDurationBuckets: readonly number[];
  /** When the exporter started (ms); runs that ended before are history, not counted. */
  readonly startedAt: number;
  /** Where the events of finished runs go (the app's run-event sink); absent: nowhere. */
  readonly runEvents?: HistoryPollDeps['runEvents'];
}

/**
 * Polls one target and keeps its latest snapshot. Reports every failed request (counted in
 * `guidewire_poll_errors_total`), and logs each distinct cause once while it lasts.
 */
export class TargetPoller {
  readonly #deps: TargetPollerDeps;
  readonly #filter: TypeFilter;
  readonly #override: ReturnType<typeof firstMatcher<TargetConfig['overrides'][number]>>;
  readonly #log: Logger;
  #snapshot: TargetSnapshot;
  #consecutiveFailures = 0;
  readonly #problems: ProblemLog;
  readonly #historyProblems: ProblemLog;
  readonly #history: HistoryPoller;
  readonly #serverTime: ServerTimeReader;
  readonly #serverTimeProblems: ProblemLog;
  readonly #apiSchema: ApiSchemaReader;
  readonly #apiSchemaProblems: ProblemLog;
  readonly #schedules: ScheduleTracker;
  readonly #dbcc: ConsistencyCheckReader;
  readonly #dbccProblems: ProblemLog;
  /**
   * A process's settings after overrides, by code: config is fixed for a poller's life, so each is
   * resolved once. Pruned to the snapshot's codes after each poll, so renamed codes do not pile up.
   */
  readonly #settings = new Map<string, { readonly thresholds: ProcessThresholds; readonly history: HistorySettings }>();

  constructor(deps: TargetPollerDeps) {
    this.#deps = deps;
    this.#filter = createTypeFilter(deps.target.include, deps.target.exclude);
    this.#override = firstMatcher(deps.target.overrides);
    this.#log = deps.logger.child({ component: 'poller', target: deps.target.name });
    this.#snapshot = { target: deps.target.name, pollIntervalSeconds: deps.target.pollIntervalMs / 1000, processes: [] };
    this.#problems = new ProblemLog(deps.target.name, deps.report, this.#log);
    this.#historyProblems = new ProblemLog(deps.target.name, deps.report, this.#log);
    this.#history = new HistoryPoller({
      target: deps.target,
      api: deps.api,
      bounds: deps.runDurationBuckets,
      startedAt: deps.startedAt,
      settings: (code) => this.#settingsOf(code).history,
      ...(deps.runEvents === undefined ? {} : { runEvents: deps.runEvents }),
    });
    this.#serverTime = new ServerTimeReader(deps.target, this.#log);
    this.#serverTimeProblems = new ProblemLog(deps.target.name, deps.report, this.#log);
    this.#dbcc = new ConsistencyCheckReader(deps.target, this.#log);
    this.#dbccProblems = new ProblemLog(deps.target.name, deps.report, this.#log);
    this.#apiSchema = new ApiSchemaReader(deps.target, this.#log);
    this.#apiSchemaProblems = new ProblemLog(deps.target.name, deps.report, this.#log);
    this.#schedules = new ScheduleTracker({
      target: deps.target,
      log: this.#log,
      override: (code) => this.#override(code),
      failed: () => deps.report.scheduleError(deps.target.name),
    });
  }

  /** Polls in a row in which nothing could be read and something failed; 0 after any useful poll. */
  get consecutiveFailures(): number {
    return this.#consecutiveFailures;
  }

  /** How many codes' settings are cached (tests and diagnostics): at most the snapshot's processes after a poll. */
  get cachedSettings(): number {
    return this.#settings.size;
  }

  /** How many processes have schedule state (tests and diagnostics): at most the snapshot's processes. */
  get trackedSchedules(): number {
    return this.#schedules.tracked;
  }

  /** The latest snapshot; replaced whole by each poll. */
  get snapshot(): TargetSnapshot {
    return this.#snapshot;
  }

  /** Runs one poll and publishes its snapshot. Never throws. */
  async poll(signal?: AbortSignal): Promise<TargetSnapshot> {
    const { target, api, clock } = this.#deps;
    const startedAt = clock.now();
    const previous = this.#snapshot;
    const result = await fetchTarget({
      api,
      filter: this.#filter,
      concurrency: target.concurrency,
      known: previous.processes.map((view) => view.process.code),
      ...(signal === undefined ? {} : { signal }),
    });
    if (signal?.aborted === true) return previous;
    const now = clock.now();
    const merged = mergeProcesses(previous.processes, result, {
      now,
      maxStalenessMs: target.maxStalenessMs,
      thresholds: (code) => this.#thresholds(code),
    });
    this.#pruneSettings(merged.map((view) => view.process.code));
    const serverTime = this.#serverTime.current;
    const judgedAt = guidewireNow(serverTime, now);
    const processes = await this.#schedules.evaluate(merged, previous.history, serverTime?.zoneId, judgedAt);
    const maintenance = this.#schedules.maintenance(judgedAt);
    const errors = this.#problems.account(result.problems, 'poll');
    this.#consecutiveFailures = result.fresh.length === 0 && result.problems.length > 0 ? this.#consecutiveFailures + 1 : 0;
    const up = errors.length === 0;
    const lastSuccessAt = up ? now : previous.poll?.lastSuccessAt;
    const dbcc = this.#dbcc.current;
    this.#snapshot = {
      target: target.name,
      pollIntervalSeconds: previous.pollIntervalSeconds,
      processes,
      ...(previous.history === undefined ? {} : { history: previous.history }),
      ...(serverTime === undefined ? {} : { serverTime }),
      ...(dbcc === undefined ? {} : { dbcc }),
      ...(this.#apiSchema.current === undefined ? {} : { apiSchema: this.#apiSchema.current.source }),
      ...(maintenance === undefined ? {} : { maintenance }),
      poll: {
        up,
        startedAt,
        durationSeconds: (now - startedAt) / 1000,
        errors,
        ...(lastSuccessAt === undefined ? {} : { lastSuccessAt }),
      },
    };
    this.#log.debug({ processes: processes.length, up, durationMs: now - startedAt }, 'poll finished');
    return this.#snapshot;
  }

  /** Drops the settings of codes that are no longer in the snapshot (renamed or removed types). */
  #pruneSettings(codes: readonly string[]): void {
    const present = new Set(codes);
    for (const code of this.#settings.keys()) if (!present.has(code)) this.#settings.delete(code);
  }

  #thresholds(code: string): ProcessThresholds {
    return this.#settingsOf(code).thresholds;
  }

  /** The first matching override applied to the target's settings, once per code. */
  #settingsOf(code: string): { readonly thresholds: ProcessThresholds; readonly history: HistorySettings } {
    let settings = this.#settings.get(code);
    if (settings === undefined) {
      const { target } = this.#deps;
      const override = this.#override(code);
      const expectEveryMs = override?.expectEveryMs ?? target.expectEveryMs;
      const maxDurationMs = override?.maxDurationMs ?? target.maxDurationMs;
      const baseline = baselineOf(override);
      settings = {
        thresholds: {
          stallAfterMs: override?.stallAfterMs ?? target.stallAfterMs,
          ...(expectEveryMs === undefined ? {} : { expectEveryMs }),
          ...(maxDurationMs === undefined ? {} : { maxDurationMs }),
          ...(baseline === undefined ? {} : { baseline }),
          durationFactor: override?.durationFactor ?? target.durationFactor ?? defaults.durationFactor,
          failureThreshold: override?.failureThreshold ?? defaults.failureThreshold,
          ...(override?.labels === undefined ? {} : { labels: override.labels }),
        },
        history: {
          enabled: override?.history ?? target.history,
          intervalMs: override?.historyIntervalMs ?? target.historyIntervalMs,
          baselineRuns: baseline?.runs ?? 0,
        },
      };
      this.#settings.set(code, settings);
    }
    return settings;
  }

  /**
   * Reads the run histories that are due (see `historyDue`) and publishes their stats. Problems count
   * in `guidewire_poll_errors_total` but do not change `guidewire_up`, which describes status polls.
   */
  async pollHistories(signal?: AbortSignal): Promise<void> {
    const { clock } = this.#deps;
    const offsetMs = this.#snapshot.serverTime?.offsetMs ?? 0;
    const problems = await this.#history.poll(this.#snapshot.processes, () => clock.now(), signal, offsetMs);
    if (signal?.aborted === true) return;
    this.#historyProblems.account(problems, 'history poll');
    const history = this.#history.stats();
    // Republish only when some stats changed: a new snapshot means a new rendering of the target.
    if (history === this.#snapshot.history) return;
    // New runs may answer fire times (or teach a cadence): judge the schedules again with them.
    const current = this.#snapshot;
    const processes = await this.#schedules.evaluate(current.processes, history, current.serverTime?.zoneId, guidewireNow(current.serverTime, clock.now()));
    this.#snapshot = { ...current, processes, history };
  }

  /**
   * Reads `/system-time` when it is due (at the first poll, then every 10 minutes; never after a 404):
   * the next status poll uses its offset and zone. Failures count in `guidewire_poll_errors_total` but not
   * in `guidewire_up`, and the previous reading is kept until the next try.
   */
  async pollServerTime(signal?: AbortSignal): Promise<void> {
    const problems = await this.#serverTime.poll(this.#deps.api, () => this.#deps.clock.now(), signal);
    if (problems !== undefined) this.#serverTimeProblems.account(problems, 'server time');
  }

  /**
   * Reads `/database-consistency-checks` at the first poll and after each new completion of the
   * `DBConsistencyCheck` process in the latest snapshot (see `ConsistencyCheckReader`), and publishes the
   * latest finished run. Failures count in `guidewire_poll_errors_total` but not in `guidewire_up`.
   */
  async pollConsistencyChecks(signal?: AbortSignal): Promise<void> {
    const { clock, api } = this.#deps;
    this.#dbcc.observe(this.#snapshot.processes);
    const problems = await this.#dbcc.poll(api, () => clock.now(), signal);
    if (problems === undefined) return;
    this.#dbccProblems.account(problems, 'consistency checks');
    const dbcc = this.#dbcc.current;
    const current = this.#snapshot;
    if (dbcc === current.dbcc) return;
    const { dbcc: _previous, ...rest } = current;
    this.#snapshot = dbcc === undefined ? rest : { ...rest, dbcc };
  }

  /** What the target's API definition said (undefined until it was read): `probe --schema` shows it. */
  get apiSchema(): ApiSchemaReading | undefined {
    return this.#apiSchema.current;
  }

  /**
   * Reads the target's API definition before the first status poll (see `ApiSchemaReader`), so that every
   * request after it sends only what the tenant's release declares. Failures count in
   * `guidewire_poll_errors_total` but not in `guidewire_up`.
   */
  async pollApiSchema(signal?: AbortSignal): Promise<void> {
    const problems = await this.#apiSchema.poll(this.#deps.api, () => this.#deps.clock.now(), signal);
    if (problems !== undefined) this.#apiSchemaProblems.account(problems, 'API definition');
  }

  /**
   * A configuration reload kept this target: `/system-time`, the API definition and
   * `/database-consistency-checks` are tried again, even after a 404.
   */
  configReloaded(): void {
    this.#serverTime.reset();
    this.#apiSchema.reset();
    this.#dbcc.reset();
  }
}
