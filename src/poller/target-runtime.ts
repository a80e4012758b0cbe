import type { TargetConfig } from '../config/types.js';
import type { TargetStatusInput } from '../model/target-status.js';
import { backoffDelay } from './backoff.js';
import { createTargetPipeline, type TargetPipeline, type TargetPipelineDeps } from './pipeline.js';
import { nextDelay, PollScheduler } from './scheduler.js';
import type { TargetPoller } from './target-poller.js';

export interface TargetRuntimeDeps extends TargetPipelineDeps {
  readonly random?: () => number;
}

/** One target's pipeline on its schedule (backoff, Retry-After). Created per target config; replaced when that changes. */
export class TargetRuntime {
  readonly config: TargetConfig;
  readonly #pipeline: TargetPipeline;
  readonly #scheduler: PollScheduler;

  constructor(config: TargetConfig, deps: TargetRuntimeDeps) {
    this.config = config;
    const pipeline = createTargetPipeline(config, deps);
    this.#pipeline = pipeline;
    const random = deps.random ?? Math.random;
    const log = deps.logger.child({ component: 'scheduler', target: config.name });
    this.#scheduler = new PollScheduler((signal) => pipeline.pollAll(signal), {
      intervalMs: config.pollIntervalMs,
      clock: deps.clock,
      random,
      plan: (startedAt, finishedAt, normal) => {
        const failures = pipeline.poller.consecutiveFailures;
        const delay = failures === 0 ? normal : nextDelay(startedAt, finishedAt, backoffDelay(config.pollIntervalMs, failures, random()), 0);
        // No Retry-After pending: notBefore is 0 and the delay stands.
        return Math.max(delay, pipeline.api.notBefore() - finishedAt);
      },
      onError: (err) => log.error({ err }, 'poll failed unexpectedly; the schedule goes on'),
    });
  }

  get poller(): TargetPoller {
    return this.#pipeline.poller;
  }

  /** True once the first status poll has finished, successful or not. */
  get firstPollDone(): boolean {
    return this.#pipeline.firstPollDone;
  }

  /** What the status page shows of this target: its snapshot, the requests of its last poll, its next poll. */
  status(): TargetStatusInput {
    const requests = this.#pipeline.pollRequests;
    const nextPollAt = this.#scheduler.nextRunAt;
    return {
      snapshot: this.poller.snapshot,
      ...(requests === undefined ? {} : { requests }),
      ...(nextPollAt === undefined ? {} : { nextPollAt }),
    };
  }

  /** A reload kept this target as it is: what waits for a reload (`/system-time` after a 404) tries again. */
  reloaded(): void {
    this.poller.configReloaded();
  }

  start(): void {
    this.#scheduler.start();
  }

  /** Stops polling (aborting a poll in flight) and closes the target's connections. */
  async stop(): Promise<void> {
    await this.#scheduler.stop();
    await this.#pipeline.close();
  }
}

/** True when two target configs are the same (configs are plain frozen data built in a fixed key order). */
export function sameTarget(a: TargetConfig, b: TargetConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
