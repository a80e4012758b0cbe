import { pollErrorReason } from '../errors.js';
import { maxExamples } from '../guidewire/item-issues.js';
import type { Logger } from '../logger.js';
import { causeKey, type FetchProblem } from './fetch-target.js';
import type { PollReport } from './poll-report.js';
import { DeferredRequestError } from './retry-gate.js';
import type { PollError } from '../model/snapshot.js';

/**
 * Reports every problem of a poll (counted in `guidewire_poll_errors_total`; a problem standing for N
 * rejected items counts N) and logs each distinct cause once while it lasts, with its count and a few examples:
 * a cause is logged again only after a poll without it.
 */
export class ProblemLog {
  readonly #target: string;
  readonly #report: PollReport;
  readonly #log: Logger;
  #active = new Set<string>();

  constructor(target: string, report: PollReport, log: Logger) {
    this.#target = target;
    this.#report = report;
    this.#log = log;
  }

  /** Accounts for one poll's problems; returns one error per distinct cause. */
  account(problems: readonly FetchProblem[], what: string): PollError[] {
    const causes = new Map<string, { problem: FetchProblem; error: PollError }>();
    for (const problem of problems) {
      // A request held back by Retry-After was never sent: not an error of its own.
      if (problem.error instanceof DeferredRequestError) continue;
      const reason = pollErrorReason(problem.error);
      const count = problem.count ?? 1;
      this.#report.pollError(this.#target, reason, count);
      const key = causeKey(problem);
      const seen = causes.get(key);
      if (seen !== undefined) {
        const examples = [...seen.error.examples, ...(problem.examples ?? [])].slice(0, maxExamples);
        causes.set(key, { problem: seen.problem, error: { ...seen.error, count: seen.error.count + count, examples } });
        continue;
      }
      const message = problem.error instanceof Error ? problem.error.message : String(problem.error);
      const error: PollError = {
        reason,
        message,
        count,
        examples: (problem.examples ?? []).slice(0, maxExamples),
        error: problem.error,
        ...(problem.failedRequest === true ? { failedRequest: true } : {}),
        ...(problem.literalNotFound === true && problem.code !== undefined ? { literalType: problem.code } : {}),
      };
      causes.set(key, { problem, error });
    }
    // Logged after the poll's problems are summed up: one line per cause, however many items it rejected.
    for (const [key, { problem, error }] of causes) {
      if (this.#active.has(key)) continue;
      if (problem.literalNotFound === true) {
        this.#log.warn(
          { batch_process: problem.code, reason: error.reason },
          `batch process type "${problem.code ?? ''}" answered 404: type codes are case-sensitive (e.g. ActivityEsc), check the include list`,
        );
      } else if (problem.count !== undefined) {
        this.#log.warn(
          { err: problem.error, reason: error.reason, batch_process: problem.code, count: error.count, examples: error.examples },
          `${what} problem: ${error.count === 1 ? '1 item' : `${error.count} items`} rejected`,
        );
      } else {
        this.#log.warn({ err: problem.error, reason: error.reason, batch_process: problem.code }, `${what} problem`);
      }
    }
    if (causes.size === 0 && this.#active.size > 0) this.#log.info(`${what}: all requests succeed again`);
    this.#active = new Set(causes.keys());
    return [...causes.values()].map(({ error }) => error);
  }
}
