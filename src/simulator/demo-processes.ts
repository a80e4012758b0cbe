import type { ScenarioProcess } from './scenario-spec.js';

const s = 1000;
const min = 60 * s;

/**
 * About twenty ClaimCenter and all-application batch processes for demo mode, with sped-up timing
 * (periods 20 s to 5 min, runs 0.5 s to 2 min). Within 15 s of the epoch, whatever the seed, all four
 * states show: never run (PurgeClusterMembers), running (DBConsistencyCheck, ClaimException and the
 * stalled RecalculateMetrics), completed (most) and failed (BulkInvoiceEsc, whose run before the epoch
 * ended with a `failureReason`). The `distributed` flags are choices for the demo, not facts about the codes.
 *
 * With the demo's schedules (`schedulesForEnv('demo')`, demo-scheduler-config.ts) the processes listed
 * there run by their crons and the fire-time faults apply: Workflow's second fire time after the epoch
 * starts no run (missed) and ProcessCompletionMonitor's starts 13 s late, so within a minute one process
 * is late and one has missed a run whatever the seed; others miss, start late or overrun now and then.
 * The rest keep their run grid, as if started by entries the exporter was not given (a learned cadence).
 */
export const demoProcesses: readonly ScenarioProcess[] = [
  // Short, frequent work queues: counts, dates and executors move every few seconds.
  { code: 'ActivityEsc', name: 'Activity Escalation', distributed: true, periodMs: 30 * s, durationMs: 4 * s, opsPerRun: 120, offsetMs: 3 * s, failedOpsRate: 0.2, lateRate: 0.05, lateByMs: 12 * s },
  { code: 'Workflow', name: 'Workflow Writer', distributed: true, periodMs: 20 * s, durationMs: 6 * s, opsPerRun: 300, offsetMs: 7 * s, failedOpsRate: 0.3, failureRate: 0.05, missedRuns: [1], missRate: 0.05, makeUpRate: 0.5 },
  { code: 'Geocode', name: 'Geocode Writer', distributed: true, periodMs: 1 * min, durationMs: 15 * s, opsPerRun: 200, offsetMs: 11 * s, failedOpsRate: 0.1, lateRate: 0.1, lateByMs: 25 * s },
  { code: 'ProcessCompletionMonitor', name: 'Process Completion Monitor', distributed: false, periodMs: 20 * s, durationMs: 0.5 * s, opsPerRun: 5, offsetMs: 1 * s, lateRuns: [1], lateByMs: 13 * s, lateRate: 0.05 },
  { code: 'FinancialsEsc', name: 'Financials Escalation', distributed: false, periodMs: 1 * min, durationMs: 2 * s, opsPerRun: 30, offsetMs: 25 * s, failedOpsRate: 0.25, failureRate: 0.1, missRate: 0.1, makeUpRate: 0.5 },
  // Long runs: running within the first 15 s.
  { code: 'DBConsistencyCheck', name: 'Database Consistency Check', distributed: true, periodMs: 5 * min, durationMs: 2 * min, opsPerRun: 900, offsetMs: 5 * s },
  { code: 'ClaimException', name: 'Claim Exception', distributed: true, periodMs: 90 * s, durationMs: 45 * s, opsPerRun: 1500, offsetMs: 2 * s, failedOpsRate: 0.3, overrunRate: 0.3 },
  // Stuck: run 0 starts 1.5 s after the epoch and freezes at 35 % forever.
  { code: 'RecalculateMetrics', name: 'Recalculate Metrics', distributed: true, periodMs: 4 * min, durationMs: 90 * s, opsPerRun: 2500, offsetMs: 1.5 * s, stallsAt: { run: 0, fraction: 0.35 } },
  // Failed: the run before the epoch ended with a failureReason; the next run starts 40 s in.
  { code: 'BulkInvoiceEsc', name: 'Bulk Invoice Escalation', distributed: false, periodMs: 150 * s, durationMs: 3 * s, opsPerRun: 20, offsetMs: 40 * s, failsRuns: [-1], failureRate: 0.15 },
  // Never run.
  { code: 'PurgeClusterMembers', name: 'Purge Cluster Members', distributed: false, periodMs: 5 * min, durationMs: 0.5 * s, opsPerRun: 1, neverRuns: true },
  // Completed most of the time.
  { code: 'IdleClaim', name: 'Idle Claim Exception', distributed: true, periodMs: 2 * min, durationMs: 20 * s, opsPerRun: 800, offsetMs: 50 * s, failedOpsRate: 0.15 },
  { code: 'GroupException', name: 'Group Exception', distributed: false, periodMs: 2 * min, durationMs: 2 * s, opsPerRun: 40, offsetMs: 30 * s, missRate: 0.05 },
  { code: 'UserException', name: 'User Exception', distributed: false, periodMs: 2 * min, durationMs: 1.5 * s, opsPerRun: 60, offsetMs: 70 * s },
  { code: 'PurgeWorkflowLogs', name: 'Purge Workflow Logs', distributed: false, periodMs: 3 * min, durationMs: 3 * s, opsPerRun: 500, offsetMs: 20 * s },
  { code: 'PurgeFailedWorkItems', name: 'Purge Failed Work Items', distributed: false, periodMs: 4 * min, durationMs: 0.5 * s, opsPerRun: 10, offsetMs: 90 * s },
  { code: 'ProcessHistoryPurge', name: 'Process History Purge', distributed: false, periodMs: 5 * min, durationMs: 1 * s, opsPerRun: 25, offsetMs: 60 * s },
  { code: 'DataDistribution', name: 'Data Distribution', distributed: false, periodMs: 4 * min, durationMs: 30 * s, opsPerRun: 80, offsetMs: 35 * s, failureRate: 0.1 },
  { code: 'AggLimitCalc', name: 'Aggregate Limit Calculations', distributed: false, periodMs: 3 * min, durationMs: 8 * s, opsPerRun: 150, offsetMs: 45 * s },
  { code: 'CatastropheClaimFinder', name: 'Catastrophe Claim Finder', distributed: false, periodMs: 5 * min, durationMs: 25 * s, opsPerRun: 400, offsetMs: 80 * s },
  { code: 'Statistics', name: 'Statistics', distributed: false, periodMs: 2 * min, durationMs: 10 * s, opsPerRun: 100, offsetMs: 15 * s },
  { code: 'ExchangeRate', name: 'Exchange Rate', distributed: false, periodMs: 5 * min, durationMs: 1 * s, opsPerRun: 12, offsetMs: 100 * s },
  { code: 'PurgeMessageHistory', name: 'Purge Message History', distributed: true, periodMs: 4 * min, durationMs: 40 * s, opsPerRun: 2000, offsetMs: 110 * s, failedOpsRate: 0.2 },
];
