import type { TargetConfig } from '../config/types.js';
import { UpstreamStatusError } from '../errors.js';
import type { GuidewireApi } from '../guidewire/api.js';
import { type ConsistencyCheckRun, latestFinishedCheck } from '../guidewire/consistency-checks.js';
import { consistencyChecksPath, apiRoot } from '../guidewire/paths.js';
import type { Logger } from '../logger.js';
import type { ConsistencyCheckView, ProcessView } from '../model/snapshot.js';
import { itemProblems, type FetchProblem } from './fetch-target.js';
import { DeferredRequestError } from './retry-gate.js';

/** The batch process whose runs start consistency checks (its code is case-sensitive). */
export const consistencyCheckProcess = 'DBConsistencyCheck';

/** After a failed read, the next try waits this long (unless the process completes again first). */
export const consistencyCheckRetryMs = 10 * 60_000;

/**
 * The `dateCompleted` of the `DBConsistencyCheck` process's latest run when it has finished (completed or
 * failed), else undefined (running, never run, not polled). Pure.
 */
export function consistencyCheckCompletion(processes: readonly ProcessView[]): number | undefined {
  const view = processes.find((candidate) => candidate.process.code === consistencyCheckProcess);
  return view?.process.status?.dateCompleted;
}

/** The view of a finished run as read at `checkedAt`. Pure. */
export function consistencyCheckView(run: ConsistencyCheckRun & { readonly endTime: number }, checkedAt: number): ConsistencyCheckView {
  const durationSeconds = run.durationSeconds ?? (run.startTime === undefined ? undefined : Math.max(0, run.endTime - run.startTime) / 1000);
  return {
    id: run.id,
    endTime: run.endTime,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    ...(run.errors === undefined ? {} : { errors: run.errors }),
    ...(run.totalChecks === undefined ? {} : { totalChecks: run.totalChecks }),
    checkedAt,
  };
}

/**
 * Reads `/database-consistency-checks` of one target at its first poll and whenever the `DBConsistencyCheck`
 * process's latest run completes (a new `dateCompleted`), never on other polls. A failed read is tried again
 * after `consistencyCheckRetryMs` (or at the next completion), keeping the previous reading meanwhile; one
 * held back by Retry-After at the next poll. A 404 (a release without the endpoint, or a role without access
 * to it) turns it off quietly until `reset()` (a configuration reload).
 */
export class ConsistencyCheckReader {
  readonly #target: TargetConfig;
  readonly #log: Logger;
  readonly #retryMs: number;
  readonly #endpoint: string;
  /** A read is owed: at start, after a reload, after a completion. */
  #pending = true;
  #retryAt: number | undefined;
  #seenCompletion: number | undefined;
  #disabled = false;
  #current: ConsistencyCheckView | undefined;

  constructor(target: TargetConfig, log: Logger, retryMs: number = consistencyCheckRetryMs) {
    this.#target = target;
    this.#log = log;
    this.#retryMs = retryMs;
    this.#endpoint = consistencyChecksPath(apiRoot(target.baseUrl));
  }

  /** The latest finished run read; undefined until one was. */
  get current(): ConsistencyCheckView | undefined {
    return this.#current;
  }

  /** Takes note of a status poll's processes: a new completion of `DBConsistencyCheck` makes a read due. */
  observe(processes: readonly ProcessView[]): void {
    const completion = consistencyCheckCompletion(processes);
    if (completion === undefined || completion === this.#seenCompletion) return;
    this.#seenCompletion = completion;
    this.#pending = true;
    this.#retryAt = undefined;
  }

  /** True when a read is due at `now` (exporter clock). */
  due(now: number): boolean {
    return !this.#disabled && this.#pending && (this.#retryAt === undefined || now >= this.#retryAt);
  }

  /** After a configuration reload: read again, even after a 404 (the release or the role may have changed). */
  reset(): void {
    this.#disabled = false;
    this.#pending = true;
    this.#retryAt = undefined;
  }

  /**
   * Reads the runs when due; returns the problems met (a 404 is none; rejected items are), or undefined when
   * no read was due (so that the caller's problem log does not take "not asked" for "succeeded"). Never throws.
   */
  async poll(api: GuidewireApi, now: () => number, signal?: AbortSignal): Promise<FetchProblem[] | undefined> {
    if (!this.due(now())) return undefined;
    try {
      const list = await api.listConsistencyChecks(signal);
      this.#pending = false;
      this.#retryAt = undefined;
      const latest = latestFinishedCheck(list.items);
      // None finished (an empty list, a first check still running): nothing to show, the last reading stands.
      if (latest !== undefined) this.#current = consistencyCheckView(latest, now());
      return itemProblems(list.invalid, this.#endpoint);
    } catch (error) {
      if (signal?.aborted === true) return undefined;
      // Held back by Retry-After, never sent: still pending, tried at the next poll.
      if (error instanceof DeferredRequestError) return undefined;
      if (error instanceof UpstreamStatusError && error.status === 404) {
        this.#disabled = true;
        this.#current = undefined;
        this.#log.debug(
          { target: this.#target.name },
          '/database-consistency-checks answered 404 (a release or API role without it): no consistency-check metrics until the configuration is reloaded',
        );
        return [];
      }
      this.#retryAt = now() + this.#retryMs;
      return [{ error, failedRequest: true }];
    }
  }
}
