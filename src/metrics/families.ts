import type { MetricType } from './exposition.js';

export interface FamilyDefinition {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
}

const fromPoll = 'Value from the last successful read; kept for at most max_staleness while reads fail.';
const onServerClock = 'Compare with time() + guidewire_server_time_offset_seconds.';

/** Every `guidewire_*` family derived from polled snapshots, in exposition order. */
export const snapshotFamilies = {
  info: {
    name: 'guidewire_batch_process_info',
    help: `Constant 1 per batch process, labelled with its display name, whether it is distributed (work-queue based) and the ownership labels of its override (labels:). ${fromPoll}`,
    type: 'gauge',
  },
  state: {
    name: 'guidewire_batch_process_state',
    help: `State of the latest run: exactly one of never_run, running, completed, failed (completed with a failureReason) is 1. ${fromPoll}`,
    type: 'gauge',
  },
  opsCompleted: {
    name: 'guidewire_batch_process_ops_completed',
    help: `opsCompleted of the latest run. ${fromPoll}`,
    type: 'gauge',
  },
  opsFailed: {
    name: 'guidewire_batch_process_ops_failed',
    help: `failedOps of the latest run: exceptions met while processing work items, retries included; not the number of failed items. ${fromPoll}`,
    type: 'gauge',
  },
  opsExpected: {
    name: 'guidewire_batch_process_ops_expected',
    help: `opsExpected of the running run; absent when Guidewire does not report it. ${fromPoll}`,
    type: 'gauge',
  },
  progress: {
    name: 'guidewire_batch_process_progress_ratio',
    help: `Progress of the running run ("N out of M" as N/M); absent when Guidewire gives no parseable progress. ${fromPoll}`,
    type: 'gauge',
  },
  lastStart: {
    name: 'guidewire_batch_process_last_start_timestamp_seconds',
    help: `startDate of the latest run as Unix time; absent when unknown. ${fromPoll}`,
    type: 'gauge',
  },
  lastCompletion: {
    name: 'guidewire_batch_process_last_completion_timestamp_seconds',
    help: `dateCompleted of the latest run as Unix time; absent while running or never run. ${fromPoll}`,
    type: 'gauge',
  },
  lastDuration: {
    name: 'guidewire_batch_process_last_duration_seconds',
    help: `dateCompleted minus startDate of the latest completed run. ${fromPoll}`,
    type: 'gauge',
  },
  stalled: {
    name: 'guidewire_batch_process_stalled',
    help: '1 while the process runs with no change in ops counts or progress for its stall_after; 0 otherwise. Judged over the exporter\'s polls.',
    type: 'gauge',
  },
  lastProgress: {
    name: 'guidewire_batch_process_last_progress_timestamp_seconds',
    help: 'When the exporter last saw the running process move (first sight of a run counts as movement); absent when not running.',
    type: 'gauge',
  },
  runs: {
    name: 'guidewire_batch_process_runs_total',
    help: 'Runs that finished since the exporter started, by outcome (succeeded, failed_ops, internal_failure, incomplete) and trigger (scheduled, manual), read from the run history.',
    type: 'counter',
  },
  runDuration: {
    name: 'guidewire_batch_process_run_duration_seconds',
    help: 'Start-to-completion duration of runs that finished since the exporter started, read from the run history.',
    type: 'histogram',
  },
  lastSuccess: {
    name: 'guidewire_batch_process_last_success_timestamp_seconds',
    help: 'Completion time of the latest succeeded run as Unix time, history before the exporter started included.',
    type: 'gauge',
  },
  lastFailure: {
    name: 'guidewire_batch_process_last_failure_timestamp_seconds',
    help: 'Completion time of the latest run that did not succeed (failed_ops, internal_failure, incomplete) as Unix time.',
    type: 'gauge',
  },
  baselineDuration: {
    name: 'guidewire_batch_process_run_duration_baseline_seconds',
    help: 'Duration of the process\'s last baseline_runs completed runs (succeeded or failed_ops) from the run history: median (quantile="0.5") and p90 (quantile="0.9"), nearest rank. Absent below baseline_min_runs runs or with baseline: false.',
    type: 'gauge',
  },
  baselineOps: {
    name: 'guidewire_batch_process_ops_baseline',
    help: 'Median opsCompleted of the runs of the duration baseline; absent when fewer than baseline_min_runs of them report it.',
    type: 'gauge',
  },
  baselineRuns: {
    name: 'guidewire_batch_process_baseline_runs',
    help: 'How many completed runs the baseline is drawn from (baseline_min_runs to baseline_runs); absent without a baseline.',
    type: 'gauge',
  },
  baselineFactor: {
    name: 'guidewire_batch_process_baseline_duration_factor',
    help: 'The configured duration_factor k: a run is longer than usual above k times the p90 (GuidewireBatchProcessRunningLongerThanUsual). Absent with baseline: false.',
    type: 'gauge',
  },
  consecutiveFailures: {
    name: 'guidewire_batch_process_consecutive_failures',
    help: 'Latest finished runs in the run history that failed (internal failure, or did not run to completion), in a row; 0 after a run that completed (succeeded or with failed ops); runs still going are skipped; at most the runs kept (limits.max_kept_runs).',
    type: 'gauge',
  },
  failureThreshold: {
    name: 'guidewire_batch_process_failure_threshold',
    help: 'The configured failure_threshold: GuidewireBatchProcessFailed fires once consecutive_failures reaches it (default 1).',
    type: 'gauge',
  },
  stallAfter: {
    name: 'guidewire_batch_process_stall_after_seconds',
    help: 'The configured stall_after of the process: a run without progress this long counts as stalled.',
    type: 'gauge',
  },
  expectedInterval: {
    name: 'guidewire_batch_process_expected_interval_seconds',
    help: 'The configured expect_every of the process: a successful run is expected at least this often. Absent when not configured.',
    type: 'gauge',
  },
  maxDuration: {
    name: 'guidewire_batch_process_max_duration_seconds',
    help: 'The configured max_duration of the process: a run should not take longer. Absent when not configured.',
    type: 'gauge',
  },
  startDelay: {
    name: 'guidewire_batch_process_start_delay_seconds',
    help: `startDate minus dateCreated of the latest run: how long its start waited (queued behind other work). ${fromPoll}`,
    type: 'gauge',
  },
  scheduleInfo: {
    name: 'guidewire_batch_process_schedule_info',
    help: 'Constant 1 per process with a schedule: the Quartz expressions joined with " | " (or "@every 30m" for a learned cadence), their time zone, and where it comes from (config, scheduler_config, learned).',
    type: 'gauge',
  },
  nextRun: {
    name: 'guidewire_batch_process_next_scheduled_run_timestamp_seconds',
    help: `The next fire time of the process's schedule as Unix time, on Guidewire's clock; absent when there is none. ${onServerClock}`,
    type: 'gauge',
  },
  previousRun: {
    name: 'guidewire_batch_process_previous_scheduled_run_timestamp_seconds',
    help: `The latest fire time at or before the last poll as Unix time, on Guidewire's clock. ${onServerClock}`,
    type: 'gauge',
  },
  scheduleGrace: {
    name: 'guidewire_batch_process_schedule_grace_seconds',
    help: 'How late a scheduled start may be before the fire time counts as late and, once the next fire time comes without a start, missed (grace).',
    type: 'gauge',
  },
  late: {
    name: 'guidewire_batch_process_late',
    help: '1 while the latest fire time is past its grace with no run started (and none still running), outside maintenance windows; 0 otherwise.',
    type: 'gauge',
  },
  missedRuns: {
    name: 'guidewire_batch_process_missed_runs_total',
    help: 'Fire times that passed their grace with no run started, since the exporter started (each counted once; none before the exporter started or inside a maintenance window).',
    type: 'counter',
  },
  skippedRuns: {
    name: 'guidewire_batch_process_skipped_runs_total',
    help: 'Fire times that came while the previous run was still running (Guidewire skips them), since the exporter started; not counted as missed.',
    type: 'counter',
  },
  deadline: {
    name: 'guidewire_batch_process_deadline_timestamp_seconds',
    help: `The complete_by deadline of the current cycle as Unix time, on Guidewire's clock (the passed one while it is missed). ${onServerClock}`,
    type: 'gauge',
  },
  deadlineMissed: {
    name: 'guidewire_batch_process_deadline_missed',
    help: '1 while the deadline of the current cycle has passed without a run of the cycle completing; 0 otherwise.',
    type: 'gauge',
  },
  completionForecast: {
    name: 'guidewire_batch_process_completion_forecast_timestamp_seconds',
    help: `When the current (or next) run is expected to complete as Unix time, from its progress rate or the median duration of past runs; absent without either. ${onServerClock}`,
    type: 'gauge',
  },
  activeExecutors: {
    name: 'guidewire_batch_work_queue_active_executors',
    help: `Active executors of the process's work queue, from workQueueStatus. ${fromPoll}`,
    type: 'gauge',
  },
  activeWorkItems: {
    name: 'guidewire_batch_work_queue_active_work_items',
    help: `Active work items of the process's work queue, from workQueueStatus. ${fromPoll}`,
    type: 'gauge',
  },
  executors: {
    name: 'guidewire_batch_work_queue_executors',
    help: `Executors listed in the process's workQueueStatus. ${fromPoll}`,
    type: 'gauge',
  },
  runningExecutors: {
    name: 'guidewire_batch_work_queue_running_executors',
    help: `Executors of the work queue that report running. ${fromPoll}`,
    type: 'gauge',
  },
  itemsProcessed: {
    name: 'guidewire_batch_work_queue_items_processed',
    help: `Work items processed, summed over the queue's executors as Guidewire reports them (resets when executors restart). ${fromPoll}`,
    type: 'gauge',
  },
  itemsFailed: {
    name: 'guidewire_batch_work_queue_items_failed',
    help: `Work items failed, summed over the queue's executors (resets when executors restart). ${fromPoll}`,
    type: 'gauge',
  },
  itemsSkipped: {
    name: 'guidewire_batch_work_queue_items_skipped',
    help: `Work items skipped, summed over the queue's executors (resets when executors restart). ${fromPoll}`,
    type: 'gauge',
  },
  itemsCheckedOut: {
    name: 'guidewire_batch_work_queue_items_checked_out',
    help: `Work items checked out right now, summed over the queue's executors. ${fromPoll}`,
    type: 'gauge',
  },
  up: {
    name: 'guidewire_up',
    help: '1 when every request of the target\'s last poll succeeded, 0 otherwise.',
    type: 'gauge',
  },
  pollDuration: {
    name: 'guidewire_poll_duration_seconds',
    help: 'Wall time of the target\'s last poll.',
    type: 'gauge',
  },
  pollInterval: {
    name: 'guidewire_poll_interval_seconds',
    help: 'The configured poll_interval of the target.',
    type: 'gauge',
  },
  lastSuccessfulPoll: {
    name: 'guidewire_last_successful_poll_timestamp_seconds',
    help: 'End of the target\'s last poll in which every request succeeded, as Unix time.',
    type: 'gauge',
  },
  maintenanceActive: {
    name: 'guidewire_maintenance_active',
    help: '1 while a maintenance window of the target (or a global one) is open at the last poll, 0 otherwise: nothing is late or missed inside one.',
    type: 'gauge',
  },
  serverTimeOffset: {
    name: 'guidewire_server_time_offset_seconds',
    help: 'The Guidewire server\'s clock minus the exporter\'s, at the midpoint of the last successful /system-time request (read every 10 minutes).',
    type: 'gauge',
  },
  apiSchema: {
    name: 'guidewire_api_schema_info',
    help: 'Constant 1, labelled with where the target\'s API was learned from at start: openapi (openapi.json), swagger (swagger.json) or none (no usable definition: defaults, narrowed by 400s).',
    type: 'gauge',
  },
  serverTimeZone: {
    name: 'guidewire_server_time_zone_info',
    help: 'Constant 1, labelled with the zone /system-time reports (zoneId); absent when it reports none this runtime knows.',
    type: 'gauge',
  },
  dbccErrors: {
    name: 'guidewire_dbcc_last_run_errors',
    help: 'errors of the latest finished database consistency-check run (/database-consistency-checks): checks that found inconsistent data. DBConsistencyCheck can complete successfully while this is above 0. Read at start and after each DBConsistencyCheck run.',
    type: 'gauge',
  },
  dbccChecks: {
    name: 'guidewire_dbcc_last_run_checks',
    help: 'totalChecks of the latest finished database consistency-check run.',
    type: 'gauge',
  },
  dbccEnd: {
    name: 'guidewire_dbcc_last_run_end_timestamp_seconds',
    help: `endTime of the latest finished database consistency-check run as Unix time, on Guidewire's clock. ${onServerClock}`,
    type: 'gauge',
  },
  dbccDuration: {
    name: 'guidewire_dbcc_last_run_duration_seconds',
    help: 'duration of the latest finished database consistency-check run (endTime minus startTime when Guidewire gives none).',
    type: 'gauge',
  },
} as const satisfies Record<string, FamilyDefinition>;

export type SnapshotFamilyKey = keyof typeof snapshotFamilies;
