import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const read = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const rules = (path: string): Rule[] => (parse(read(path)) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const alerts = rules('monitoring/alerts.yml');
const runbook = read('docs/runbook.md');
const alertsDoc = read('docs/alerts.md');
const exporterWide = new Set(['GuidewireExporterConfigReloadFailed']);

describe('shipped alerts', () => {
  it('include every alert users were promised', () => {
    expect(alerts.map((a) => a.alert).sort()).toEqual(
      [
        'GuidewireBatchProcessFailed',
        'GuidewireBatchProcessFailedOps',
        'GuidewireBatchProcessOverdue',
        'GuidewireBatchProcessRunningTooLong',
        'GuidewireBatchProcessStalled',
        'GuidewireExporterPollErrors',
        'GuidewireExporterStaleData',
        'GuidewireExporterTargetDown',
        'GuidewireExporterRenderErrors',
        'GuidewireExporterConfigReloadFailed',
      ].sort(),
    );
  });

  it.each(alerts.map((a) => [a.alert ?? '?', a] as const))('%s has severity, summary, description, runbook and dashboard links', (name, alert) => {
    expect(['critical', 'warning']).toContain(alert.labels?.['severity']);
    const annotations = alert.annotations ?? {};
    // An alert about the exporter itself (its configuration) names the instance; every other names the target.
    const subject = exporterWide.has(name) ? '{{ $labels.instance }}' : '{{ $labels.target }}';
    expect(annotations['summary']).toContain(subject);
    expect(annotations['description']).toContain(subject);
    if (name.startsWith('GuidewireBatchProcess')) {
      expect(annotations['description']).toContain('{{ $labels.batch_process }}');
      expect(annotations['dashboard_url']).toContain('var-batch_process={{ $labels.batch_process }}');
    }
    const anchor = name.toLowerCase();
    expect(annotations['runbook_url']).toMatch(new RegExp(`/docs/runbook\\.md#${anchor}$`));
    expect(runbook).toContain(`\n## ${name}\n`);
    expect(alertsDoc).toContain(`\`${name}\``);
    expect(annotations['dashboard_url']).toMatch(/^\/d\/gw-batch-(process|exporter)\//);
  });
});
