import { parse } from 'yaml';
import { parseManifests, readRepoFile, type Manifest } from './kubernetes-manifests.js';

interface Kustomization {
  resources: string[];
  configMapGenerator: { name: string; files: string[] }[];
  images: { name: string; newName: string; newTag: string }[];
}

/** deploy/kubernetes/kustomization.yaml, parsed. */
export const kustomization = (): Kustomization => parse(readRepoFile('deploy/kubernetes/kustomization.yaml')) as Kustomization;

/** The manifests kustomization.yaml lists as resources, as committed (before kustomize). */
export const resourceManifests = (): Manifest[] =>
  kustomization().resources.flatMap((file) => parseManifests(readRepoFile(`deploy/kubernetes/${file}`)));

/** The ConfigMap kustomize generates for the exporter's configuration, without the hash suffix. */
export function configConfigMap(): Manifest {
  const generator = kustomization().configMapGenerator[0];
  if (generator === undefined) throw new Error('kustomization.yaml has no configMapGenerator');
  const data = Object.fromEntries(generator.files.map((file) => [file, readRepoFile(`deploy/kubernetes/${file}`)]));
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data };
}

/** deploy/kubernetes/secret.example.yaml. */
export const exampleSecret = (): Manifest => parseManifests(readRepoFile('deploy/kubernetes/secret.example.yaml'))[0] as Manifest;
