import type { Clock } from './clock.js';
import type { TargetConfig } from './config/types.js';
import type { GuidewireApi, RequestObserver } from './guidewire/api.js';
import { createGuidewireClient } from './guidewire/client.js';
import type { Logger } from './logger.js';
import { backoffDelay } from './poller/backoff.js';
import type { PollReport } from './poller/poll-report.js';
import { withRetryGate, type GatedApi } from './poller/retry-gate.js';
import { nextDelay, PollScheduler } from './poller/scheduler.js';
import type { TargetSnapshot } from './model/snapshot.js';
import type { PollRequests, TargetStatusInput } from './model/target-status.js';
import { TargetPoller } from './poller/target-poller.js';

export interface TargetRuntimeDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where requests and poll errors are reported (the app's self-metrics). */
  readonly report: PollReport;
  readonly runDurationBuckets: readonly number[];
  readonly startedAt: number;
  readonly random?: () => number;
  readonly createApi?: (target: TargetConfig, observe: RequestObserver) => GuidewireApi;
  /** Called with each new snapshot, so it can be rendered before the next scrape asks for it. */
  readonly onSnapshot?: (snapshot: TargetSnapshot) => void;
}

/** One target's client, poller and schedule. Created per target config; replaced when that changes. */
export class TargetRuntime {
  readonly config: TargetConfig;
  readonly poller: TargetPoller;
  readonly #api: GatedApi;
  readonly #scheduler: PollScheduler;
  #firstPollDone = false;
  /** API requests since this runtime started; differences give each poll's count. */
  #requests = 0;
  #pollRequests: PollRequests | undefined;

  constructor(config: TargetConfig, deps: TargetRuntimeDeps) {
    this.config = config;
    const observe: RequestObserver = (o) => {
      this.#requests += 1;
      if (o.status !== undefined) deps.report.apiRequest(config.name, o.status, o.durationSeconds);
    };
    this.#api = withRetryGate(
      deps.createApi?.(config, observe) ??
        createGuidewireClient({ target: config, logger: deps.logger.child({ component: 'client', target: config.name }), now: () => deps.clock.now(), observe }),
      deps.clock,
    );
    const random = deps.random ?? Math.random;
    const log = deps.logger.child({ component: 'scheduler', target: config.name });
    this.poller = new TargetPoller({
      target: config,
      api: this.#api,
      clock: deps.clock,
      logger: deps.logger,
      report: deps.report,
      runDurationBuckets: deps.runDurationBuckets,
      startedAt: deps.startedAt,
    });
    this.#scheduler = new PollScheduler(
      async (signal) => {
        const before = this.#requests;
        try {
          const snapshot = await this.poller.poll(signal);
          this.#pollRequests = { status: this.#requests - before, history: 0 };
          deps.onSnapshot?.(snapshot);
        } finally {
          // Finished counts for readiness even when the poll failed unexpectedly.
          this.#firstPollDone = true;
        }
        // Stopped (shutdown, reload) during the status poll: no history reads with a cancelled signal.
        if (signal.aborted) return;
        // Histories ride on the status poll: each process is read on its own history_interval.
        const afterStatus = this.#requests;
        await this.poller.pollHistories(signal);
        this.#pollRequests = { status: afterStatus - before, history: this.#requests - afterStatus };
        deps.onSnapshot?.(this.poller.snapshot);
      },
      {
        intervalMs: config.pollIntervalMs,
        clock: deps.clock,
        random,
        plan: (startedAt, finishedAt, normal) => {
          const failures = this.poller.consecutiveFailures;
          const delay = failures === 0 ? normal : nextDelay(startedAt, finishedAt, backoffDelay(config.pollIntervalMs, failures, random()), 0);
          // No Retry-After pending: notBefore is 0 and the delay stands.
          return Math.max(delay, this.#api.notBefore() - finishedAt);
        },
        onError: (err) => log.error({ err }, 'poll failed unexpectedly; the schedule goes on'),
      },
    );
  }

  /** True once the first status poll has finished, successful or not. */
  get firstPollDone(): boolean {
    return this.#firstPollDone;
  }

  /** What the status page shows of this target: its snapshot, the requests of its last poll, its next poll. */
  status(): TargetStatusInput {
    const requests = this.#pollRequests;
    const nextPollAt = this.#scheduler.nextRunAt;
    return {
      snapshot: this.poller.snapshot,
      ...(requests === undefined ? {} : { requests }),
      ...(nextPollAt === undefined ? {} : { nextPollAt }),
    };
  }

  start(): void {
    this.#scheduler.start();
  }

  /** Stops polling (aborting a poll in flight) and closes the target's connections. */
  async stop(): Promise<void> {
    await this.#scheduler.stop();
    await this.#api.close();
  }
}

/** True when two target configs are the same (configs are plain frozen data built in a fixed key order). */
export function sameTarget(a: TargetConfig, b: TargetConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
