/**
 * The Overview's "Schedules" row: every scheduled process of the selected targets at a glance, late and
 * missed counts, deadlines against forecasts, maintenance windows and the server clock offset per target.
 */
import { BigValueColorMode, BigValueTextMode, TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder, type DashboardBuilder, type DynamicConfigValue } from '@grafana/grafana-foundation-sdk/dashboard';
import { batchProcessLink, byTarget, prom, promTable } from './common.js';
import { statPanel, tablePanel, thresholds } from './panels.js';
import { colorBackground, lateMappings, maintenanceMappings, missedMappings, perProcess, unit } from './schedule-vocabulary.js';

/**
 * Columns of the per-process schedule table: one instant query each, merged on target and batch_process.
 * Only processes with a schedule (schedule_info) get a row.
 */
function scheduleColumns(selector: string): { readonly name: string; readonly expr: string; readonly config: DynamicConfigValue[] }[] {
  const scheduled = `and on (target, batch_process) guidewire_batch_process_schedule_info{${selector}}`;
  return [
    { name: 'Next run', expr: `${perProcess(`guidewire_batch_process_next_scheduled_run_timestamp_seconds{${selector}}`)} * 1000`, config: [unit('dateTimeAsIso')] },
    { name: 'Previous fire time', expr: `${perProcess(`guidewire_batch_process_previous_scheduled_run_timestamp_seconds{${selector}}`)} * 1000`, config: [unit('dateTimeAsIso')] },
    { name: 'Late', expr: perProcess(`guidewire_batch_process_late{${selector}}`), config: [{ id: 'mappings', value: lateMappings }, colorBackground] },
    {
      name: 'Missed (24 h)',
      expr: `round(${perProcess(`increase(guidewire_batch_process_missed_runs_total{${selector}}[24h])`)})`,
      config: [{ id: 'thresholds', value: thresholds('green', [1, 'red']).build() }, { id: 'color', value: { mode: 'thresholds' } }, colorBackground],
    },
    { name: 'Skipped (24 h)', expr: `round(${perProcess(`increase(guidewire_batch_process_skipped_runs_total{${selector}}[24h])`)})`, config: [] },
    { name: 'Start delay', expr: `${perProcess(`guidewire_batch_process_start_delay_seconds{${selector}}`)} ${scheduled}`, config: [unit('s')] },
  ];
}

/** Overview: counts, maintenance and clock offset per target, and the schedule table of every process. */
export function overviewSchedulesRow(builder: DashboardBuilder): void {
  const columns = scheduleColumns(byTarget);
  // Query A holds the schedule's labels; the value columns follow as Value #B, #C, … in column order.
  const valueField = (index: number): string => `Value #${String.fromCharCode(66 + index)}`;
  const table = tablePanel('Schedules', 'Every process with a schedule (configured, from scheduler-config.xml, or learned from its history). Click a row to open the process.')
    .targets([promTable(`max by (target, batch_process, schedule, timezone, source) (guidewire_batch_process_schedule_info{${byTarget}})`), ...columns.map((c) => promTable(c.expr))])
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({
      id: 'organize',
      options: {
        excludeByName: { Time: true, 'Value #A': true },
        indexByName: Object.fromEntries(['target', 'batch_process', 'schedule', 'timezone', 'source', ...columns.map((_, i) => valueField(i))].map((name, i) => [name, i])),
        renameByName: {
          target: 'Target',
          batch_process: 'Batch process',
          schedule: 'Schedule',
          timezone: 'Zone',
          source: 'Source',
          ...Object.fromEntries(columns.map((c, i) => [valueField(i), c.name])),
        },
      },
    })
    .sortBy([new TableSortByFieldStateBuilder().displayName('Late').desc(true)])
    .dataLinks([batchProcessLink()])
    .span(24)
    .height(10);
  for (const c of columns) table.overrideByName(c.name, c.config);

  builder
    .withRow(new RowBuilder('Schedules'))
    .withPanel(
      statPanel('Late now', 'Processes whose latest fire time passed its grace with no run started.')
        .withTarget(prom(`sum(${perProcess(`guidewire_batch_process_late{${byTarget}}`)}) or vector(0)`))
        .thresholds(thresholds('green', [1, 'orange']))
        .span(4)
        .height(5),
    )
    .withPanel(
      statPanel('Missed runs (24 h)', 'Fire times of the last 24 hours that passed their grace with no run started.')
        .withTarget(prom(`round(sum(${perProcess(`increase(guidewire_batch_process_missed_runs_total{${byTarget}}[24h])`)})) or vector(0)`))
        .thresholds(thresholds('green', [1, 'red']))
        .span(4)
        .height(5),
    )
    .withPanel(
      statPanel('Deadlines missed', 'Processes whose complete_by deadline of the current cycle passed without a completed run.')
        .withTarget(prom(`sum(${perProcess(`guidewire_batch_process_deadline_missed{${byTarget}}`)}) or vector(0)`))
        .thresholds(thresholds('green', [1, 'red']))
        .span(4)
        .height(5),
    )
    .withPanel(
      statPanel('Maintenance', 'Whether a maintenance window of the target is open: nothing is late or missed, and the alerts are silenced.')
        .withTarget(prom(`max by (target) (guidewire_maintenance_active{${byTarget}})`, '{{target}}'))
        .mappings(maintenanceMappings)
        .textMode(BigValueTextMode.ValueAndName)
        .span(6)
        .height(5),
    )
    .withPanel(
      statPanel('Server clock offset', "Guidewire's clock minus the exporter's (from /system-time); schedules are judged on Guidewire's clock.")
        .withTarget(prom(`max by (target) (guidewire_server_time_offset_seconds{${byTarget}})`, '{{target}}'))
        .unit('s')
        .colorMode(BigValueColorMode.None)
        .textMode(BigValueTextMode.ValueAndName)
        .span(6)
        .height(5),
    )
    .withPanel(table)
    .withPanel(deadlinesTable());
}

/** Overview: every process with complete_by, its deadline, the forecast and whether it is missed. */
function deadlinesTable(): ReturnType<typeof tablePanel> {
  const deadline = perProcess(`guidewire_batch_process_deadline_timestamp_seconds{${byTarget}}`);
  const forecast = perProcess(`guidewire_batch_process_completion_forecast_timestamp_seconds{${byTarget}}`);
  const columns = [
    { field: 'Value #A', name: 'Deadline', expr: `${deadline} * 1000`, config: [unit('dateTimeAsIso')] },
    { field: 'Value #B', name: 'Forecast completion', expr: `${forecast} * 1000`, config: [unit('dateTimeAsIso')] },
    {
      field: 'Value #C',
      name: 'Forecast after deadline',
      expr: `${forecast} - on (target, batch_process) ${deadline}`,
      config: [unit('s'), { id: 'thresholds', value: thresholds('green', [0, 'orange']).build() }, { id: 'color', value: { mode: 'thresholds' } }, colorBackground],
    },
    { field: 'Value #D', name: 'Missed', expr: perProcess(`guidewire_batch_process_deadline_missed{${byTarget}}`), config: [{ id: 'mappings', value: missedMappings }, colorBackground] },
  ];
  const panel = tablePanel('Deadlines', 'Processes with complete_by: the deadline of the current cycle, when the current or next run is forecast to complete, and whether the deadline was missed.')
    .targets(columns.map((c) => promTable(c.expr)))
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({
      id: 'organize',
      options: {
        excludeByName: { Time: true },
        indexByName: Object.fromEntries(['target', 'batch_process', ...columns.map((c) => c.field)].map((name, i) => [name, i])),
        renameByName: { target: 'Target', batch_process: 'Batch process', ...Object.fromEntries(columns.map((c) => [c.field, c.name])) },
      },
    })
    .sortBy([new TableSortByFieldStateBuilder().displayName('Forecast after deadline').desc(true)])
    .dataLinks([batchProcessLink()])
    .span(24)
    .height(8);
  for (const c of columns) panel.overrideByName(c.name, c.config);
  return panel;
}

