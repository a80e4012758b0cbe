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
  /** Items that could not be parsed, with why; the valid ones are still returned. */
  readonly invalid: readonly { readonly index: number; readonly detail: string }[];
}
