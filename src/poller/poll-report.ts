import type { PollErrorReason } from '../errors.js';

/**
 * What a target's pipeline tells the outside world as it polls: the port through which the poller
 * reports, so that it needs no metrics registry. The app passes its `SelfMetrics`, which counts both
 * in `guidewire_poll_errors_total` and `guidewire_api_requests_total`; the probe passes `silentPollReport`.
 */
export interface PollReport {
  /** `count` errors of one cause met by a poll of `target`: failed requests, or items rejected for it. */
  pollError(target: string, reason: PollErrorReason, count: number): void;
  /** A request of `target` to the Guidewire API that got a response (`status`), and how long it took. */
  apiRequest(target: string, status: number, durationSeconds: number): void;
  /** The schedule evaluation of one process of `target` threw (a bug, or an input it did not expect). */
  scheduleError(target: string): void;
}

/** A report that tells no one: for a poll whose errors are read from its result (the probe, tests). */
export function silentPollReport(): PollReport {
  return { pollError: () => undefined, apiRequest: () => undefined, scheduleError: () => undefined };
}
