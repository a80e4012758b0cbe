import { UpstreamStatusError, pollErrorReason, InvalidResponseError, LimitExceededError } from '../errors.js';
import type { GuidewireApi } from '../guidewire/api.js';
import type { ItemIssue } from '../guidewire/item-issues.js';
import type { BatchProcess } from '../guidewire/types.js';
import { mapSettled } from './concurrency.js';
import type { TypeFilter } from './glob.js';
import type { FetchOutcome } from './merge.js';

/**
 * A failed request, or items rejected for one cause, met during a poll. `code` is the type it concerned,
 * when known.
 */
export interface FetchProblem {
  readonly error: unknown;
  readonly code?: string;
  /** A 404 for a literal type from the config: most likely a case mismatch. */
  readonly literalNotFound?: boolean;
  /** The request itself failed (the error is what it threw), rather than its answer being unusable. */
  readonly failedRequest?: true;
  /** How many rejected items (or failed requests) this problem stands for; 1 when absent. */
  readonly count?: number;
  /** A few of the rejected items, for the log and the status page. */
  readonly examples?: readonly string[];
}

/** Rejected items of a collection at `endpoint` as problems: one per cause, with its count and examples. */
export function itemProblems(issues: readonly ItemIssue[], endpoint: string, code?: string): FetchProblem[] {
  return issues.map((issue) => ({
    error: issue.limit ? new LimitExceededError(endpoint, issue.cause) : new InvalidResponseError(endpoint, issue.cause),
    ...(code === undefined ? {} : { code }),
    count: issue.count,
    examples: issue.examples,
  }));
}

export interface FetchResult extends FetchOutcome {
  readonly problems: readonly FetchProblem[];
}

export interface FetchPlan {
  readonly api: GuidewireApi;
  readonly filter: TypeFilter;
  readonly concurrency: number;
  /** Codes known before this poll: kept within max_staleness if the list call itself fails. */
  readonly known: readonly string[];
  readonly signal?: AbortSignal;
}

const isNotFound = (err: unknown): boolean => err instanceof UpstreamStatusError && err.status === 404;

/** GETs each code with bounded concurrency. 404s of listed types mean they vanished meanwhile. */
async function getEach(plan: FetchPlan, codes: readonly string[], literal: boolean): Promise<FetchResult> {
  const settled = await mapSettled(codes, plan.concurrency, (code) => plan.api.getBatchProcess(code, plan.signal));
  const fresh: BatchProcess[] = [];
  const retain: string[] = [];
  const problems: FetchProblem[] = [];
  settled.forEach((result, index) => {
    const code = codes[index] as string;
    if (result.status === 'fulfilled') {
      if (result.value.status === undefined) {
        retain.push(code);
        problems.push({ code, error: new InvalidResponseError(`batch-processes/${code}`, 'no status in the response') });
      } else fresh.push(result.value);
    } else if (isNotFound(result.reason)) {
      if (literal) problems.push({ code, error: result.reason, literalNotFound: true, failedRequest: true });
    } else {
      retain.push(code);
      problems.push({ code, error: result.reason, failedRequest: true });
    }
  });
  return { fresh, retain, problems };
}

/**
 * Reads every matching batch process of a target. Literal-only includes skip the list call; list items
 * that carry `status` are used as they are, and only the others are fetched one by one.
 */
export async function fetchTarget(plan: FetchPlan): Promise<FetchResult> {
  if (plan.filter.literalOnly) return getEach(plan, plan.filter.literals, true);
  let list;
  try {
    list = await plan.api.listBatchProcesses(plan.signal);
  } catch (error) {
    return { fresh: [], retain: plan.known, problems: [{ error, failedRequest: true }] };
  }
  const matched = list.items.filter((item) => plan.filter.matches(item.code));
  const withStatus = matched.filter((item) => item.status !== undefined);
  const without = matched.filter((item) => item.status === undefined).map((item) => item.code);
  const fetched = await getEach(plan, without, false);
  const invalid = itemProblems(list.invalid, 'batch-processes');
  return {
    fresh: [...withStatus, ...fetched.fresh],
    retain: fetched.retain,
    problems: [...invalid, ...fetched.problems],
  };
}

/** Stable key of a problem's cause, so each cause is logged once while it lasts. */
export function causeKey(problem: FetchProblem): string {
  const err = problem.error;
  const message = err instanceof Error ? err.message : String(err);
  return `${pollErrorReason(err)}|${problem.code ?? ''}|${message}`;
}
