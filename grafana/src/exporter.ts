import { BigValueTextMode, LineStyleBuilder, VisibilityMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import {
  byJob,
  dashboardBase,
  datasource,
  datasourceVariable,
  finalize,
  fixedColor,
  jobVariable,
  prom,
  promTable,
  targetVariable,
  uids,
  valueMappings,
} from './common.js';
import { statPanel, tablePanel, thresholds, timeseriesPanel } from './panels.js';

type Builder = ReturnType<typeof dashboardBase>;

const byJobTarget = `${byJob}, target=~"$target"`;
const upMappings = valueMappings({ '0': { text: 'down', color: 'red' }, '1': { text: 'up', color: 'green' } });
const pollAge = `time() - guidewire_last_successful_poll_timestamp_seconds{${byJobTarget}}`;

function targetsRow(builder: Builder): void {
  builder
    .withRow(new RowBuilder('Targets'))
    .withPanel(
      statPanel('Up', 'guidewire_up: 1 when every request of the last status poll of the target succeeded.')
        .withTarget(prom(`guidewire_up{${byJobTarget}}`, '{{target}}'))
        .mappings(upMappings)
        .textMode(BigValueTextMode.ValueAndName)
        .span(8)
        .height(5),
    )
    .withPanel(
      statPanel('Last successful poll', 'Age of the data: time since the end of the last poll in which every request succeeded.')
        .withTarget(prom(pollAge, '{{target}}'))
        .unit('s')
        .thresholds(thresholds('green', [300, 'orange'], [900, 'red']))
        .textMode(BigValueTextMode.ValueAndName)
        .span(8)
        .height(5),
    )
    .withPanel(
      statPanel('Poll errors', 'Failed requests and rejected items in the selected time range.')
        .withTarget(prom(`sum by (target) (increase(guidewire_poll_errors_total{${byJobTarget}}[$__range]))`, '{{target}}'))
        .unit('short')
        .decimals(0)
        .thresholds(thresholds('green', [1, 'orange']))
        .textMode(BigValueTextMode.ValueAndName)
        .span(8)
        .height(5),
    )
    .withPanel(
      new statetimeline.PanelBuilder()
        .title('Up over time')
        .description('guidewire_up of each target.')
        .datasource(datasource)
        .withTarget(prom(`guidewire_up{${byJobTarget}}`, '{{target}}'))
        .mappings(upMappings)
        .showValue(VisibilityMode.Never)
        .mergeValues(true)
        .fillOpacity(80)
        .span(24)
        .height(5),
    );
}

function pollingRow(builder: Builder): void {
  builder
    .withRow(new RowBuilder('Polling and the Guidewire API'))
    .withPanel(
      timeseriesPanel('Poll duration', 'Wall time of the last poll of each target; dashed: its poll_interval.')
        .withTarget(prom(`guidewire_poll_duration_seconds{${byJobTarget}}`, '{{target}}'))
        .withTarget(prom(`guidewire_poll_interval_seconds{${byJobTarget}}`, '{{target}} interval'))
        .overrideByRegexp('.* interval$', [
          { id: 'custom.lineStyle', value: new LineStyleBuilder().fill('dash').dash([10, 10]).build() },
          { id: 'custom.fillOpacity', value: 0 },
        ])
        .unit('s')
        .min(0)
        .span(12)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Last successful poll age', 'Time since the last poll in which every request succeeded.')
        .withTarget(prom(pollAge, '{{target}}'))
        .unit('s')
        .min(0)
        .span(12)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Poll errors by reason', 'Failed requests and rejected items per second, by reason.')
        .withTarget(prom(`sum by (target, reason) (rate(guidewire_poll_errors_total{${byJobTarget}}[$__rate_interval]))`, '{{target}} {{reason}}'))
        .unit('cps')
        .min(0)
        .span(12)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('API requests by status code', 'Requests to the System Tools API that got a response, per second, by HTTP status.')
        .withTarget(prom(`sum by (target, code) (rate(guidewire_api_requests_total{${byJobTarget}}[$__rate_interval]))`, '{{target}} {{code}}'))
        .overrideByRegexp('.* 4\\d\\d$', [fixedColor('orange')])
        .overrideByRegexp('.* 5\\d\\d$', [fixedColor('red')])
        .unit('reqps')
        .min(0)
        .span(12)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('API latency', 'Median and 99th percentile duration of System Tools API requests.')
        .withTarget(
          prom(
            `histogram_quantile(0.5, sum by (target, le) (rate(guidewire_api_request_duration_seconds_bucket{${byJobTarget}}[$__rate_interval])))`,
            '{{target}} p50',
          ),
        )
        .withTarget(
          prom(
            `histogram_quantile(0.99, sum by (target, le) (rate(guidewire_api_request_duration_seconds_bucket{${byJobTarget}}[$__rate_interval])))`,
            '{{target}} p99',
          ),
        )
        .unit('s')
        .min(0)
        .span(12)
        .height(8),
    );
}

function processRow(builder: Builder): void {
  builder
    .withRow(new RowBuilder('Exporter process'))
    .withPanel(
      timeseriesPanel('Samples per scrape', 'Samples Prometheus took from each exporter per scrape.')
        .withTarget(prom(`scrape_samples_scraped{${byJob}}`, '{{instance}}'))
        .unit('short')
        .min(0)
        .span(6)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Resident memory', 'Resident set size of the exporter process.')
        .withTarget(prom(`process_resident_memory_bytes{${byJob}}`, '{{instance}}'))
        .unit('bytes')
        .min(0)
        .span(6)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('CPU', 'CPU time used by the exporter process, as a share of one core.')
        .withTarget(prom(`rate(process_cpu_seconds_total{${byJob}}[$__rate_interval])`, '{{instance}}'))
        .unit('percentunit')
        .min(0)
        .span(6)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Event loop lag p99', '99th percentile of the Node.js event loop lag.')
        .withTarget(prom(`nodejs_eventloop_lag_p99_seconds{${byJob}}`, '{{instance}}'))
        .unit('s')
        .min(0)
        .span(6)
        .height(8),
    )
    .withPanel(
      timeseriesPanel('Render errors', 'Snapshots per second that could not be rendered into /metrics; that target is left out of scrapes until it renders again (alert GuidewireExporterRenderErrors).')
        .withTarget(prom(`sum by (target) (rate(guidewire_exporter_render_errors_total{${byJobTarget}}[$__rate_interval]))`, '{{target}}'))
        .unit('cps')
        .min(0)
        .span(12)
        .height(6),
    )
    .withPanel(
      statPanel('Configuration in force', 'Whether the last change of the configuration and of the web configuration was applied; refused means the exporter runs older settings than its files (alert GuidewireExporterConfigReloadFailed).')
        // One query for both gauges: the web configuration's exists only with --web.config.file.
        // label_replace tells the two apart, so that `or` keeps both before the min.
        .withTarget(
          prom(
            `min by (instance) (guidewire_exporter_config_last_reload_successful{${byJob}} or label_replace(guidewire_exporter_web_config_last_reload_successful{${byJob}}, "file", "web", "", ""))`,
            '{{instance}}',
          ),
        )
        .mappings(valueMappings({ '0': { text: 'refused', color: 'red' }, '1': { text: 'applied', color: 'green' } }))
        .textMode(BigValueTextMode.ValueAndName)
        .span(12)
        .height(6),
    )
    .withPanel(
      tablePanel('Build', 'Version, git revision and Node.js version of each exporter instance.')
        .withTarget(promTable(`guidewire_exporter_build_info{${byJob}}`))
        .withTransformation({
          id: 'filterFieldsByName',
          options: { include: { names: ['job', 'instance', 'version', 'revision', 'nodejs_version'] } },
        })
        .withTransformation({
          id: 'organize',
          options: {
            indexByName: { job: 0, instance: 1, version: 2, revision: 3, nodejs_version: 4 },
            renameByName: { job: 'Job', instance: 'Instance', version: 'Version', revision: 'Revision', nodejs_version: 'Node.js' },
          },
        })
        .span(24)
        .height(5),
    );
}

/** Exporter health: is the exporter polling its targets, how the API answers, and the exporter process itself. */
export function exporterDashboard(): Dashboard {
  const builder = dashboardBase('Exporter health', uids.exporter, 'The guidewire-batch-exporter itself: target polls, API requests and errors, and the Node.js process.')
    .withVariable(datasourceVariable())
    .withVariable(jobVariable())
    .withVariable(targetVariable());
  targetsRow(builder);
  pollingRow(builder);
  processRow(builder);
  return finalize(builder);
}
