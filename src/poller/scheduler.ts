import type { Clock, TimerHandle } from '../clock.js';

export interface ScheduleOptions {
  readonly intervalMs: number;
  /**
   * Largest deviation from the interval, as a fraction of it (default 0.05: ±5 %), so targets and
   * restarts do not poll in lockstep while the average cadence stays the interval.
   */
  readonly jitterRatio?: number;
  readonly clock: Clock;
  /** Returns a number in [0, 1); injectable for tests. */
  readonly random?: () => number;
  /**
   * Adjusts the delay before the next run (backoff, `Retry-After`); receives the normal delay.
   * The result is used as is.
   */
  readonly plan?: (startedAt: number, finishedAt: number, normalDelay: number) => number;
  /** Called when a run rejects: a bug in one run must not stop the schedule, but must not be silent. */
  readonly onError?: (err: unknown) => void;
}

/**
 * The delay before the next poll: one interval after the previous poll *started*, plus the
 * jitter (which may be negative), and never negative (a poll that overran starts the next at once).
 * Pure.
 */
export function nextDelay(startedAt: number, finishedAt: number, intervalMs: number, jitter: number): number {
  return Math.max(0, startedAt + intervalMs + jitter - finishedAt);
}

/**
 * Runs `task` at start, then every interval (with jitter) until stopped. A run never overlaps the
 * previous one of the same schedule: the next is only planned once the current has settled.
 */
export class PollScheduler {
  readonly #task: (signal: AbortSignal) => Promise<unknown>;
  readonly #options: ScheduleOptions;
  #timer: TimerHandle | undefined;
  #running: Promise<void> | undefined;
  #abort = new AbortController();
  #stopped = false;
  #nextRunAt: number | undefined;

  constructor(task: (signal: AbortSignal) => Promise<unknown>, options: ScheduleOptions) {
    this.#task = task;
    this.#options = options;
  }

  /** When the next run is due (ms since epoch); undefined while a run is in progress or when stopped. */
  get nextRunAt(): number | undefined {
    return this.#nextRunAt;
  }

  /** Starts the first run now. */
  start(): void {
    this.#stopped = false;
    this.#abort = new AbortController();
    this.#run();
  }

  /** Cancels the next run, aborts the current one and waits for it to settle. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextRunAt = undefined;
    this.#abort.abort();
    await this.#running;
  }

  #run(): void {
    const { clock, intervalMs } = this.#options;
    const startedAt = clock.now();
    this.#nextRunAt = undefined;
    this.#running = this.#task(this.#abort.signal)
      .catch((err: unknown) => this.#report(err))
      .then(() => {
        this.#running = undefined;
        if (this.#stopped) return;
        const spread = (this.#options.random ?? Math.random)() * 2 - 1;
        const jitter = intervalMs * (this.#options.jitterRatio ?? 0.05) * spread;
        const finishedAt = clock.now();
        const normal = nextDelay(startedAt, finishedAt, intervalMs, jitter);
        const delay = this.#planned(startedAt, finishedAt, normal);
        this.#nextRunAt = finishedAt + Math.max(0, delay);
        this.#timer = clock.setTimeout(() => this.#run(), Math.max(0, delay));
      });
  }

  /** The planned delay; a plan that throws (a bug) is reported and the normal delay used, so the schedule goes on. */
  #planned(startedAt: number, finishedAt: number, normal: number): number {
    try {
      return this.#options.plan?.(startedAt, finishedAt, normal) ?? normal;
    } catch (err) {
      this.#report(err);
      return normal;
    }
  }

  /** Reports a bug; never throws, so that no rejection of this schedule's promise goes unhandled. */
  #report(err: unknown): void {
    try {
      this.#options.onError?.(err);
    } catch {
      // Nothing is left to tell: the reporter itself failed.
    }
  }
}
