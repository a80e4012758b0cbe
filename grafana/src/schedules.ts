/**
 * The "Schedules" rows: every scheduled process of the selected targets at a glance (Overview), and one
 * process's runs against its fire times and its deadline (Batch process). All schedule instants are on
 * Guidewire's clock, as the exporter reports them (guidewire_server_time_offset_seconds tells the skew).
 */
import { BigValueColorMode, BigValueTextMode, TableCellDisplayMode, TableSortByFieldStateBuilder, VisibilityMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder, type DashboardBuilder, type DynamicConfigValue } from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import { batchProcessLink, byProcess, byTarget, colors, datasource, fixedColor, prom, promTable, valueMappings } from './common.js';
import { statPanel, tablePanel, thresholds, timeseriesPanel } from './panels.js';

const perProcess = (expr: string): string => `max by (target, batch_process) (${expr})`;
const lateMappings = valueMappings({ '0': { text: 'on time', color: 'green' }, '1': { text: 'late', color: 'orange' } });
const missedMappings = valueMappings({ '0': { text: 'met', color: 'green' }, '1': { text: 'missed', color: 'red' } });
const maintenanceMappings = valueMappings({ '0': { text: 'none', color: 'green' }, '1': { text: 'in maintenance', color: 'blue' } });
const colorBackground: DynamicConfigValue = { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorBackground } };
const unit = (value: string): DynamicConfigValue => ({ id: 'unit', value });

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
function deadlinesTable() {
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

const metric = (name: string): string => `${name}{${byProcess}}`;

/** The timeline rows of one process: fire times as ticks, running, late, missed and maintenance. */
function runsAgainstFireTimes(): statetimeline.PanelBuilder {
  const rows = [
    // A fire time shows in the interval in which the previous fire time moved on to it.
    { name: 'fire time', expr: `clamp_max(changes(${metric('guidewire_batch_process_previous_scheduled_run_timestamp_seconds')}[$__rate_interval]), 1)`, color: 'yellow' },
    { name: 'running', expr: `max(guidewire_batch_process_state{${byProcess}, state="running"})`, color: colors.running },
    { name: 'late', expr: `max(${metric('guidewire_batch_process_late')})`, color: 'orange' },
    { name: 'missed', expr: `clamp_max(max(increase(${metric('guidewire_batch_process_missed_runs_total')}[$__rate_interval])) > bool 0, 1)`, color: 'red' },
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
