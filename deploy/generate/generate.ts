/**
 * Writes {@link buildManifests} to deploy/kubernetes/ (`npm run manifests`, which runs it compiled from
 * node_modules/.cache/gwe-manifests/, as `npm run dashboards` does for grafana/src).
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { buildManifests } from './manifests.js';

const root = pathToFileURL(`${process.cwd()}/`);
for (const [file, text] of Object.entries(buildManifests(root))) {
  const target = new URL(`deploy/kubernetes/${file}`, root);
  await writeFile(target, text);
  console.log(`wrote deploy/kubernetes/${file}`);
}
