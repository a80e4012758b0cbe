import { docsBase } from '../links.js';
import type { ProcessFlag } from '../types.js';

/** How each flag reads on the page and which runbook section (monitoring/alerts.yml's alert) explains it. */
export const flagLabels: Readonly<Record<ProcessFlag, { readonly label: string; readonly alert?: string }>> = {
  failed_ops: { label: 'failed ops', alert: 'GuidewireBatchProcessFailedOps' },
  last_run_failed: { label: 'last run failed', alert: 'GuidewireBatchProcessFailed' },
  stalled: { label: 'stalled', alert: 'GuidewireBatchProcessStalled' },
  overdue: { label: 'overdue', alert: 'GuidewireBatchProcessOverdue' },
  late: { label: 'late', alert: 'GuidewireBatchProcessLate' },
  deadline_missed: { label: 'deadline missed', alert: 'GuidewireBatchProcessDeadlineMissed' },
  deadline_at_risk: { label: 'deadline at risk', alert: 'GuidewireBatchProcessDeadlineAtRisk' },
  running_too_long: { label: 'running too long', alert: 'GuidewireBatchProcessRunningTooLong' },
  longer_than_usual: { label: 'longer than usual', alert: 'GuidewireBatchProcessRunningLongerThanUsual' },
  late_learned: { label: 'late (learned cadence)', alert: 'GuidewireBatchProcessLate' },
  never_run: { label: 'never run' },
  stale: { label: 'stale: last read failed' },
};

/** The runbook section for an alert, on GitHub. */
export function runbookUrl(alert: string): string {
  return `${docsBase}/docs/runbook.md#${alert.toLowerCase()}`;
}
