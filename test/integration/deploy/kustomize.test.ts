import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findBinary } from '../../e2e/binaries.js';
import { kubernetesDir, only, parseManifests, validateManifest, type Manifest } from '../../unit/deploy/kubernetes-manifests.js';
import { configConfigMap, exampleSecret, resourceManifests } from '../../unit/deploy/source-manifests.js';
import { exporterContainer, flag, workloadProblems } from '../../unit/deploy/workload-checks.js';

const kubectl = findBinary('kubectl');
if (kubectl === undefined) console.warn('\n*** kubectl is not on PATH: the `kubectl kustomize deploy/kubernetes` test is SKIPPED ***\n');

async function render(dir: URL = kubernetesDir): Promise<Manifest[]> {
  const { stdout } = await promisify(execFile)(kubectl ?? 'kubectl', ['kustomize', fileURLToPath(dir)], { maxBuffer: 16 * 1024 * 1024 });
  return parseManifests(stdout);
}

describe.skipIf(kubectl === undefined)('kubectl kustomize deploy/kubernetes', () => {
  it('renders every resource, in the namespace, each valid against its schema', async () => {
    const rendered = await render();
    const kinds = rendered.map((m) => `${m.kind}/${m.metadata.name}`).sort();
    const expected = [...resourceManifests(), configConfigMap()].map((m) => `${m.kind}/${m.metadata.name}`);
    // The generated ConfigMap's name gains a content hash.
    expect(kinds.map((k) => k.replace(/^(ConfigMap\/guidewire-batch-exporter-config)-\w+$/, '$1'))).toEqual(expected.sort());
    for (const manifest of rendered) {
      expect(manifest.metadata.namespace, manifest.metadata.name).toBe('monitoring');
      expect(() => validateManifest(manifest), `${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
    }
  });

  it('keeps Deployment, Service, ServiceMonitor, Secret and the hashed ConfigMap in agreement, with the released image', async () => {
    const rendered = await render();
    const configMap = rendered.find((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('guidewire-batch-exporter-config-'));
    if (configMap === undefined) throw new Error('no generated configuration ConfigMap');
    expect(configMap['data']).toEqual(configConfigMap()['data']);
    expect(workloadProblems(rendered, exampleSecret(), configMap)).toEqual([]);
    const deployment = only(rendered, 'Deployment');
    expect(JSON.stringify(deployment)).toMatch(/"image":"ghcr\.io\/guidewire-batch-exporter\/guidewire-batch-exporter:\d+\.\d+\.\d+"/);
  });
});

describe.skipIf(kubectl === undefined)('kubectl kustomize deploy/overlays/sharded', () => {
  const sharded = new URL('../overlays/sharded/', kubernetesDir);

  it('replaces the Deployment by a StatefulSet whose replicas are the shards, the rest as in the base', async () => {
    const [base, rendered] = await Promise.all([render(), render(sharded)]);
    const kinds = (manifests: Manifest[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();
    expect(kinds(rendered)).toEqual(kinds(base).map((k) => k.replace(/^Deployment\//, 'StatefulSet/')).sort());
    for (const manifest of rendered) {
      expect(manifest.metadata.namespace, manifest.metadata.name).toBe('monitoring');
      expect(manifest.metadata.labels?.['app.kubernetes.io/part-of'], manifest.metadata.name).toBe('guidewire-batch-exporter');
      expect(() => validateManifest(manifest), `${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
    }
    const set = only(rendered, 'StatefulSet');
    const spec = set['spec'] as { replicas: number; serviceName: string };
    const container = exporterContainer(set);
    // Each pod takes its shard from its ordinal; there are as many pods as shards.
    expect(flag(container, '--total-shards')).toBe(String(spec.replicas));
    expect(spec.replicas).toBe(3);
    expect(container.args).toContain('--shard.from-pod-name');
    expect(container.env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(spec.serviceName).toBe(only(rendered, 'Service').metadata.name);
    // The Service, ServiceMonitor, Secret and hashed ConfigMap agree with the StatefulSet as with the Deployment.
    const configMap = rendered.find((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('guidewire-batch-exporter-config-'));
    if (configMap === undefined) throw new Error('no generated configuration ConfigMap');
    const asDeployment = rendered.map((m) => (m.kind === 'StatefulSet' ? { ...m, kind: 'Deployment' } : m));
    expect(workloadProblems(asDeployment, exampleSecret(), configMap)).toEqual([]);
  });

  it('keeps the pod template of the base Deployment, but for the sharding flags and POD_NAME', async () => {
    const [base, rendered] = await Promise.all([render(), render(sharded)]);
    type Template = { spec: { containers: { args: string[]; env: { name: string }[] }[] } };
    const template = (m: Manifest): Template => structuredClone((m['spec'] as { template: Template }).template);
    const fromSet = template(only(rendered, 'StatefulSet'));
    for (const container of fromSet.spec.containers) {
      container.args = container.args.filter((arg) => arg !== '--shard.from-pod-name' && !arg.startsWith('--total-shards='));
      container.env = container.env.filter((env) => env.name !== 'POD_NAME');
    }
    expect(fromSet).toEqual(template(only(base, 'Deployment')));
  });
});
