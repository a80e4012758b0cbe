import type { ProcessState } from '../model/process-state.js';
import type { MaintenanceView, ScheduleSource } from '../schedule/types.js';

/**
 * What the status page and `/api/v1/status` show: plain data built by `buildStatusView` from the
 * snapshots, each target's runtime facts and the clock. Times are ms since the Unix epoch.
 */

/** Why a process needs attention; each flag has a runbook section (see `flagInfo`). */
export const FailingFlags = ['failed_ops', 'last_run_failed', 'stalled', 'overdue', 'late', 'deadline_missed', 'deadline_at_risk', 'running_too_long', 'longer_than_usual'] as const;
export type FailingFlag = (typeof FailingFlags)[number];

/**
 * Worth showing but not failing: the process never ran, its values are last-known after failed reads, or
 * it is late against a cadence the exporter only learned from its history (a guess: the alert is `info`).
 */
export const NoticeFlags = ['late_learned', 'never_run', 'stale'] as const;
export type NoticeFlag = (typeof NoticeFlags)[number];

export type ProcessFlag = FailingFlag | NoticeFlag;

/** The state label of `guidewire_batch_process_state`, or `unknown` when Guidewire gave no status. */
type ProcessStateView = ProcessState | 'unknown';

export interface ProcessRow {
  readonly code: string;
  readonly name: string;
  readonly distributed: boolean;
  readonly state: ProcessStateView;
  readonly opsCompleted?: number;
  readonly opsFailed?: number;
  readonly opsExpected?: number;
  /** Parsed from Guidewire's `"N out of M"`; `ratio` only when M > 0, as in `progress_ratio`. */
  readonly progress?: { readonly done: number; readonly total: number; readonly ratio?: number };
  readonly lastStartAt?: number;
  readonly lastCompletionAt?: number;
  /** Completion minus start of the latest finished run, as `last_duration_seconds`. */
  readonly lastDurationSeconds?: number;
  /** From the run history, when it has been read. */
  readonly lastSuccessAt?: number;
  readonly lastFailureAt?: number;
  /** When the exporter last saw a running process move. */
  readonly lastProgressAt?: number;
  /** When these values were read from Guidewire. */
  readonly observedAt: number;
  readonly failureReason?: string;
  readonly thresholds: { readonly stallAfterSeconds: number; readonly expectEverySeconds?: number; readonly maxDurationSeconds?: number };
  /** The evaluated schedule (see docs/schedules.md); absent for a process with none. Times on Guidewire's clock. */
  readonly schedule?: ScheduleRow;
  /** Failing flags first, in `FailingFlags` order, then notices. */
  readonly flags: readonly ProcessFlag[];
  /** True when some failing flag is set. */
  readonly failing: boolean;
  /** False when the request's filter hides it (the HTML keeps hidden rows so scripts can show them again). */
  readonly visible: boolean;
  /** The HTML id of its row, unique within the page (`<target anchor>--<code>`, numbered when taken). */
  readonly anchor: string;
}

/** A process's schedule as the page and the JSON show it. */
export interface ScheduleRow {
  readonly source: ScheduleSource;
  /** The Quartz expressions joined with ` | `, or `@every 30m` for a learned cadence. */
  readonly label: string;
  readonly timezone: string;
  readonly graceSeconds: number;
  readonly nextAt?: number;
  readonly previousAt?: number;
  readonly late: boolean;
  readonly missedTotal: number;
  readonly skippedTotal: number;
  readonly deadline?: { readonly label: string; readonly at: number; readonly missed: boolean; readonly forecastAt?: number; readonly atRisk: boolean };
}

export type TargetHealth = 'up' | 'down' | 'pending';

export interface TargetRow {
  readonly name: string;
  /** A unique HTML id for the target's section. */
  readonly anchor: string;
  readonly health: TargetHealth;
  readonly pollIntervalSeconds: number;
  /** Absent until the first poll has finished. */
  readonly lastPoll?: {
    readonly startedAt: number;
    readonly durationSeconds: number;
    readonly lastSuccessAt?: number;
    /** API requests of the status poll and of the history reads after it. */
    readonly requests?: { readonly status: number; readonly history: number };
    /** One entry per cause: failed requests or rejected items it stands for, and up to three examples. */
    readonly errors: readonly { readonly reason: string; readonly message: string; readonly count: number; readonly examples: readonly string[] }[];
  };
  readonly nextPollAt?: number;
  /**
   * Now on Guidewire's clock (the view's `now` plus the server time offset): what the process times of
   * this target (starts, completions, fire times) are judged and shown against.
   */
  readonly serverNow: number;
  /** What `/system-time` told; absent until it answered (or for good after a 404). */
  readonly serverTime?: { readonly offsetSeconds: number; readonly zone?: string };
  /** Whether a `maintenance:` window is open (nothing is late or missed in one); absent without windows. */
  readonly maintenance?: MaintenanceView;
  /** The zone the batch window's hours are labelled in: the server's zone, else UTC. */
  readonly zone: string;
  /** Every process, sorted as the request asks; `visible` says which pass its filter. */
  readonly processes: readonly ProcessRow[];
  readonly failingCount: number;
}

export const StateFilters = ['all', 'failing', 'running', 'completed', 'failed', 'never_run'] as const;
export type StateFilter = (typeof StateFilters)[number];

export const SortKeys = [
  'default', 'code', 'state', 'ops_completed', 'ops_failed', 'progress', 'last_start', 'last_completion', 'duration', 'last_success', 'next_run', 'late',
] as const;
export type SortKey = (typeof SortKeys)[number];

/** Filter and order of the process tables, from the query string (`?state=&q=&sort=&dir=`). */
export interface StatusQuery {
  readonly state: StateFilter;
  /** Case-insensitive substring of the code or the name; empty matches all. */
  readonly q: string;
  readonly sort: SortKey;
  readonly dir: 'asc' | 'desc';
  /** Seconds between automatic refreshes of the page; 0 turns them off. */
  readonly refresh: number;
}

export interface StatusView {
  readonly version: string;
  readonly now: number;
  readonly startedAt: number;
  readonly query: StatusQuery;
  readonly targets: readonly TargetRow[];
  readonly summary: {
    readonly targets: number;
    readonly up: number;
    readonly down: number;
    readonly pending: number;
    readonly processes: number;
    readonly failing: number;
  };
}
