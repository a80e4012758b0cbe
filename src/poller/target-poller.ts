import type { Clock } from '../clock.js';
import type { TargetConfig } from '../config/types.js';
import { pollErrorReason } from '../errors.js';
import type { GuidewireApi } from '../guidewire/api.js';
import type { Logger } from '../logger.js';
import type { SelfMetrics } from '../metrics/self-metrics.js';
import { causeKey, fetchTarget, type FetchProblem } from './fetch-target.js';
import { createTypeFilter, firstMatcher, type TypeFilter } from './glob.js';
import { mergeProcesses } from './merge.js';
import type { PollError, TargetSnapshot } from './snapshot.js';

export interface TargetPollerDeps {
  readonly target: TargetConfig;
  readonly api: GuidewireApi;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: SelfMetrics;
}

/**
 * Polls one target and keeps its latest snapshot. Counts every failed request in
 * `guidewire_poll_errors_total`, and logs each distinct cause once while it lasts.
 */
export class TargetPoller {
  readonly #deps: TargetPollerDeps;
  readonly #filter: TypeFilter;
  readonly #override: ReturnType<typeof firstMatcher<TargetConfig['overrides'][number]>>;
  readonly #log: Logger;
  #snapshot: TargetSnapshot;
  #activeCauses = new Set<string>();

  constructor(deps: TargetPollerDeps) {
    this.#deps = deps;
    this.#filter = createTypeFilter(deps.target.include, deps.target.exclude);
    this.#override = firstMatcher(deps.target.overrides);
    this.#log = deps.logger.child({ component: 'poller', target: deps.target.name });
    this.#snapshot = { target: deps.target.name, processes: [] };
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
    const processes = mergeProcesses(previous.processes, result, {
      now,
      maxStalenessMs: target.maxStalenessMs,
      stallAfterMs: (code) => this.#override(code)?.stallAfterMs ?? target.stallAfterMs,
    });
    const errors = this.#account(result.problems);
    const up = errors.length === 0;
    const lastSuccessAt = up ? now : previous.poll?.lastSuccessAt;
    this.#snapshot = {
      target: target.name,
      processes,
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

  /** Counts problems, logs new causes once, and returns one error per distinct cause. */
  #account(problems: readonly FetchProblem[]): PollError[] {
    const causes = new Map<string, PollError>();
    for (const problem of problems) {
      const reason = pollErrorReason(problem.error);
      this.#deps.metrics.pollError(this.#deps.target.name, reason);
      const key = causeKey(problem);
      if (causes.has(key)) continue;
      const message = problem.error instanceof Error ? problem.error.message : String(problem.error);
      causes.set(key, { reason, message });
      if (this.#activeCauses.has(key)) continue;
      if (problem.literalNotFound === true) {
        this.#log.warn(
          { batch_process: problem.code, reason },
          `batch process type "${problem.code ?? ''}" answered 404: type codes are case-sensitive (e.g. ActivityEsc), check the include list`,
        );
      } else {
        this.#log.warn({ err: problem.error, reason, batch_process: problem.code }, 'poll problem');
      }
    }
    if (causes.size === 0 && this.#activeCauses.size > 0) this.#log.info('all requests succeed again');
    this.#activeCauses = new Set(causes.keys());
    return [...causes.values()];
  }
}
