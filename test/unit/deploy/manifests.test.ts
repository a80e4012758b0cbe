import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildManifests, ruleFiles } from '../../../deploy/generate/manifests.js';
import { kubernetesDir, only, parseManifests, readRepoFile, repoRoot, validateManifest } from './kubernetes-manifests.js';

const committed = (file: string): string => readFileSync(new URL(file, kubernetesDir), 'utf8');
const manifestFiles = readdirSync(kubernetesDir).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');

describe('generated Kubernetes manifests', () => {
  const built = buildManifests(repoRoot);

  it('are committed exactly as `npm run manifests` writes them', () => {
    expect(Object.keys(built).sort()).toEqual(['grafana-dashboards.yaml', 'prometheus-rule.yaml']);
    for (const [file, text] of Object.entries(built)) {
      expect(committed(file), `deploy/kubernetes/${file} is stale: run \`npm run manifests\``).toBe(text);
    }
  });

  it('hold every rule group of monitoring/ unchanged in the PrometheusRule', () => {
    const rule = only(parseManifests(committed('prometheus-rule.yaml')), 'PrometheusRule');
    const groups = ruleFiles.flatMap((file) => (parse(readRepoFile(`monitoring/${file}`)) as { groups: unknown[] }).groups);
    expect((rule['spec'] as { groups: unknown[] }).groups).toEqual(groups);
    const exprs = (rule['spec'] as { groups: { rules: { expr: string }[] }[] }).groups.flatMap((g) => g.rules.map((r) => r.expr));
    expect(exprs).toHaveLength(27);
    expect(exprs.join('\n')).toContain('max by (target, batch_process)');
  });

  it('hold each dashboard JSON byte for byte in a ConfigMap labelled for the Grafana sidecar', () => {
    const configMaps = parseManifests(committed('grafana-dashboards.yaml'));
    const dashboards = readdirSync(new URL('grafana/dashboards/', repoRoot)).filter((file) => file.endsWith('.json')).sort();
    expect(configMaps.map((configMap) => Object.keys(configMap['data'] as object)).flat().sort()).toEqual(dashboards);
    for (const configMap of configMaps) {
      expect(configMap.metadata.labels?.['grafana_dashboard']).toBe('1');
      for (const [file, json] of Object.entries(configMap['data'] as Record<string, string>)) {
        expect(json).toBe(readRepoFile(`grafana/dashboards/${file}`));
        expect(() => JSON.parse(json) as unknown).not.toThrow();
      }
      // Past 256 KiB client-side `kubectl apply` cannot store its last-applied annotation.
      expect(JSON.stringify(configMap).length).toBeLessThan(256 * 1024);
    }
  });
});

describe('every manifest of deploy/kubernetes', () => {
  it.each(manifestFiles)('%s passes the Kubernetes / Prometheus Operator schema', (file) => {
    const manifests = parseManifests(committed(file));
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) expect(() => validateManifest(manifest), `${file}: ${manifest.kind}`).not.toThrow();
  });
});

// Whether the schemas reject a broken manifest is kubernetes-models' business, tested there; what is ours
// is that no kind of ours goes unchecked.
describe('the schema validation', () => {
  it('refuses a kind it has no schema for', () => {
    expect(() => validateManifest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toThrow(/no schema/);
  });
});
