import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findBinary } from '../../e2e/binaries.js';
import { kubernetesDir, only, parseManifests, validateManifest, type Manifest } from '../../unit/deploy/kubernetes-manifests.js';
import { configConfigMap, exampleSecret, resourceManifests } from '../../unit/deploy/source-manifests.js';
import { workloadProblems } from '../../unit/deploy/workload-checks.js';

const kubectl = findBinary('kubectl');
if (kubectl === undefined) console.warn('\n*** kubectl is not on PATH: the `kubectl kustomize deploy/kubernetes` test is SKIPPED ***\n');

async function render(): Promise<Manifest[]> {
  const { stdout } = await promisify(execFile)(kubectl ?? 'kubectl', ['kustomize', fileURLToPath(kubernetesDir)], { maxBuffer: 16 * 1024 * 1024 });
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
