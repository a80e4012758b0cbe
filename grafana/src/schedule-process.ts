/**
 * The Batch process dashboard's "Schedule" row: one process's schedule, lateness and misses, its runs
 * against its fire times, and its deadline against the completion forecast.
 */
import { BigValueColorMode, BigValueTextMode, VisibilityMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder, type DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import { byProcess, colors, datasource, fixedColor, prom, valueMappings } from './common.js';
import { statPanel, thresholds, timeseriesPanel } from './panels.js';
import { lateMappings, missedMappings, unit } from './schedule-vocabulary.js';

const metric = (name: string): string => `${name}{${byProcess}}`;

/** The timeline rows of one process: fire times as ticks, running, late, missed and maintenance. */
function runsAgainstFireTimes(): statetimeline.PanelBuilder {
  const rows = [
    // A fire time shows in the interval in which the previous fire time moved on to it.
    { name: 'fire time', expr: `clamp_max(changes(${metric('guidewire_batch_process_previous_scheduled_run_timestamp_seconds')}[$__rate_interval]), 1)`, color: 'yellow' },
    { name: 'running', expr: `max(guidewire_batch_process_state{${byProcess}, state="running"})`, color: colors.running },
    { name: 'late', expr: `max(${metric('guidewire_batch_process_late')})`, color: 'orange' },
    { name: 'missed', expr: `max(increase(${metric('guidewire_batch_process_missed_runs_total')}[$__rate_interval])) > bool 0`, color: 'red' },
    { name: 'maintenance', expr: 'max(guidewire_maintenance_active{target=~"$target"})', color: 'blue' },
  ] as const;
  const panel = new statetimeline.PanelBuilder()
    .title('Runs against fire times')
    .description('Each fire time of the schedule (a tick in the interval it came), whether a run was going, whether the process was late, when a fire time was missed, and maintenance windows of the target.')
    .datasource(datasource)
    .showValue(VisibilityMode.Never)
    .mergeValues(true)
    .rowHeight(0.8)
    .fillOpacity(80)
    .span(24)
    .height(7);
  for (const row of rows) {
    panel
      .withTarget(prom(row.expr, row.name))
      .overrideByName(row.name, [fixedColor(row.color), { id: 'mappings', value: valueMappings({ '0': { text: '', color: 'transparent' }, '1': { text: row.name, color: row.color } }) }]);
  }
  return panel;
}

/** Batch process: its schedule, lateness and misses, runs against fire times, and its deadline. */
export function processScheduleRow(builder: DashboardBuilder): void {
  const at = (name: string): string => `max(${metric(name)}) * 1000`;
  builder
    .withRow(new RowBuilder('Schedule'))
    .withPanel(
      statPanel('Schedule', 'The Quartz expressions (or a learned "@every" cadence), their time zone and where they come from.')
        .withTarget(prom(metric('guidewire_batch_process_schedule_info'), '{{schedule}} ({{timezone}}, {{source}})'))
        .textMode(BigValueTextMode.Name)
        .colorMode(BigValueColorMode.None)
        .span(8)
        .height(4),
    )
    .withPanel(
      statPanel('Next run', "The schedule's next fire time (Guidewire's clock).")
        .withTarget(prom(at('guidewire_batch_process_next_scheduled_run_timestamp_seconds')))
        .unit('dateTimeFromNow')
        .colorMode(BigValueColorMode.None)
        .span(4)
        .height(4),
    )
    .withPanel(
      statPanel('Previous fire time', 'The latest fire time at or before now.')
        .withTarget(prom(at('guidewire_batch_process_previous_scheduled_run_timestamp_seconds')))
        .unit('dateTimeFromNow')
        .colorMode(BigValueColorMode.None)
        .span(4)
        .height(4),
    )
    .withPanel(
      statPanel('Late', 'Whether the latest fire time passed its grace with no run started.')
        .withTarget(prom(`max(${metric('guidewire_batch_process_late')})`))
        .mappings(lateMappings)
        .span(2)
        .height(4),
    )
    .withPanel(
      statPanel('Missed (24 h)', 'Fire times of the last 24 hours that passed their grace with no run started.')
        .withTarget(prom(`round(max(increase(${metric('guidewire_batch_process_missed_runs_total')}[24h])))`))
        .thresholds(thresholds('green', [1, 'red']))
        .span(3)
        .height(4),
    )
    .withPanel(
      statPanel('Start delay', 'startDate minus dateCreated of the latest run: how long its start waited.')
        .withTarget(prom(`max(${metric('guidewire_batch_process_start_delay_seconds')})`))
        .unit('s')
        .colorMode(BigValueColorMode.None)
        .span(3)
        .height(4),
    )
    .withPanel(runsAgainstFireTimes())
    .withPanel(
      timeseriesPanel('Deadline and forecast', 'The complete_by deadline of the current cycle and when the current or next run is forecast to complete (from its progress rate, or the median duration of past runs), as times of day.')
        .withTarget(prom(at('guidewire_batch_process_deadline_timestamp_seconds'), 'deadline'))
        .withTarget(prom(at('guidewire_batch_process_completion_forecast_timestamp_seconds'), 'forecast'))
        .overrideByName('deadline', [fixedColor('red')])
        .overrideByName('forecast', [fixedColor(colors.running)])
        .unit('dateTimeAsIso')
        .span(16)
        .height(8),
    )
    .withPanel(
      statPanel('Deadline', 'Whether the deadline of the current cycle passed without a completed run; how far the forecast lies after it (negative: before).')
        .withTarget(prom(`max(${metric('guidewire_batch_process_deadline_missed')})`, 'deadline'))
        .withTarget(
          prom(`max(${metric('guidewire_batch_process_completion_forecast_timestamp_seconds')}) - max(${metric('guidewire_batch_process_deadline_timestamp_seconds')})`, 'forecast after deadline'),
        )
        .overrideByName('deadline', [{ id: 'mappings', value: missedMappings }])
        .overrideByName('forecast after deadline', [unit('s'), { id: 'thresholds', value: thresholds('green', [0, 'orange']).build() }])
        .textMode(BigValueTextMode.ValueAndName)
        .span(8)
        .height(8),
    );
}
