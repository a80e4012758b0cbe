/** One PromQL query of a dashboard panel. */
export interface PanelQuery {
  readonly panel: string;
  readonly expr: string;
}

interface PanelLike {
  readonly title?: unknown;
  readonly targets?: readonly { readonly expr?: unknown; readonly hide?: unknown }[];
  readonly panels?: readonly PanelLike[];
}

/**
 * Every PromQL `expr` of a dashboard's panels, rows' nested (collapsed) panels included, in layout
 * order, with the title of its panel. Hidden queries are skipped: Grafana does not run them.
 */
export function panelQueries(dashboard: object): { panel: string; expr: string }[] {
  const found: PanelQuery[] = [];
  const walk = (panels: readonly PanelLike[]): void => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (typeof target.expr === 'string' && target.hide !== true) {
          found.push({ panel: typeof panel.title === 'string' ? panel.title : '', expr: target.expr });
        }
      }
      if (panel.panels !== undefined) walk(panel.panels);
    }
  };
  walk((dashboard as { panels?: readonly PanelLike[] }).panels ?? []);
  return found;
}
