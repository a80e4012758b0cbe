import type { SchemaSource } from '../guidewire/api-schema.js';
import type { PollErrorReason } from '../errors.js';
import type { BatchProcess } from '../guidewire/types.js';
import type { BaselineSettings } from '../history/baseline.js';
import type { HistoryStats } from '../history/stats.js';
import type { MaintenanceView, ScheduleView } from '../schedule/types.js';

/** What the exporter tracks about a running process's movement between polls (see `stall.ts`). */
export interface ProgressTrack {
  /** Identifies the run (its start), so a new run resets the clock. */
  readonly runKey: string;
  /** Ops counts and progress text; a change means the run moved. */
  readonly fingerprint: string;
  /** When the exporter last saw the run move (ms since epoch). */
  readonly lastChangeAt: number;
  readonly stalled: boolean;
}

/** A process's configured thresholds (after overrides), exposed as gauges for generic alert rules. */
export interface ProcessThresholds {
  readonly stallAfterMs: number;
  readonly expectEveryMs?: number;
  readonly maxDurationMs?: number;
  /** How the baseline is drawn (`baseline_runs`, `baseline_min_runs`); absent: opted out (`baseline: false`). */
  readonly baseline?: BaselineSettings;
  /** k of the baseline alerts (`duration_factor`); absent: the default. */
  readonly durationFactor?: number;
  /** Consecutive failed runs before the Failed alert fires (`failure_threshold`); absent: the default (1). */
  readonly failureThreshold?: number;
  /** Ownership labels (`labels:`) added to `guidewire_batch_process_info`; validated by the config loader. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The last known state of one batch process of a target. */
export interface ProcessView {
  readonly process: BatchProcess;
  readonly thresholds: ProcessThresholds;
  /** When this state was read from Guidewire (ms since epoch). */
  readonly observedAt: number;
  /** Present only while the process is running. */
  readonly progress?: ProgressTrack;
  /** The evaluated schedule; absent for a process with no configured, imported or learned schedule. */
  readonly schedule?: ScheduleView;
}

/** What `/system-time` last told of the server's clock (see `guidewire/system-time.ts`). */
export interface ServerTime {
  /** Server clock minus exporter clock at the request's midpoint (ms). */
  readonly offsetMs: number;
  /** `zoneId`, e.g. `America/Chicago`; absent when not reported or not a zone this runtime knows. */
  readonly zoneId?: string;
  /** `zoneOffset` as reported, e.g. `-06:00`. */
  readonly zoneOffset?: string;
  /** When it was read (exporter clock, ms). */
  readonly checkedAt: number;
}

/** The latest finished database consistency-check run (see `guidewire/consistency-checks.ts`). */
export interface ConsistencyCheckView {
  /** Its `id`, e.g. `cc:303`. */
  readonly id: string;
  /** `endTime`, ms since the epoch (Guidewire's clock). */
  readonly endTime: number;
  /** `duration`, or `endTime - startTime` when Guidewire gives no duration; absent when neither is known. */
  readonly durationSeconds?: number;
  /** Checks that found errors; absent when Guidewire does not say. */
  readonly errors?: number;
  readonly totalChecks?: number;
  /** When it was read (exporter clock, ms). */
  readonly checkedAt: number;
}

/** One cause of errors in a poll: every failed request or rejected item it stands for, and a few examples. */
export interface PollError {
  readonly reason: PollErrorReason;
  readonly message: string;
  /** Failed requests or rejected items with this cause in the poll (at least 1). */
  readonly count: number;
  /** Up to three of the rejected items (empty for failed requests). */
  readonly examples: readonly string[];
  /**
   * The first error of this cause as the poller met it (one of the exporter's error family, say an
   * `UpstreamStatusError` with its status and cause chain), so a diagnosis can read it (the probe does).
   * Never rendered: pages and metrics show `reason` and `message`. Absent for causes found after the fact.
   */
  readonly error?: unknown;
  /** True when the cause is a request that failed; absent when it is an answer the poller could not (fully) use. */
  readonly failedRequest?: true;
  /** The type code of a 404 for a type named in `batch_processes.include` (most likely in the wrong case). */
  readonly literalType?: string;
}

/** The outcome of a target's latest poll. */
export interface PollResult {
  /** True when every request of the poll succeeded. */
  readonly up: boolean;
  readonly startedAt: number;
  readonly durationSeconds: number;
  /** End of the last poll in which every request succeeded (ms since epoch). */
  readonly lastSuccessAt?: number;
  /** The errors of this poll, one per distinct cause. */
  readonly errors: readonly PollError[];
}

/**
 * One target's state as scrapes see it: immutable, replaced whole after each poll so that
 * every scrape reads one consistent snapshot.
 */
export interface TargetSnapshot {
  readonly target: string;
  /** The configured poll interval (exposed for the stale-data alert). */
  readonly pollIntervalSeconds: number;
  /** Sorted by type code. */
  readonly processes: readonly ProcessView[];
  /** Absent until the first poll has finished. */
  readonly poll?: PollResult;
  /** Run-history stats by type code, for processes whose history has been read. */
  readonly history?: ReadonlyMap<string, HistoryStats>;
  /** Absent until `/system-time` has answered (and for good after a 404). */
  readonly serverTime?: ServerTime;
  /**
   * The latest finished consistency-check run; absent until `/database-consistency-checks` has answered with
   * one (and for good after a 404, until a reload).
   */
  readonly dbcc?: ConsistencyCheckView;
  /** Absent when the target has no maintenance windows. */
  readonly maintenance?: MaintenanceView;
  /** Where the target's API was learned from (`none`: no usable definition); absent until it was read. */
  readonly apiSchema?: SchemaSource;
}
