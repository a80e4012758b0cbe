import { describe, expect, it } from 'vitest';
import { only, readRepoFile, type Manifest } from './kubernetes-manifests.js';
import { configConfigMap, exampleSecret, kustomization, resourceManifests } from './source-manifests.js';
import { exporterContainer, workloadProblems, type Container } from './workload-checks.js';

const version = (JSON.parse(readRepoFile('package.json')) as { version: string }).version;

/** The committed resources with one change applied to a copy of the named kind. */
function mutated(kind: string, change: (manifest: Manifest) => void): Manifest[] {
  return resourceManifests().map((manifest) => {
    if (manifest.kind !== kind) return manifest;
    const copy = structuredClone(manifest);
    change(copy);
    return copy;
  });
}
const problemsOf = (manifests: Manifest[]): string[] => workloadProblems(manifests, exampleSecret(), configConfigMap());

describe('deploy/kubernetes', () => {
  it('Deployment, Service, ServiceMonitor, Secret and ConfigMap agree on labels, ports, paths and names', () => {
    expect(problemsOf(resourceManifests())).toEqual([]);
  });

  it('the agreement check notices a broken selector, port name, scrape interval, probe, security setting or secret key', () => {
    const inContainer = (change: (container: Container) => void): Manifest[] => mutated('Deployment', (d) => change(exporterContainer(d)));
    const endpoint = (change: (e: Record<string, string>) => void): Manifest[] => mutated('ServiceMonitor', (m) => change((m['spec'] as { endpoints: Record<string, string>[] }).endpoints[0]!));
    for (const broken of [endpoint((e) => (e['interval'] = '30 seconds')), endpoint((e) => (e['scrapeTimeout'] = '45s'))]) {
      expect(problemsOf(broken)).toContain('a ServiceMonitor endpoint has no Prometheus interval and scrapeTimeout within it');
    }
    expect(problemsOf(mutated('Service', (s) => ((s['spec'] as { selector: object }).selector = { app: 'other' }))))
      .toContain('the Service selector does not match the pod labels');
    expect(problemsOf(mutated('ServiceMonitor', (m) => ((m['spec'] as { endpoints: { port: string }[] }).endpoints[0]!.port = 'metrics'))))
      .toContain('a ServiceMonitor endpoint names no Service port');
    expect(problemsOf(inContainer((c) => (c.readinessProbe = { httpGet: { path: '/-/ready', port: 8080 } }))))
      .toContain('readinessProbe does not hit the port the exporter listens on');
    expect(problemsOf(inContainer((c) => (c.securityContext = { ...c.securityContext, readOnlyRootFilesystem: false }))))
      .toContain('the root filesystem is writable');
    expect(problemsOf(inContainer((c) => (c.env = [{ name: 'GW_CLIENT_ID', valueFrom: { secretKeyRef: { name: 'guidewire-batch-exporter', key: 'clientId' } } }]))))
      .toContain('env GW_CLIENT_ID reads a key the Secret lacks');
    expect(problemsOf(inContainer((c) => (c.args = ['--config.file=/etc/gwe.yml']))))
      .toContain('--config.file /etc/gwe.yml is not in the mounted ConfigMap guidewire-batch-exporter-config');
  });

  it('runs the image of this version, by the name kustomization.yaml rewrites', () => {
    const image = kustomization().images[0];
    expect(image?.newTag).toBe(version);
    expect(exporterContainer(only(resourceManifests(), 'Deployment')).image).toBe(image?.name);
  });

  it('keeps the example Secret out of the kustomization, with placeholder values only', () => {
    expect(kustomization().resources).not.toContain('secret.example.yaml');
    for (const value of Object.values(exampleSecret()['stringData'] as Record<string, string>)) expect(value).toMatch(/^REPLACE-WITH-/);
  });
});
