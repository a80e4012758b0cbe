import type { TargetConfig } from '../config/types.js';
import { defaults } from '../config/types.js';
import { UpstreamStatusError } from '../errors.js';
import type { GuidewireApi } from '../guidewire/api.js';
import type { SystemTimeReading } from '../guidewire/system-time.js';
import type { Logger } from '../logger.js';
import type { ServerTime } from '../model/snapshot.js';
import type { FetchProblem } from './fetch-target.js';
import { DeferredRequestError } from './retry-gate.js';

/** The server time a reading gives: server clock minus the exporter's clock at the request's midpoint. Pure. */
export function serverTimeOf(reading: SystemTimeReading): ServerTime {
  const midpoint = reading.requestedAt + (reading.answeredAt - reading.requestedAt) / 2;
  return {
    offsetMs: reading.dateTime - midpoint,
    ...(reading.zoneId === undefined ? {} : { zoneId: reading.zoneId }),
    ...(reading.zoneOffset === undefined ? {} : { zoneOffset: reading.zoneOffset }),
    checkedAt: reading.answeredAt,
  };
}

/**
 * Reads `/system-time` of one target at its first poll and then every `defaults.serverTimeIntervalMs`,
 * never more often (a failed read waits the interval too: the previous reading is kept meanwhile). A 404
 * (a release without the endpoint) turns it off quietly until `reset()` (a configuration reload).
 */
export class ServerTimeReader {
  readonly #target: TargetConfig;
  readonly #log: Logger;
  readonly #intervalMs: number;
  #lastAttemptAt: number | undefined;
  #disabled = false;
  #current: ServerTime | undefined;

  constructor(target: TargetConfig, log: Logger, intervalMs: number = defaults.serverTimeIntervalMs) {
    this.#target = target;
    this.#log = log;
    this.#intervalMs = intervalMs;
  }

  /** The latest reading; undefined until one succeeded. */
  get current(): ServerTime | undefined {
    return this.#current;
  }

  /** True when a read is due at `now` (exporter clock). */
  due(now: number): boolean {
    return !this.#disabled && (this.#lastAttemptAt === undefined || now - this.#lastAttemptAt >= this.#intervalMs);
  }

  /** After a configuration reload: a release upgraded meanwhile may have gained the endpoint. */
  reset(): void {
    this.#disabled = false;
    this.#lastAttemptAt = undefined;
  }

  /**
   * Reads the server time when due; returns the problems met (a 404 is none), or undefined when no read
   * was due (so that the caller's problem log does not take "not asked" for "succeeded"). Never throws.
   */
  async poll(api: GuidewireApi, now: () => number, signal?: AbortSignal): Promise<FetchProblem[] | undefined> {
    if (!this.due(now())) return undefined;
    const attemptAt = now();
    try {
      this.#current = serverTimeOf(await api.getSystemTime(signal));
      this.#lastAttemptAt = attemptAt;
      return [];
    } catch (error) {
      if (signal?.aborted === true) return undefined;
      // Held back by Retry-After, never sent: try again at the next poll rather than in ten minutes.
      if (error instanceof DeferredRequestError) return undefined;
      this.#lastAttemptAt = attemptAt;
      if (error instanceof UpstreamStatusError && error.status === 404) {
        this.#disabled = true;
        this.#current = undefined;
        this.#log.debug({ target: this.#target.name }, '/system-time answered 404 (an older release): no server time offset or zone until the configuration is reloaded');
        return [];
      }
      return [{ error, failedRequest: true }];
    }
  }
}
