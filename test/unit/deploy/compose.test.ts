import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile, repoRoot } from './kubernetes-manifests.js';

interface Service { build?: string; image?: string; command?: string[]; ports?: string[]; volumes?: string[]; environment?: Record<string, string> }
const compose = parse(readRepoFile('docker-compose.yml')) as { services: Record<string, Service> };
const services = compose.services;

/** Bind mounts of a service: container path → repository path (named volumes left out). */
const mounts = (service: string): Record<string, string> =>
  Object.fromEntries((services[service]?.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => {
    const [source = '', target = ''] = v.split(':');
    return [target, source.slice(2)];
  }));
/** Container ports a service publishes. */
const containerPorts = (service: string): string[] => (services[service]?.ports ?? []).map((p) => p.split(':').pop() ?? '');
/** The value of `--flag=` in a service's command. */
const flag = (service: string, name: string): string | undefined =>
  services[service]?.command?.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);

const exporter = Object.entries(services).find(([, service]) => service.build !== undefined);
const prometheusConfigPath = flag('prometheus', '--config.file') ?? '';
const prometheusConfig = parse(readRepoFile(mounts('prometheus')[prometheusConfigPath] ?? 'missing')) as {
  rule_files: string[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
};

describe('docker-compose.yml', () => {
  it('builds the exporter from the Dockerfile and runs it in demo mode, read-only', () => {
    expect(exporter?.[1].command).toEqual(['--demo']);
    expect(existsSync(new URL(`${exporter?.[1].build ?? ''}/Dockerfile`, repoRoot))).toBe(true);
    expect(containerPorts(exporter?.[0] ?? '')).toEqual(['7723']);
    expect(exporter?.[1]).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
  });

  it('mounts only files and directories that exist', () => {
    const sources = Object.keys(services).flatMap((service) => Object.values(mounts(service)));
    expect(sources.length).toBeGreaterThanOrEqual(6);
    for (const source of sources) expect(existsSync(new URL(source, repoRoot)), source).toBe(true);
  });

  it('has Prometheus scrape the exporter service on its port and alert to the Alertmanager service', () => {
    const job = prometheusConfig.scrape_configs.find((config) => config.job_name === 'guidewire-batch-exporter');
    expect(job?.static_configs.flatMap((c) => c.targets)).toEqual([`${exporter?.[0]}:${containerPorts(exporter?.[0] ?? '')[0]}`]);
    const [host, port] = (prometheusConfig.alerting.alertmanagers[0]?.static_configs[0]?.targets[0] ?? '').split(':');
    expect(Object.keys(services)).toContain(host);
    expect(containerPorts(host ?? '')).toContain(port);
  });

  it('loads exactly the rule files of monitoring/, mounted where the Prometheus config looks', () => {
    const loaded = prometheusConfig.rule_files.map((path) => mounts('prometheus')[path]);
    expect(loaded.sort()).toEqual(['monitoring/alerts.yml', 'monitoring/recording-rules.yml']);
  });

  it('gives Grafana the provisioning of grafana/ whose data source URL is the Prometheus service and whose dashboards are mounted', () => {
    const grafana = mounts('grafana');
    expect(grafana['/etc/grafana/provisioning']).toBe('grafana/provisioning');
    const datasource = parse(readRepoFile('grafana/provisioning/datasources/prometheus.yml')) as { datasources: { url: string }[] };
    const url = new URL(datasource.datasources[0]?.url ?? '');
    expect(Object.keys(services)).toContain(url.hostname);
    expect(containerPorts(url.hostname)).toContain(url.port);
    const provider = parse(readRepoFile('grafana/provisioning/dashboards/guidewire.yml')) as { providers: { options: { path: string } }[] };
    expect(grafana[provider.providers[0]?.options.path ?? '']).toBe('grafana/dashboards');
  });

  it("opens Grafana on a dashboard that is mounted from grafana/dashboards/", () => {
    const home = services['grafana']?.environment?.['GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH'] ?? '';
    const mount = Object.entries(mounts('grafana')).find(([target]) => home.startsWith(`${target}/`));
    expect(mount?.[1]).toBe('grafana/dashboards');
    expect(existsSync(new URL(`${mount?.[1] ?? ''}${home.slice(mount?.[0].length ?? 0)}`, repoRoot)), home).toBe(true);
  });
});
