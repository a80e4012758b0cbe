import type { Clock } from '../clock.js';
import type { TargetConfig } from '../config/types.js';
import type { GuidewireApi, RequestObserver } from '../guidewire/api.js';
import { createGuidewireClient } from '../guidewire/client.js';
import type { Logger } from '../logger.js';
import type { TargetSnapshot } from '../model/snapshot.js';
import type { PollRequests } from '../model/target-status.js';
import type { PollReport } from './poll-report.js';
import { withRetryGate, type GatedApi } from './retry-gate.js';
import { TargetPoller, type TargetPollerDeps } from './target-poller.js';

export interface TargetPipelineDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where requests and poll errors are reported (the app's self-metrics; `silentPollReport()` otherwise). */
  readonly report: PollReport;
  /** Bucket bounds of the run-duration histogram. */
  readonly runDurationBuckets: readonly number[];
  /** When the exporter started (ms); runs that ended before are history, not counted. */
  readonly startedAt: number;
  /** Replaces the HTTP client (tests): gets the observer every request must be reported to. */
  readonly createApi?: (target: TargetConfig, observe: RequestObserver) => GuidewireApi;
  /** Where the events of finished runs go (see `TargetPollerDeps.runEvents`). */
  readonly runEvents?: TargetPollerDeps['runEvents'];
  /** Called with each new snapshot, so it can be rendered before the next scrape asks for it. */
  readonly onSnapshot?: (snapshot: TargetSnapshot) => void;
}

/**
 * One target's client, Retry-After gate, request observer and poller, wired once for everyone who polls:
 * the exporter's runtime (which adds the schedule and backoff), the probe (one status poll) and the tests
 * (which poll by hand).
 */
export interface TargetPipeline {
  /** The gated API the poller reads through: `notBefore()` tells how long Retry-After holds requests back. */
  readonly api: GatedApi;
  readonly poller: TargetPoller;
  /** API requests (token requests excluded) sent since the pipeline was created. */
  readonly requests: number;
  /** The requests of the latest poll; undefined before the first has finished. */
  readonly pollRequests: PollRequests | undefined;
  /** True once the first status poll has finished, successful or not. */
  readonly firstPollDone: boolean;
  /** A status poll alone (no run-history reads); its snapshot goes to `onSnapshot`. */
  pollStatus(signal?: AbortSignal): Promise<TargetSnapshot>;
  /** Reads the API definition when due (see `TargetPoller.pollApiSchema`); `pollAll` does it first of all. */
  pollApiSchema(signal?: AbortSignal): Promise<void>;
  /** Reads `/system-time` when due (see `TargetPoller.pollServerTime`); `pollAll` does it first. */
  pollServerTime(signal?: AbortSignal): Promise<void>;
  /**
   * A poll as the schedule runs it: the API definition and `/system-time` when due, the status poll,
   * `/database-consistency-checks` when due, then the run histories that are due.
   */
  pollAll(signal?: AbortSignal): Promise<void>;
  /** Closes the target's connections. */
  close(): Promise<void>;
}

/** Wires one target's pipeline; nothing is sent until a poll is asked for. */
export function createTargetPipeline(config: TargetConfig, deps: TargetPipelineDeps): TargetPipeline {
  let requests = 0;
  let pollRequests: PollRequests | undefined;
  let firstPollDone = false;
  const observe: RequestObserver = (o) => {
    requests += 1;
    if (o.status !== undefined) deps.report.apiRequest(config.name, o.status, o.durationSeconds);
  };
  const api = withRetryGate(
    deps.createApi?.(config, observe) ??
      createGuidewireClient({ target: config, logger: deps.logger.child({ component: 'client', target: config.name }), now: () => deps.clock.now(), observe }),
    deps.clock,
  );
  const poller = new TargetPoller({
    target: config,
    api,
    clock: deps.clock,
    logger: deps.logger,
    report: deps.report,
    runDurationBuckets: deps.runDurationBuckets,
    startedAt: deps.startedAt,
    ...(deps.runEvents === undefined ? {} : { runEvents: deps.runEvents }),
  });

  async function pollStatus(signal?: AbortSignal, before = requests): Promise<TargetSnapshot> {
    try {
      const snapshot = await poller.poll(signal);
      pollRequests = { status: requests - before, history: 0 };
      deps.onSnapshot?.(snapshot);
      return snapshot;
    } finally {
      // Finished counts for readiness even when the poll failed unexpectedly.
      firstPollDone = true;
    }
  }

  return {
    api,
    poller,
    get requests() {
      return requests;
    },
    get pollRequests() {
      return pollRequests;
    },
    get firstPollDone() {
      return firstPollDone;
    },
    pollStatus: (signal) => pollStatus(signal),
    pollApiSchema: (signal) => poller.pollApiSchema(signal),
    pollServerTime: (signal) => poller.pollServerTime(signal),
    async pollAll(signal) {
      const before = requests;
      // Once (after a failure, again in 10 minutes): its requests count with the status poll's, as
      // /system-time's do, so that a poll's requests are all Guidewire saw.
      await poller.pollApiSchema(signal);
      // Before the status poll, so that its schedules are judged with the offset and zone just read; its
      // request (every 10 minutes) counts with the status poll's.
      await poller.pollServerTime(signal);
      await pollStatus(signal, before);
      // Stopped (shutdown, reload) during the status poll: no history reads with a cancelled signal.
      if (signal?.aborted === true) return;
      // At start and after DBConsistencyCheck completes, judged on the status just read; its request counts
      // with the status poll's, as the server time's does.
      await poller.pollConsistencyChecks(signal);
      // Histories ride on the status poll: each process is read on its own history_interval.
      const afterStatus = requests;
      await poller.pollHistories(signal);
      pollRequests = { status: afterStatus - before, history: requests - afterStatus };
      deps.onSnapshot?.(poller.snapshot);
    },
    close: () => api.close(),
  };
}
