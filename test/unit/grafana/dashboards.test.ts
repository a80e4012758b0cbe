import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { outcomeNames } from '../../../grafana/src/common.js';
import { buildDashboards } from '../../../grafana/src/dashboards.js';
import { RunOutcomes } from '../../../src/history/outcome.js';
import { snapshotFamilies } from '../../../src/metrics/families.js';
import { selfFamilyDefinitions } from '../../../src/metrics/self-metrics.js';
import { panelQueries } from '../../../grafana/src/queries.js';
import { serializeDashboard } from '../../../grafana/src/serialize.js';
import { metricNames, variableNames } from './promql.js';

const dashboardsDir = new URL('../../../grafana/dashboards/', import.meta.url);

const expected = {
  'overview.json': { uid: 'gw-batch-overview', title: 'Guidewire batch processes / Overview' },
  'batch-process.json': { uid: 'gw-batch-process', title: 'Guidewire batch processes / Batch process' },
  'exporter.json': { uid: 'gw-batch-exporter', title: 'Guidewire batch processes / Exporter health' },
} as const;

const datasource = { type: 'prometheus', uid: '${datasource}' };

/** Recording rules, read from the shipped rule file so the two cannot drift apart. */
const recordingRules = (parse(readFileSync(new URL('../../../monitoring/recording-rules.yml', import.meta.url), 'utf8')) as {
  groups: { rules: { record?: string }[] }[];
}).groups.flatMap((group) => group.rules.flatMap((rule) => (rule.record === undefined ? [] : [rule.record])));
/** The series names a family exposes: its name, and a histogram's or summary's derived series. */
const seriesSuffixes: Partial<Record<string, readonly string[]>> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };
/** Every metric the exporter defines (its families in the source), the recording rules, and Prometheus' own. */
const knownMetrics = new Set([
  ...[...Object.values(snapshotFamilies), ...selfFamilyDefinitions()].flatMap((family) => [family.name, ...(seriesSuffixes[family.type] ?? []).map((suffix) => family.name + suffix)]),
  ...recordingRules,
  'ALERTS',
  'up',
]);
const isKnownMetric = (name: string): boolean => knownMetrics.has(name) || /^scrape_\w+$/.test(name);
const allowedVariables = new Set(['target', 'batch_process', 'job', '__rate_interval', '__range', '__interval']);

interface Panel {
  type: string;
  id: number;
  title: string;
  datasource?: unknown;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { datasource?: unknown; refId?: string }[];
  panels?: Panel[];
  fieldConfig?: { defaults?: { links?: { url: string }[] } };
}
interface Variable { name: string; type: string; query?: unknown; multi?: boolean; includeAll?: boolean; datasource?: unknown }
interface DashboardJson {
  uid: string;
  title: string;
  tags: string[];
  panels: Panel[];
  links: { type: string; tags: string[] }[];
  templating: { list: Variable[] };
  annotations: { list: { expr?: string }[] };
}

const dashboards = buildDashboards() as Record<string, DashboardJson>;
const entries = Object.entries(dashboards);
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
const variable = (dashboard: DashboardJson, name: string): Variable | undefined => dashboard.templating.list.find((v) => v.name === name);

describe('committed dashboards', () => {
  it('are exactly what grafana/src builds', () => {
    const files = readdirSync(dashboardsDir).filter((name) => name.endsWith('.json')).sort();
    expect(files, 'grafana/dashboards holds one file per built dashboard').toEqual(Object.keys(expected).sort());
    for (const [name, dashboard] of entries) {
      const committed = readFileSync(new URL(name, dashboardsDir), 'utf8');
      expect(committed, `grafana/dashboards/${name} is stale: run \`npm run dashboards\``).toBe(serializeDashboard(dashboard));
    }
  });

  it('have stable, unique uids, titles and the guidewire/batch tags', () => {
    for (const [name, dashboard] of entries) {
      expect({ uid: dashboard.uid, title: dashboard.title }).toEqual(expected[name as keyof typeof expected]);
      expect(dashboard.tags).toEqual(expect.arrayContaining(['guidewire', 'batch']));
    }
    expect(new Set(entries.map(([, d]) => d.uid)).size).toBe(entries.length);
  });

  it('use the ${datasource} variable everywhere and no import inputs', () => {
    for (const [name, dashboard] of entries) {
      const text = serializeDashboard(dashboard);
      expect(text, name).not.toContain('${DS_');
      expect(text, name).not.toContain('__inputs');
      expect(variable(dashboard, 'datasource'), name).toMatchObject({ type: 'datasource', query: 'prometheus' });
      for (const panel of allPanels(dashboard.panels).filter((p) => p.type !== 'row')) {
        expect(panel.datasource, `${name}: ${panel.title}`).toEqual(datasource);
        expect(panel.targets?.length, `${name}: ${panel.title} has queries`).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) expect(target.datasource, `${name}: ${panel.title}`).toEqual(datasource);
      }
      for (const v of dashboard.templating.list.filter((v) => v.type === 'query')) expect(v.datasource, `${name}: $${v.name}`).toEqual(datasource);
    }
  });

  it('have unique panel ids and a layout without overlaps', () => {
    for (const [name, dashboard] of entries) {
      const panels = allPanels(dashboard.panels);
      expect(new Set(panels.map((p) => p.id)).size, name).toBe(panels.length);
      const taken = new Set<string>();
      for (const { title, gridPos } of panels) {
        expect(gridPos.x + gridPos.w, `${name}: ${title}`).toBeLessThanOrEqual(24);
        for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
          for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
            expect(taken.has(`${x},${y}`), `${name}: ${title} overlaps at ${x},${y}`).toBe(false);
            taken.add(`${x},${y}`);
          }
        }
      }
    }
  });
});

describe('queries', () => {
  const queries = entries.flatMap(([name, dashboard]) => panelQueries(dashboard).map((q) => ({ ...q, dashboard: name })));
  const annotationExprs = entries.flatMap(([, d]) => d.annotations.list.flatMap((a) => (a.expr === undefined ? [] : [a.expr])));
  const variableQueries = entries.flatMap(([, d]) => d.templating.list.flatMap((v) => (v.type === 'query' && typeof v.query === 'string' ? [v.query] : [])));

  it('are found in every panel', () => {
    const withQueries = entries.flatMap(([, d]) => allPanels(d.panels).filter((p) => p.type !== 'row'));
    expect(new Set(queries.map((q) => `${q.dashboard}: ${q.panel}`)).size).toBe(withQueries.length);
    expect(queries.length).toBe(withQueries.reduce((sum, p) => sum + (p.targets?.length ?? 0), 0));
  });

  it('only use metrics the exporter, the recording rules, Prometheus and Alertmanager provide', () => {
    for (const { dashboard, panel, expr } of [...queries, ...annotationExprs.map((expr) => ({ dashboard: 'annotation', panel: '', expr })), ...variableQueries.map((expr) => ({ dashboard: 'variable', panel: '', expr }))]) {
      const names = metricNames(expr.replace(/^label_values\((.*),\s*\w+\)$/, '$1'));
      expect(names.length, `${dashboard}: ${panel}: ${expr}`).toBeGreaterThan(0);
      expect(expr).not.toContain('__name__');
      for (const metric of names) expect(isKnownMetric(metric), `${dashboard}: ${panel}: unknown metric ${metric} in ${expr}`).toBe(true);
    }
  });

  it('only use the dashboard variables and Grafana interval/range variables', () => {
    for (const { dashboard, panel, expr } of queries) {
      for (const name of variableNames(expr)) expect(allowedVariables.has(name), `${dashboard}: ${panel}: $${name} in ${expr}`).toBe(true);
    }
  });

  it('read metric names the way the checks above rely on', () => {
    expect(metricNames('sum by (target, le) (rate(guidewire_api_request_duration_seconds_bucket{job=~"$job"}[5m])) > 1e3')).toEqual([
      'guidewire_api_request_duration_seconds_bucket',
    ]);
    expect(metricNames('a{x="y"} * on (target) group_left (name) b or vector(0)')).toEqual(['a', 'b']);
    expect(isKnownMetric('guidewire_batch_process_stale')).toBe(false);
    expect(isKnownMetric('guidewire_batch_process_run_duration_seconds_count')).toBe(true);
    expect(isKnownMetric('guidewire_batch_process_state_bucket')).toBe(false);
    // The registry's families, the gauge made on first use and the kept Node.js defaults included.
    expect(isKnownMetric('guidewire_exporter_web_config_last_reload_successful')).toBe(true);
    expect(isKnownMetric('guidewire_api_requests_total')).toBe(true);
    expect(isKnownMetric('process_resident_memory_bytes')).toBe(true);
    expect(isKnownMetric('process_made_up_bytes')).toBe(false);
    expect(isKnownMetric('nodejs_active_handles_total')).toBe(false);
    expect(variableNames('rate(x{target=~"${target:regex}"}[$__rate_interval])')).toEqual(['target', '__rate_interval']);
  });
});

describe('variables and links', () => {
  it('chain target and batch_process, and offer job on the exporter dashboard only', () => {
    for (const [name, dashboard] of entries) {
      expect(variable(dashboard, 'target'), name).toMatchObject({ query: 'label_values(guidewire_up, target)', multi: true, includeAll: true });
      expect(variable(dashboard, 'job') !== undefined, name).toBe(name === 'exporter.json');
    }
    expect(variable(dashboards['exporter.json']!, 'job')).toMatchObject({ query: 'label_values(guidewire_exporter_build_info, job)', multi: true, includeAll: true });
    expect(variable(dashboards['batch-process.json']!, 'batch_process')).toMatchObject({
      query: 'label_values(guidewire_batch_process_info{target=~"$target"}, batch_process)',
      multi: false,
      includeAll: false,
    });
  });

  it('link the dashboards to each other, and overview rows to the batch-process dashboard', () => {
    for (const [name, dashboard] of entries) {
      expect(dashboard.links, name).toContainEqual(expect.objectContaining({ type: 'dashboards', tags: ['guidewire'] }));
    }
    const attention = allPanels(dashboards['overview.json']!.panels).find((p) => p.title === 'Processes needing attention');
    const url = attention?.fieldConfig?.defaults?.links?.[0]?.url ?? '';
    expect(url).toMatch(/^\/d\/gw-batch-process\?/);
    expect(url).toContain('var-target=${__data.fields.target}');
    expect(url).toContain('var-batch_process=${__data.fields.batch_process}');
  });
});

describe('dashboard vocabulary', () => {
  it('colours exactly the run outcomes the exporter exports', () => {
    expect([...outcomeNames]).toEqual([...RunOutcomes]);
  });
});
