/**
 * Writes every dashboard of {@link buildDashboards} to a directory, `grafana/dashboards/` by default
 * (`npm run dashboards`, which runs it compiled from `node_modules/.cache/guidewire-dashboards/`: a place
 * that git, ESLint and the package leave alone).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDashboards } from './dashboards.js';
import { serializeDashboard } from './serialize.js';

const directory = process.argv[2] ?? 'grafana/dashboards';

await mkdir(directory, { recursive: true });
for (const [name, dashboard] of Object.entries(buildDashboards())) {
  const file = join(directory, name);
  await writeFile(file, serializeDashboard(dashboard));
  console.log(`wrote ${file}`);
}
