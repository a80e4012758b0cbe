import type { ItemIssue } from './item-issues.js';

/**
 * Guidewire System Tools API data, as parsed from JSON at the boundary (`parse.ts`).
 * Timestamps are milliseconds since the Unix epoch; absent fields stay absent (never 0).
 * See ../shared/guidewire-api.md for what each field means.
 */

/** `status` of a BatchProcess (ProcessStatus). Any of the three documented shapes, or a just-started run. */
export interface ProcessStatus {
  readonly dateCreated?: number;
  readonly startDate?: number;
  readonly dateCompleted?: number;
  readonly opsCompleted?: number;
  readonly opsExpected?: number;
  readonly failedOps?: number;
  /** Free text such as `"1 out of 3"`; parsed by `progress.ts` when it has that form. */
  readonly progress?: string;
  readonly failureReason?: string;
}

/** The fields of `workQueueStatus` the exporter understands; unknown shapes parse to `{}`. */
export interface WorkQueueStatus {
  readonly activeExecutors?: number;
  readonly activeWorkItems?: number;
  /** Length of `executors[]`, when Guidewire lists them. */
  readonly executors?: number;
  /** Executors whose `running` flag is true. */
  readonly runningExecutors?: number;
  /** Task counters summed over every executor; each present only when some executor reports it. */
  readonly itemsProcessed?: number;
  readonly itemsFailed?: number;
  readonly itemsSkipped?: number;
  readonly itemsCheckedOut?: number;
}

export interface BatchProcess {
  /** The case-sensitive type code, e.g. `ActivityEsc`. */
  readonly code: string;
  /** Display name, e.g. `Activity Escalation`; the code when Guidewire gives no name. */
  readonly name: string;
  readonly distributed: boolean;
  /** Always present from the single-type GET; may be absent from list items. */
  readonly status?: ProcessStatus;
  readonly workQueue?: WorkQueueStatus;
}

/** The list endpoint's items after following every `links.next`. */
export interface BatchProcessList {
  readonly items: readonly BatchProcess[];
  /** Items rejected (did not parse, or exceeded a limit), per cause; the others are still returned. */
  readonly invalid: readonly ItemIssue[];
}

/** One run from `GET /batch-processes/{type}/histories` (ProcessHistory). */
export interface ProcessHistory {
  /** Opaque, e.g. `ab:Swdab0ToBSDtgSnHcTZZW`. */
  readonly id: string;
  readonly dateCreated?: number;
  readonly startDate?: number;
  readonly dateCompleted?: number;
  readonly opsCompleted?: number;
  readonly failedOps?: number;
  readonly ranToCompletion?: boolean;
  readonly internalFailure?: boolean;
  /** Started by the scheduler (true) or on demand (false). */
  readonly scheduled?: boolean;
  /**
   * The process's type code. A plain string in history items (`"ActivityEsc"`), unlike the `{code, name}`
   * of a batch process; an object is tolerated (its `code` is taken).
   */
  readonly type?: string;
}

/** One page of a run history collection. */
export interface ProcessHistoryPage {
  /** Items in the order Guidewire sent them (the docs leave the order open). */
  readonly items: readonly ProcessHistory[];
  /** Items rejected, per cause. */
  readonly invalid: readonly ItemIssue[];
  /** `total`, when asked for with `includeTotal=true` and given. */
  readonly total?: number;
  /** The request path of the next page, already resolved against the target's base path. */
  readonly nextPath?: string;
}

/** Which page of a history collection to read: by offset (from the start) or by a `links.next` path. */
export interface HistoryPageRequest {
  readonly offset?: number;
  readonly includeTotal?: boolean;
  /** A path from a previous page's `nextPath`; wins over `offset`. */
  readonly path?: string;
}
