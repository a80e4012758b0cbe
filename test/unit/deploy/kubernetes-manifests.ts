import { readFileSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as parsed from YAML; the fields the tests read, loosely typed. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export const repoRoot = new URL('../../../', import.meta.url);
export const kubernetesDir = new URL('deploy/kubernetes/', repoRoot);
export const readRepoFile = (path: string): string => readFileSync(new URL(path, repoRoot), 'utf8');

/** Every document of a multi-document YAML text; a YAML error fails the caller. */
export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map((e) => e.message).join('\n'));
    return document.toJS() as Manifest;
  });
}

const models: Record<string, (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': (data) => new Deployment(data),
  'apps/v1/StatefulSet': (data) => new StatefulSet(data),
  'v1/ConfigMap': (data) => new ConfigMap(data),
  'v1/Secret': (data) => new Secret(data),
  'v1/Service': (data) => new Service(data),
  'monitoring.coreos.com/v1/PrometheusRule': (data) => new PrometheusRule(data),
  'monitoring.coreos.com/v1/ServiceMonitor': (data) => new ServiceMonitor(data),
};

/**
 * Validates a manifest against the Kubernetes or Prometheus Operator schema of its kind and throws with
 * the schema's complaints. A kind without a schema here is an error too, so nothing goes unchecked.
 * (The schemas allow unknown fields: the tests read the important ones by name.)
 */
export function validateManifest(manifest: Manifest): void {
  const model = models[`${manifest.apiVersion}/${manifest.kind}`];
  if (model === undefined) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  model(manifest as never).validate();
}

/** The one manifest of a kind (and name, when given) among `manifests`. */
export function only(manifests: readonly Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name === undefined ? '' : ` ${name}`}, found ${found.length}`);
  return found[0] as Manifest;
}
