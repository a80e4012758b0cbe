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
// Alerts about the exporter itself: they name the instance, not a target (ConfigReloadFailed), and a
// maintenance window of a target does not silence them (a render failure is the exporter's fault).
const exporterWide = new Set(['GuidewireExporterConfigReloadFailed']);
const notSilencedByMaintenance = new Set(['GuidewireExporterConfigReloadFailed', 'GuidewireExporterRenderErrors']);
// The rule names a schedule alert may come with at severity info: those for learned cadences.
const learnedVariants = new Set(['GuidewireBatchProcessLate', 'GuidewireBatchProcessMissed']);
const maintenanceClause = /\n? *unless on \(target\) guidewire_maintenance_active == 1\n?$/;
// The ownership join (docs/alerts.md#routing-by-owner): every label of guidewire_batch_process_info but the
// replica's own comes along, whatever its name, and one alert stands for two replicas.
const ownershipJoin = /\)\n +\* on \(target, batch_process\) group_right\nmax without \(instance, pod\) \(guidewire_batch_process_info\)\n +unless on \(target\) guidewire_maintenance_active == 1\n$/;
// A severity among the labels of an override replaces the rule's default.
const severityOf = (alert: Rule): string | undefined => {
  const severity = alert.labels?.['severity'];
  return severity?.match(/^\{\{ with \$labels\.severity \}\}\{\{ \. \}\}\{\{ else \}\}(\w+)\{\{ end \}\}$/)?.[1] ?? severity;
};

describe('shipped alerts', () => {
  it('include every alert users were promised', () => {
    expect([...new Set(alerts.map((a) => a.alert))].sort()).toEqual(
      [
        'GuidewireBatchProcessFailed',
        'GuidewireBatchProcessFailedOps',
        'GuidewireBatchProcessOverdue',
        'GuidewireBatchProcessRunningTooLong',
        'GuidewireBatchProcessStalled',
        'GuidewireBatchProcessLate',
        'GuidewireBatchProcessMissed',
        'GuidewireBatchProcessDeadlineAtRisk',
        'GuidewireBatchProcessDeadlineMissed',
        'GuidewireBatchProcessRunningLongerThanUsual',
        'GuidewireBatchProcessEndedTooQuickly',
        'GuidewireBatchProcessZeroOps',
        'GuidewireConsistencyCheckErrors',
        'GuidewireExporterPollErrors',
        'GuidewireExporterStaleData',
        'GuidewireExporterTargetDown',
        'GuidewireExporterRenderErrors',
        'GuidewireExporterConfigReloadFailed',
      ].sort(),
    );
  });

  it.each(alerts.map((a) => [`${a.alert ?? '?'} (${severityOf(a) ?? '?'})`, a] as const))(
    '%s has severity, summary, description, runbook and dashboard links',
    (_, alert) => {
      const name = alert.alert ?? '?';
      // Late and Missed for a learned cadence (a guess from the history) only inform.
      const learned = alert.expr.includes('source="learned"');
      expect(learned ? ['info'] : ['critical', 'warning']).toContain(severityOf(alert));
      // Learned cadences stay at info whatever the owner asked; every other alert about a process (or the
      // consistency checks) takes the owner's severity; alerts about the exporter have no owner.
      if (!learned && !name.startsWith('GuidewireExporter')) expect(alert.labels?.['severity']).toMatch(/^\{\{ with \$labels\.severity \}\}/);
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
    },
  );

  it('come for configured and for learned schedules apart, so that the learned ones can rank lower', () => {
    for (const name of learnedVariants) {
      const variants = alerts.filter((a) => a.alert === name);
      expect(variants.map((a) => [a.expr.match(/source(!?=)"learned"/)?.[1], severityOf(a)]).sort()).toEqual([
        ['!=', 'warning'],
        ['=', 'info'],
      ]);
    }
    expect(alerts.filter((a) => a.expr.includes('source="learned"')).map((a) => a.alert)).toEqual([...learnedVariants]);
  });

  it('carry the labels of guidewire_batch_process_info (the owner labels of overrides) into every per-process alert', () => {
    const perProcess = alerts.filter((a) => a.alert?.startsWith('GuidewireBatchProcess'));
    expect(perProcess.length).toBe(14);
    for (const alert of perProcess) expect(alert.expr, alert.alert).toMatch(ownershipJoin);
    // Per target, the consistency checks take the labels of the target's DBConsistencyCheck process.
    const dbcc = alerts.find((a) => a.alert === 'GuidewireConsistencyCheckErrors');
    expect(dbcc?.expr).toMatch(/group_right\n *max without \(instance, pod\) \(guidewire_batch_process_info\{batch_process="DBConsistencyCheck"\}\)\n *or on \(target\)/);
  });

  it('are silenced by a maintenance window of their target, except those about the exporter itself', () => {
    for (const alert of alerts) {
      const silenced = maintenanceClause.test(alert.expr);
      expect(silenced, `${alert.alert ?? '?'}: ${alert.expr}`).toBe(!notSilencedByMaintenance.has(alert.alert ?? ''));
    }
  });
});
