import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  AnnotationQueryBuilder,
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  FieldColorBuilder,
  FieldColorModeId,
  MappingType,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
  type DataSourceRef,
  type DynamicConfigValue,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';

/** Every panel and query points at the `datasource` variable: no `${DS_…}` import inputs. */
export const datasource: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Stable dashboard uids; the links between the dashboards rely on them. */
export const uids = {
  overview: 'gw-batch-overview',
  batchProcess: 'gw-batch-process',
  exporter: 'gw-batch-exporter',
} as const;

export const titlePrefix = 'Guidewire batch processes';

/** Label selectors shared by the queries. */
export const byTarget = 'target=~"$target"';
export const byProcess = 'target=~"$target", batch_process="$batch_process"';
export const byJob = 'job=~"$job"';

/** The `outcome` label values of `guidewire_batch_process_runs_total` (the exporter's RunOutcomes). */
export const outcomeNames = ['succeeded', 'failed_ops', 'internal_failure', 'incomplete'] as const;

/** Colours of the process states, run outcomes and flags, the same on every dashboard. */
export const colors = {
  never_run: 'text',
  running: 'blue',
  completed: 'green',
  failed: 'red',
  stalled: 'orange',
  succeeded: 'green',
  failed_ops: 'orange',
  internal_failure: 'red',
  incomplete: 'purple',
} as const;

/** A Prometheus query against `${datasource}`; refIds are assigned by {@link finalize}. */
export function prom(expr: string, legend?: string): DataqueryBuilder {
  const query = new DataqueryBuilder().datasource(datasource).expr(expr).range();
  return legend === undefined ? query : query.legendFormat(legend);
}

/** An instant query returning a table (one row per series, labels as columns). */
export function promTable(expr: string): DataqueryBuilder {
  return new DataqueryBuilder().datasource(datasource).expr(expr).instant().format(PromQueryFormat.Table);
}

/** An override property giving a field one fixed colour. */
export function fixedColor(color: string): DynamicConfigValue {
  return { id: 'color', value: { mode: 'fixed', fixedColor: color } };
}

/** A field colour scheme of one fixed colour. */
export function fixedScheme(color: string): FieldColorBuilder {
  return new FieldColorBuilder().mode(FieldColorModeId.Fixed).fixedColor(color);
}

/** Value mappings from exact values to a text and colour. */
export function valueMappings(entries: Record<string, { text: string; color: string }>): ValueMapping[] {
  const options = Object.fromEntries(
    Object.entries(entries).map(([value, result], index) => [value, { ...result, index }]),
  );
  return [{ type: MappingType.ValueToText, options }];
}

export const datasourceVariable = (): DatasourceVariableBuilder =>
  new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus');

function labelValuesVariable(name: string, label: string, query: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(datasource)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalCaseInsensitiveAsc);
}

const allOption = { selected: true, text: 'All', value: '$__all' };

/** `target`: the exporter's configured targets, several at once. */
export const targetVariable = (): QueryVariableBuilder =>
  labelValuesVariable('target', 'Target', 'label_values(guidewire_up, target)')
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current(allOption);

/** `batch_process`: the type codes of the selected targets, exactly one at a time. */
export const batchProcessVariable = (): QueryVariableBuilder =>
  labelValuesVariable(
    'batch_process',
    'Batch process',
    'label_values(guidewire_batch_process_info{target=~"$target"}, batch_process)',
  )
    .multi(false)
    .includeAll(false);

/** `job`: the Prometheus jobs scraping an exporter. */
export const jobVariable = (): QueryVariableBuilder =>
  labelValuesVariable('job', 'Job', 'label_values(guidewire_exporter_build_info, job)')
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current(allOption);

/** The settings every dashboard shares: tags, time range, refresh, crosshair, links to its siblings. */
export function dashboardBase(title: string, uid: string, description: string): DashboardBuilder {
  return new DashboardBuilder(`${titlePrefix} / ${title}`)
    .uid(uid)
    .description(description)
    .tags(['guidewire', 'batch'])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('1m')
    .timezone('browser')
    .tooltip(DashboardCursorSync.Crosshair)
    .annotation(
      new AnnotationQueryBuilder()
        .name('Annotations & Alerts')
        .datasource({ type: 'grafana', uid: '-- Grafana --' })
        .type('dashboard')
        .builtIn(1)
        .enable(true)
        .hide(true)
        .iconColor('rgba(0, 211, 255, 1)'),
    )
    .link(
      new DashboardLinkBuilder('Guidewire')
        .type(DashboardLinkType.Dashboards)
        .tags(['guidewire'])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
}

/** A link to the batch-process dashboard for the row under the cursor (table data links). */
export function batchProcessLink(): DashboardLinkBuilder {
  return new DashboardLinkBuilder('Open ${__data.fields.batch_process} (${__data.fields.target})').url(
    `/d/${uids.batchProcess}?var-datasource=\${datasource}&var-target=\${__data.fields.target}` +
      '&var-batch_process=${__data.fields.batch_process}&${__url_time_range}',
  );
}

/** A link to the batch-process dashboard for the series under the cursor (bar gauges, time series). */
export function seriesProcessLink(): DashboardLinkBuilder {
  return new DashboardLinkBuilder('Open ${__field.labels.batch_process} (${__field.labels.target})').url(
    `/d/${uids.batchProcess}?var-datasource=\${datasource}&var-target=\${__field.labels.target}` +
      '&var-batch_process=${__field.labels.batch_process}&${__url_time_range}',
  );
}

interface PanelJson {
  type: string;
  id?: number;
  targets?: { refId?: string }[];
  panels?: PanelJson[];
  fieldConfig?: { defaults?: { links?: { title: string; url: string; targetBlank?: boolean }[] } };
}

/**
 * Builds a dashboard and fills in what the builders leave open: unique panel ids (in layout order),
 * query refIds A, B, … per panel, data links reduced to the fields of a data link (the SDK builds them
 * as dashboard links), and links and annotation toggles shown inline rather than in the controls menu
 * (the SDK's default `placement`, which only the newest Grafana versions know).
 */
export function finalize(builder: cog.Builder<Dashboard>): Dashboard {
  const dashboard = builder.build();
  let id = 0;
  const walk = (panels: PanelJson[]): void => {
    for (const panel of panels) {
      panel.id = ++id;
      panel.targets?.forEach((target, index) => {
        target.refId = String.fromCharCode(65 + index);
      });
      const defaults = panel.fieldConfig?.defaults;
      if (defaults?.links !== undefined) {
        defaults.links = defaults.links.map(({ title, url, targetBlank }) => ({ title, url, targetBlank: targetBlank ?? false }));
      }
      if (panel.panels !== undefined) walk(panel.panels);
    }
  };
  walk((dashboard.panels ?? []) as PanelJson[]);
  for (const link of dashboard.links ?? []) delete link.placement;
  for (const annotation of dashboard.annotations.list ?? []) delete annotation.placement;
  return dashboard;
}
