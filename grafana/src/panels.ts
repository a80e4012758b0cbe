import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizOrientation,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { colors, datasource, fixedColor, outcomeNames, prom } from './common.js';

/** Absolute thresholds: a base colour, then `[value, colour]` steps. */
export function thresholds(base: string, ...steps: [number, string][]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))]);
}

const lastValue = (): ReduceDataOptionsBuilder => new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

/** A stat panel showing the last value of each series. */
export function statPanel(title: string, description: string): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(datasource)
    .reduceOptions(lastValue())
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Background)
    .textMode(BigValueTextMode.Auto);
}

/** A time series panel with a visible legend table (last and max) and a shared tooltip. */
export function timeseriesPanel(title: string, description: string): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(datasource)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.Table)
        .placement(LegendPlacement.Right)
        .calcs(['lastNotNull', 'max']),
    )
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending))
    .fillOpacity(10)
    .lineWidth(1);
}

/** Run counts by `outcome` (legend `{{outcome}}`), each outcome in its colour, half a row wide. */
export function outcomesPanel(title: string, description: string, expr: string): timeseries.PanelBuilder {
  const panel = timeseriesPanel(title, description).withTarget(prom(expr, '{{outcome}}')).unit('short').min(0).span(12).height(8);
  for (const outcome of outcomeNames) panel.overrideByName(outcome, [fixedColor(colors[outcome])]);
  return panel;
}

/** A horizontal bar gauge of the last value of each series. */
export function barGaugePanel(title: string, description: string): bargauge.PanelBuilder {
  return new bargauge.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(datasource)
    .reduceOptions(lastValue())
    .orientation(VizOrientation.Horizontal)
    .showUnfilled(true)
    .min(0);
}

/** A table panel over instant queries. */
export function tablePanel(title: string, description: string): table.PanelBuilder {
  return new table.PanelBuilder().title(title).description(description).datasource(datasource);
}
