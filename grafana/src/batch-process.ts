import {
  BigValueColorMode,
  BigValueTextMode,
  GraphDrawStyle,
  HeatmapCellLayout,
  LineStyleBuilder,
  StackingConfigBuilder,
  StackingMode,
  VisibilityMode,
} from '@grafana/grafana-foundation-sdk/common';
import { AnnotationQueryBuilder, RowBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import { PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import {
  batchProcessVariable,
  byProcess,
  colors,
  dashboardBase,
  datasource,
  datasourceVariable,
  finalize,
  fixedColor,
  fixedScheme,
  prom,
  targetVariable,
  uids,
  valueMappings,
} from './common.js';
import { outcomesPanel, statPanel, thresholds, timeseriesPanel } from './panels.js';
import { processScheduleRow } from './schedule-process.js';

type Builder = ReturnType<typeof dashboardBase>;

const stateNames = ['never_run', 'running', 'completed', 'failed'] as const;
const dashed = (): LineStyleBuilder => new LineStyleBuilder().fill('dash').dash([10, 10]);
const metric = (name: string): string => `${name}{${byProcess}}`;

/**
 * Completion of the latest run; while a run is going (no completion date), the latest completion the run
 * history knows, success or failure: `(S >= F) or F or S` is the later of the two.
 */
const lastCompletion =
  `${metric('guidewire_batch_process_last_completion_timestamp_seconds')}` +
  ` or (${metric('guidewire_batch_process_last_success_timestamp_seconds')} >= ${metric('guidewire_batch_process_last_failure_timestamp_seconds')})` +
  ` or ${metric('guidewire_batch_process_last_failure_timestamp_seconds')}` +
  ` or ${metric('guidewire_batch_process_last_success_timestamp_seconds')}`;

const stalledMappings = valueMappings({ '0': { text: 'no', color: 'green' }, '1': { text: 'stalled', color: colors.stalled } });

function stateRow(builder: Builder): void {
  const state = statPanel('State', 'State of the latest run.')
    .withTarget(prom(`${metric('guidewire_batch_process_state')} == 1`, '{{state}}'))
    .textMode(BigValueTextMode.Name)
    .span(6)
    .height(5);
  const timeline = new statetimeline.PanelBuilder()
    .title('State over time')
    .description('State of the latest run at each point, and whether a running process was stalled.')
    .datasource(datasource)
    .withTarget(prom(`${metric('guidewire_batch_process_state')} == 1`, '{{state}}'))
    .withTarget(prom(metric('guidewire_batch_process_stalled'), 'stalled'))
    .showValue(VisibilityMode.Never)
    .mergeValues(true)
    .rowHeight(0.8)
    .fillOpacity(80)
    .overrideByName('stalled', [{ id: 'mappings', value: stalledMappings }])
    .span(24)
    .height(6);
  for (const name of stateNames) {
    state.overrideByName(name, [fixedColor(colors[name])]);
    timeline.overrideByName(name, [fixedColor(colors[name]), { id: 'mappings', value: valueMappings({ '1': { text: name, color: colors[name] } }) }]);
  }

  builder
    .withRow(new RowBuilder('State'))
    .withPanel(state)
    .withPanel(
      statPanel('Stalled', 'Whether the running process made no progress for its stall_after.')
        .withTarget(prom(metric('guidewire_batch_process_stalled')))
        .mappings(stalledMappings)
        .span(4)
        .height(5),
    )
    .withPanel(
      statPanel('Last start', 'Start of the latest run.')
        .withTarget(prom(`${metric('guidewire_batch_process_last_start_timestamp_seconds')} * 1000`))
        .unit('dateTimeFromNow')
        .colorMode(BigValueColorMode.None)
        .span(7)
        .height(5),
    )
    .withPanel(
      statPanel('Last completion', 'Completion of the latest run; while it runs, of the run before.')
        .withTarget(prom(`(${lastCompletion}) * 1000`))
        .unit('dateTimeFromNow')
        .colorMode(BigValueColorMode.None)
        .span(7)
        .height(5),
    )
    .withPanel(timeline);
}

function runsRow(builder: Builder): void {
  const outcomes = outcomesPanel(
    'Runs by outcome',
    'Runs that finished in each interval, by outcome, from the run history.',
    `max by (outcome) (sum by (outcome, instance) (increase(${metric('guidewire_batch_process_runs_total')}[$__rate_interval])))`,
  )
    .drawStyle(GraphDrawStyle.Bars)
    .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
    .fillOpacity(80);

  builder
    .withRow(new RowBuilder('Runs'))
    .withPanel(outcomes)
    .withPanel(
      new heatmap.PanelBuilder()
        .title('Run durations')
        .description('How long the runs that finished in each interval took (run-duration histogram).')
        .datasource(datasource)
        .withTarget(
          prom(`max by (le) (sum by (le, instance) (increase(${metric('guidewire_batch_process_run_duration_seconds_bucket')}[$__rate_interval])))`, '{{le}}')
            .format(PromQueryFormat.Heatmap),
        )
        .calculate(false)
        .rowsFrame(new heatmap.RowsHeatmapOptionsBuilder().layout(HeatmapCellLayout.Le))
        .yAxis(new heatmap.YAxisConfigBuilder().unit('s'))
        .color(new heatmap.HeatmapColorOptionsBuilder().mode(heatmap.HeatmapColorMode.Scheme).scheme('Oranges').steps(64))
        .filterValues(new heatmap.FilterValueRangeBuilder().le(1e-9))
        .cellGap(1)
        .span(12)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Run duration percentiles (last hour)', 'Percentiles of the durations of the runs in the hour before each point; dashed: max_duration, when configured.')
        .withTarget(prom(metric('guidewire:batch_process_run_duration_seconds:p50_1h'), 'p50'))
        .withTarget(prom(metric('guidewire:batch_process_run_duration_seconds:p90_1h'), 'p90'))
        .withTarget(prom(metric('guidewire:batch_process_run_duration_seconds:p99_1h'), 'p99'))
        .withTarget(prom(metric('guidewire_batch_process_max_duration_seconds'), 'max duration'))
        .overrideByName('max duration', [fixedColor('red'), { id: 'custom.lineStyle', value: dashed().build() }, { id: 'custom.fillOpacity', value: 0 }])
        .unit('s')
        .min(0)
        .span(12)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Time since last success', 'Age of the latest succeeded run; dashed: the expected interval (expect_every), when configured.')
        .withTarget(prom(metric('guidewire:batch_process_seconds_since_last_success'), 'since last success'))
        .withTarget(prom(metric('guidewire_batch_process_expected_interval_seconds'), 'expected interval'))
        .overrideByName('expected interval', [fixedColor('red'), { id: 'custom.lineStyle', value: dashed().build() }, { id: 'custom.fillOpacity', value: 0 }])
        .unit('s')
        .min(0)
        .span(12)
        .height(8),
    );
}

function progressRow(builder: Builder): void {
  builder
    .withRow(new RowBuilder('Progress'))
    .withPanel(
      timeseriesPanel('Ops of the latest run', 'opsCompleted and failedOps of the latest run; opsExpected while it runs.')
        .withTarget(prom(metric('guidewire_batch_process_ops_completed'), 'completed'))
        .withTarget(prom(metric('guidewire_batch_process_ops_failed'), 'failed'))
        .withTarget(prom(metric('guidewire_batch_process_ops_expected'), 'expected'))
        .overrideByName('completed', [fixedColor(colors.completed)])
        .overrideByName('failed', [fixedColor(colors.failed)])
        .overrideByName('expected', [fixedColor('blue'), { id: 'custom.lineStyle', value: dashed().build() }, { id: 'custom.fillOpacity', value: 0 }])
        .unit('short')
        .min(0)
        .span(8)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Progress', 'progress ("N out of M") of the running run.')
        .withTarget(prom(metric('guidewire_batch_process_progress_ratio'), 'progress'))
        .colorScheme(fixedScheme(colors.running))
        .thresholds(thresholds(colors.running))
        .unit('percentunit')
        .min(0)
        .max(1)
        .span(8)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Work queue', 'Executors and work items of a distributed (work-queue) process, from workQueueStatus.')
        .withTarget(prom(metric('guidewire_batch_work_queue_active_executors'), 'active executors'))
        .withTarget(prom(metric('guidewire_batch_work_queue_active_work_items'), 'active work items'))
        .withTarget(prom(metric('guidewire_batch_work_queue_items_checked_out'), 'items checked out'))
        .unit('short')
        .min(0)
        .span(8)
        .height(8),
    );
}

/** Batch process: one process of one target in detail. */
export function batchProcessDashboard(): Dashboard {
  const builder = dashboardBase('Batch process', uids.batchProcess, 'One Guidewire batch process: state, schedule and deadline, runs, durations, progress and time since its last success.')
    .withVariable(datasourceVariable())
    .withVariable(targetVariable())
    .withVariable(batchProcessVariable())
    .annotation(
      new AnnotationQueryBuilder()
        .name('Alerts')
        .datasource(datasource)
        .enable(true)
        .iconColor('red')
        .expr(`ALERTS{alertstate="firing", ${byProcess}}`)
        .titleFormat('{{alertname}}')
        .textFormat('{{severity}}')
        .step('1m'),
    );
  stateRow(builder);
  processScheduleRow(builder);
  runsRow(builder);
  progressRow(builder);
  return finalize(builder);
}
