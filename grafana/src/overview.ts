import { BigValueTextMode, TableCellDisplayMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  batchProcessLink,
  byTarget,
  colors,
  dashboardBase,
  datasourceVariable,
  finalize,
  fixedColor,
  fixedScheme,
  prom,
  promTable,
  seriesProcessLink,
  targetVariable,
  uids,
  valueMappings,
} from './common.js';
import { barGaugePanel, outcomesPanel, statPanel, tablePanel, thresholds, timeseriesPanel } from './panels.js';
import { overviewSchedulesRow } from './schedule-overview.js';

const processLegend = '{{target}} / {{batch_process}}';
const stateNames = ['never_run', 'running', 'completed', 'failed'] as const;

const firingProcessAlerts = `ALERTS{alertname=~"GuidewireBatchProcess.*", alertstate="firing", ${byTarget}}`;

function statusRow(builder: ReturnType<typeof dashboardBase>): void {
  const byState = statPanel('Processes by state', 'Batch processes per state of their latest run (recording rule guidewire:batch_processes:count_by_state).')
    .withTarget(prom(`sum by (state) (guidewire:batch_processes:count_by_state{${byTarget}})`, '{{state}}'))
    .textMode(BigValueTextMode.ValueAndName)
    .span(12)
    .height(5);
  for (const state of stateNames) byState.overrideByName(state, [fixedColor(colors[state])]);

  builder
    .withRow(new RowBuilder('Targets and states'))
    .withPanel(
      statPanel('Targets up', 'guidewire_up: 1 when every request of the last status poll of the target succeeded.')
        .withTarget(prom(`guidewire_up{${byTarget}}`, '{{target}}'))
        .mappings(valueMappings({ '0': { text: 'Down', color: 'red' }, '1': { text: 'Up', color: 'green' } }))
        .thresholds(thresholds('red', [1, 'green']))
        .textMode(BigValueTextMode.ValueAndName)
        .span(6)
        .height(5),
    )
    .withPanel(byState)
    .withPanel(
      statPanel('Stalled', 'Running processes with no progress for their stall_after.')
        .withTarget(prom(`sum(max by (target, batch_process) (guidewire_batch_process_stalled{${byTarget}}))`))
        .thresholds(thresholds('green', [1, colors.stalled]))
        .span(3)
        .height(5),
    )
    .withPanel(
      statPanel('Firing alerts', 'Guidewire alerts firing now, batch-process and exporter alerts alike.')
        .withTarget(prom(`count(ALERTS{alertname=~"Guidewire.*", alertstate="firing", ${byTarget}}) or vector(0)`))
        .thresholds(thresholds('green', [1, 'red']))
        .span(3)
        .height(5),
    );
}

function attentionRow(builder: ReturnType<typeof dashboardBase>): void {
  builder
    .withRow(new RowBuilder('Needs attention'))
    .withPanel(
      tablePanel('Processes needing attention', 'Firing batch-process alerts. Click a row to open the process.')
        .withTarget(promTable(firingProcessAlerts))
        .withTransformation({
          id: 'filterFieldsByName',
          options: { include: { names: ['target', 'batch_process', 'alertname', 'severity'] } },
        })
        .withTransformation({
          id: 'organize',
          options: {
            indexByName: { target: 0, batch_process: 1, alertname: 2, severity: 3 },
            renameByName: { target: 'Target', batch_process: 'Batch process', alertname: 'Alert', severity: 'Severity' },
          },
        })
        .dataLinks([batchProcessLink()])
        .overrideByName('alertname', [
          {
            id: 'mappings',
            value: valueMappings({
              GuidewireBatchProcessFailed: { text: 'Latest run failed', color: colors.failed },
              GuidewireBatchProcessFailedOps: { text: 'Failed ops', color: colors.failed_ops },
              GuidewireBatchProcessStalled: { text: 'Stalled', color: colors.stalled },
              GuidewireBatchProcessRunningTooLong: { text: 'Running too long', color: 'yellow' },
              GuidewireBatchProcessOverdue: { text: 'Overdue', color: 'purple' },
              GuidewireBatchProcessLate: { text: 'Late', color: 'orange' },
              GuidewireBatchProcessMissed: { text: 'Missed a run', color: 'orange' },
              GuidewireBatchProcessDeadlineAtRisk: { text: 'Deadline at risk', color: 'yellow' },
              GuidewireBatchProcessDeadlineMissed: { text: 'Deadline missed', color: colors.failed },
            }),
          },
          { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorText } },
        ])
        .overrideByName('severity', [
          {
            id: 'mappings',
            value: valueMappings({
              critical: { text: 'critical', color: 'red' },
              warning: { text: 'warning', color: 'orange' },
              info: { text: 'info', color: 'blue' },
            }),
          },
          { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorBackground } },
        ])
        .span(12)
        .height(9),
    )
    .withPanel(
      barGaugePanel('Time since last success', 'The ten processes whose latest succeeded run is oldest.')
        .withTarget(prom(`topk(10, guidewire:batch_process_seconds_since_last_success{${byTarget}})`, processLegend).instant())
        .unit('s')
        .thresholds(thresholds('green', [3600, 'orange'], [86400, 'red']))
        .dataLinks([seriesProcessLink()])
        .span(12)
        .height(9),
    )
    .withPanel(
      barGaugePanel('Running processes: progress', 'progress ("N out of M") of every running process that reports it.')
        .withTarget(prom(`guidewire_batch_process_progress_ratio{${byTarget}}`, processLegend))
        .unit('percentunit')
        .max(1)
        .thresholds(thresholds(colors.running))
        .dataLinks([seriesProcessLink()])
        .span(12)
        .height(8),
    )
    .withPanel(
      barGaugePanel('Running processes: running for', 'Time since the start of every running process.')
        .withTarget(prom(`guidewire:batch_process_running_seconds{${byTarget}}`, processLegend))
        .unit('s')
        .thresholds(thresholds(colors.running))
        .dataLinks([seriesProcessLink()])
        .span(12)
        .height(8),
    );
}

function activityRow(builder: ReturnType<typeof dashboardBase>): void {
  const outcomes = outcomesPanel(
    'Run outcomes (last hour)',
    'Runs that finished in the hour before each point, by outcome, from the run history.',
    `sum by (outcome) (guidewire:batch_process_runs:increase1h{${byTarget}})`,
  );

  builder
    .withRow(new RowBuilder('Activity'))
    .withPanel(
      timeseriesPanel('Ops completed (latest run)', 'opsCompleted of the latest run of each process.')
        .withTarget(prom(`guidewire_batch_process_ops_completed{${byTarget}}`, processLegend))
        .unit('short')
        .min(0)
        .span(12)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Ops failed (latest run)', 'failedOps of the latest run of each process.')
        .withTarget(prom(`guidewire_batch_process_ops_failed{${byTarget}}`, processLegend))
        .unit('short')
        .min(0)
        .colorScheme(fixedScheme(colors.failed))
        .span(12)
        .height(8),
    )
    .withPanel(outcomes)
    .withPanel(
      barGaugePanel('Unsuccessful runs (last hour)', 'The ten processes with the most runs that did not succeed in the last hour.')
        .withTarget(
          prom(
            `topk(10, sum by (target, batch_process) (guidewire:batch_process_runs:increase1h{${byTarget}, outcome!="succeeded"}))`,
            processLegend,
          ).instant(),
        )
        .unit('short')
        .thresholds(thresholds('green', [1, colors.failed]))
        .dataLinks([seriesProcessLink()])
        .span(12)
        .height(8),
    );
}

function durationRow(builder: ReturnType<typeof dashboardBase>): void {
  const quantiles = ['p50', 'p90', 'p99'] as const;
  const percentiles = tablePanel('Run duration percentiles (last hour)', 'From the run-duration histogram over the last hour. Click a row to open the process.')
    .targets(quantiles.map((q) => promTable(`guidewire:batch_process_run_duration_seconds:${q}_1h{${byTarget}}`)))
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({
      id: 'organize',
      options: {
        excludeByName: { Time: true },
        indexByName: { target: 0, batch_process: 1, 'Value #A': 2, 'Value #B': 3, 'Value #C': 4 },
        renameByName: { target: 'Target', batch_process: 'Batch process', 'Value #A': 'p50', 'Value #B': 'p90', 'Value #C': 'p99' },
      },
    })
    .unit('s')
    .dataLinks([batchProcessLink()])
    .span(12)
    .height(9);

  builder
    .withRow(new RowBuilder('Run durations'))
    .withPanel(percentiles)
    .withPanel(
      timeseriesPanel('Run duration p90 (last hour)', '90th percentile of the run durations of each process over the hour before each point.')
        .withTarget(prom(`guidewire:batch_process_run_duration_seconds:p90_1h{${byTarget}}`, processLegend))
        .unit('s')
        .min(0)
        .span(12)
        .height(9),
    );
}

/** Overview: every target and batch process at a glance, and what needs attention. */
export function overviewDashboard(): Dashboard {
  const builder = dashboardBase('Overview', uids.overview, 'Guidewire batch processes of every target: states, alerts, schedules, progress, runs and durations.')
    .withVariable(datasourceVariable())
    .withVariable(targetVariable());
  statusRow(builder);
  attentionRow(builder);
  overviewSchedulesRow(builder);
  activityRow(builder);
  durationRow(builder);
  return finalize(builder);
}
